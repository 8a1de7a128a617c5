import type { JsonImporter, TableImporter } from '../types';

/** The aws importers, registered in ../index.ts. */
export const AWS_TABLE_IMPORTERS: readonly TableImporter[] = [];
export const AWS_JSON_IMPORTERS: readonly JsonImporter[] = [];
