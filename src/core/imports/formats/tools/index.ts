import type { JsonImporter, TableImporter } from '../types';
import { cursorUsageImporter } from './cursor-usage';
import { databricksUsageImporter } from './databricks-usage';
import { githubUsageImporter } from './github-usage';
import { litellmDailyImporter } from './litellm-daily';
import { litellmSpendLogsImporter } from './litellm-spendlogs';
import { snowflakeCortexImporter } from './snowflake-cortex';

/** The tools importers (gateways, developer tools, data platforms), registered in ../index.ts. */
export const TOOLS_TABLE_IMPORTERS: readonly TableImporter[] = [
  litellmSpendLogsImporter,
  litellmDailyImporter,
  cursorUsageImporter,
  githubUsageImporter,
  databricksUsageImporter,
  snowflakeCortexImporter,
];
export const TOOLS_JSON_IMPORTERS: readonly JsonImporter[] = [];
