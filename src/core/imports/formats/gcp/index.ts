import type { JsonImporter, TableImporter } from '../types';
import { gcpBillingExportImporter, gcpCostTableImporter } from './importers';

/** The gcp importers, registered in ../index.ts. */
export const GCP_TABLE_IMPORTERS: readonly TableImporter[] = [gcpBillingExportImporter, gcpCostTableImporter];
export const GCP_JSON_IMPORTERS: readonly JsonImporter[] = [];
