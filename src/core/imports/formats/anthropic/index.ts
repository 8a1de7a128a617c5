import type { JsonImporter, TableImporter } from '../types';

/** The anthropic importers, registered in ../index.ts. */
export const ANTHROPIC_TABLE_IMPORTERS: readonly TableImporter[] = [];
export const ANTHROPIC_JSON_IMPORTERS: readonly JsonImporter[] = [];
