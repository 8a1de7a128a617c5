/**
 * The Claude Console's CSV exports for the demo, 2026 layout: the cost export (Cost > Export, one
 * row per day, model, workspace, key and token type; invoiced) and the usage export (Usage >
 * Export, token counts per day, model, key, workspace and tier). The cost export names models by
 * display name and the usage export by id; workspaces and keys by name, "Default" for the default
 * workspace; the context window is written "≤ 200k" (not ASCII, as in the real files).
 */
import { billedOf, groupCells, type ProviderSim } from './company-sim';
import { csvTable } from './csv-text';
import { COST_SCALE, formatScaled, padDecimals } from './decimal-text';
import type { TokenClass } from './focus-csv';
import { unitPriceE4 } from './model-prices';
import type { UsageCell } from './usage-plan';

const COST_COLUMNS = [
  'usage_date_utc',
  'model',
  'workspace',
  'api_key',
  'usage_type',
  'context_window',
  'token_type',
  'cost_usd',
  'list_price_usd',
  'cost_type',
  'inference_geo',
  'speed',
] as const;

const USAGE_COLUMNS = [
  'usage_date_utc',
  'model_version',
  'api_key',
  'workspace',
  'usage_type',
  'context_window',
  'usage_input_tokens_no_cache',
  'usage_input_tokens_cache_write_5m',
  'usage_input_tokens_cache_write_1h',
  'usage_input_tokens_cache_read',
  'usage_output_tokens',
  'web_search_count',
  'inference_geo',
  'speed',
] as const;

const CONTEXT_WINDOW = '≤ 200k';

const TOKEN_TYPES: Record<TokenClass, string> = {
  input: 'input_no_cache',
  cached_read: 'input_cache_read',
  cache_write: 'input_cache_write_5m',
  output: 'output',
  reasoning: 'output',
};

function usd(scale10: bigint): string {
  return padDecimals(formatScaled(scale10, COST_SCALE), 2);
}

function common(cell: UsageCell) {
  const tier = cell.key.workload.tier ?? 'standard';
  return {
    usage_date_utc: cell.day.start.slice(0, 10),
    workspace: cell.key.project.subAccountName,
    // Console and Workbench use has no key: the export leaves its name empty.
    api_key: cell.key.identity.apiKey,
    context_window: CONTEXT_WINDOW,
    // Batch jobs run wherever capacity is; the export says so.
    inference_geo: tier === 'batch' ? 'not_available' : 'global',
  };
}

/**
 * What the tokens would cost at the standard tier, cache reads at the uncached input price: the
 * export's list_price_usd, so the batch discount and the cache savings show against it.
 */
function listPrice(cells: readonly UsageCell[]): bigint {
  let total = 0n;
  for (const c of cells) {
    const priced = c.tokenClass === 'cached_read' ? 'input' : c.tokenClass;
    total += BigInt(c.tokens) * BigInt(unitPriceE4(c.model, priced, 'standard') ?? c.listE4);
  }
  return total;
}

export function anthropicConsoleCostCsv(sim: ProviderSim): string {
  const groups = groupCells(sim.cells, (c) => `${c.day.index}|${c.key.spec.name}|${c.model.id}|${TOKEN_TYPES[c.tokenClass]}`);
  return csvTable(
    COST_COLUMNS,
    groups.map((g) => ({
      ...common(g[0]),
      model: g[0].model.label,
      usage_type: 'message',
      token_type: TOKEN_TYPES[g[0].tokenClass],
      cost_usd: usd(billedOf(g)),
      list_price_usd: usd(listPrice(g)),
      cost_type: 'token',
    })),
  );
}

export function anthropicConsoleUsageCsv(sim: ProviderSim): string {
  const groups = groupCells(sim.cells, (c) => `${c.day.index}|${c.key.spec.name}|${c.model.id}`);
  return csvTable(
    USAGE_COLUMNS,
    groups.map((g) => {
      const tokens = (...classes: TokenClass[]): string =>
        String(g.filter((c) => classes.includes(c.tokenClass)).reduce((a, c) => a + c.tokens, 0));
      return {
        ...common(g[0]),
        model_version: g[0].model.id,
        usage_type: g[0].key.workload.tier ?? 'standard',
        usage_input_tokens_no_cache: tokens('input'),
        usage_input_tokens_cache_write_5m: tokens('cache_write'),
        usage_input_tokens_cache_write_1h: '0',
        usage_input_tokens_cache_read: tokens('cached_read'),
        usage_output_tokens: tokens('output', 'reasoning'),
        web_search_count: '0',
      };
    }),
  );
}
