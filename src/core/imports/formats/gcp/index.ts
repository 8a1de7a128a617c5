import type { JsonImporter, TableImporter } from '../types';

/** The gcp importers, registered in ../index.ts. */
export const GCP_TABLE_IMPORTERS: readonly TableImporter[] = [];
export const GCP_JSON_IMPORTERS: readonly JsonImporter[] = [];
