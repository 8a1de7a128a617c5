import type { JsonImporter, TableImporter } from '../types';
import { anthropicCostApiImporter } from './admin-costs';
import { anthropicUsageApiImporter } from './admin-usage';
import { anthropicConsoleCostImporter } from './console-cost-csv';
import { anthropicConsoleUsageImporter } from './console-usage-csv';

/** The anthropic importers, registered in ../index.ts. */
export const ANTHROPIC_TABLE_IMPORTERS: readonly TableImporter[] = [anthropicConsoleUsageImporter, anthropicConsoleCostImporter];
export const ANTHROPIC_JSON_IMPORTERS: readonly JsonImporter[] = [anthropicUsageApiImporter, anthropicCostApiImporter];
