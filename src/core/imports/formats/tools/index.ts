import type { JsonImporter, TableImporter } from '../types';

/** The tools importers, registered in ../index.ts. */
export const TOOLS_TABLE_IMPORTERS: readonly TableImporter[] = [];
export const TOOLS_JSON_IMPORTERS: readonly JsonImporter[] = [];
