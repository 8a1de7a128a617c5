import type { JsonImporter, TableImporter } from '../types';

/** The azure importers, registered in ../index.ts. */
export const AZURE_TABLE_IMPORTERS: readonly TableImporter[] = [];
export const AZURE_JSON_IMPORTERS: readonly JsonImporter[] = [];
