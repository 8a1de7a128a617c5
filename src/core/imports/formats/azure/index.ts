import type { JsonImporter, TableImporter } from '../types';
import { azureCostExportImporter, azureUsageDetailsImporter } from './importers';

/** The azure importers, registered in ../index.ts. */
export const AZURE_TABLE_IMPORTERS: readonly TableImporter[] = [azureCostExportImporter, azureUsageDetailsImporter];
export const AZURE_JSON_IMPORTERS: readonly JsonImporter[] = [];
