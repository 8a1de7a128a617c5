import type { JsonImporter, TableImporter } from '../types';

/** The openai importers, registered in ../index.ts. */
export const OPENAI_TABLE_IMPORTERS: readonly TableImporter[] = [];
export const OPENAI_JSON_IMPORTERS: readonly JsonImporter[] = [];
