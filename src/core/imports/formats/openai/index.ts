import type { JsonImporter, TableImporter } from '../types';
import { openAiCostsApiImporter } from './admin-costs';
import { openAiUsageApiImporter } from './admin-usage';
import { openAiDashboardCostImporter } from './dashboard-csv';

/** The openai importers, registered in ../index.ts. */
export const OPENAI_TABLE_IMPORTERS: readonly TableImporter[] = [openAiDashboardCostImporter];
export const OPENAI_JSON_IMPORTERS: readonly JsonImporter[] = [openAiUsageApiImporter, openAiCostsApiImporter];
