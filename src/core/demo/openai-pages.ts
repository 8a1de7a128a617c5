/**
 * OpenAI Admin API pages for the demo, as a script saves them from `GET /v1/organization/costs`
 * (`bucket_width=1d&group_by=project_id,line_item`, invoiced) and
 * `GET /v1/organization/usage/completions` (`bucket_width=1d&group_by=project_id,user_id,
 * api_key_id,model,batch,service_tier`, tokens only). Buckets are UTC days in unix seconds; the
 * API returns at most 180 daily cost buckets and 31 daily usage buckets a page, so longer ranges
 * come as several pages chained by `next_page`, one file each.
 */
import type { DemoDay } from './calendar';
import { billedOf, groupCells, type ProviderSim } from './company-sim';
import { COST_SCALE, formatScaled } from './decimal-text';
import type { TokenClass } from './focus-csv';
import { randomId, type Rng } from './random';
import { stableId } from './sku-names';
import type { UsageCell } from './usage-plan';

const COST_BUCKETS_PER_PAGE = 180;
const USAGE_BUCKETS_PER_PAGE = 31;

/** How a cost line item names the token class. Reasoning tokens are billed as output. */
const LINE_ITEM_WORDS: Record<TokenClass, string> = {
  input: 'input',
  cached_read: 'cached input',
  cache_write: 'cache write',
  output: 'output',
  reasoning: 'output',
};

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type Result = { [key: string]: JsonValue };

function seconds(ms: number): number {
  return ms / 1000;
}

/**
 * An amount as the JSON number the API writes. JSON numbers are read back as floats, which keep
 * every decimal of up to 15 significant digits; demo amounts (under $100,000 at 10 decimals) fit,
 * and anything longer is refused rather than written inexactly.
 */
function jsonAmount(scale10: bigint): number {
  const text = formatScaled(scale10, COST_SCALE);
  const digits = text.replace(/^-?0*\.?0*/, '').replace('.', '');
  if (digits.length > 15) throw new RangeError(`${text} has more digits than a JSON number keeps`);
  return Number(text);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Pages of daily buckets, `has_more` and `next_page` chaining them as the API does. */
function pages(rng: Rng, days: readonly DemoDay[], perPage: number, resultsOf: (day: DemoDay) => Result[]): string[] {
  const chunks = chunk(days, perPage);
  return chunks.map((part, i) => {
    const last = i === chunks.length - 1;
    const doc = {
      object: 'page',
      data: part.map((d) => ({
        object: 'bucket',
        start_time: seconds(d.startMs),
        end_time: seconds(d.startMs) + 86_400,
        results: resultsOf(d),
      })),
      has_more: !last,
      next_page: last ? null : `page_${randomId(rng, 32)}`,
    };
    return JSON.stringify(doc, null, 2) + '\n';
  });
}

function byDay(cells: readonly UsageCell[]): Map<number, UsageCell[]> {
  const out = new Map<number, UsageCell[]>();
  for (const c of cells) {
    const list = out.get(c.day.index);
    if (list === undefined) out.set(c.day.index, [c]);
    else list.push(c);
  }
  return out;
}

function lineItem(cell: UsageCell): string {
  const tier = cell.key.workload.tier;
  return `${cell.model.id}, ${LINE_ITEM_WORDS[cell.tokenClass]}${tier === 'batch' ? ' (batch)' : ''}`;
}

/** Costs grouped by project and line item: what the invoice holds, without keys or tokens. */
export function openAiCostPages(sim: ProviderSim, days: readonly DemoDay[], rng: Rng): string[] {
  const cellsByDay = byDay(sim.cells);
  return pages(rng, days, COST_BUCKETS_PER_PAGE, (day) =>
    groupCells(cellsByDay.get(day.index) ?? [], (c) => `${c.key.project.subAccountId}|${lineItem(c)}`).map((g) => ({
      object: 'organization.costs.result',
      amount: { value: jsonAmount(billedOf(g)), currency: 'usd' },
      line_item: lineItem(g[0]),
      project_id: g[0].key.project.subAccountId,
      api_key_id: null,
      quantity: null,
      quantity_unit: null,
    })),
  );
}

function userId(email: string | undefined): string | null {
  return email === undefined ? null : `user-${stableId(`openai-user:${email}`, 24, false)}`;
}

function usageResult(cells: readonly UsageCell[]): Result {
  const first = cells[0];
  const tokens = (...classes: TokenClass[]): number =>
    cells.filter((c) => classes.includes(c.tokenClass)).reduce((a, c) => a + c.tokens, 0);
  const uncached = tokens('input');
  const cached = tokens('cached_read');
  const output = tokens('output', 'reasoning');
  const tier = first.key.workload.tier ?? 'standard';
  return {
    object: 'organization.usage.completions.result',
    // input_tokens includes cached (and cache-write) tokens; output_tokens includes reasoning.
    input_tokens: uncached + cached,
    input_cached_tokens: cached,
    input_cache_write_tokens: 0,
    input_uncached_tokens: uncached,
    output_tokens: output,
    input_text_tokens: uncached + cached,
    output_text_tokens: output,
    input_cached_text_tokens: cached,
    input_audio_tokens: 0,
    input_cached_audio_tokens: 0,
    output_audio_tokens: 0,
    input_image_tokens: 0,
    input_cached_image_tokens: 0,
    output_image_tokens: 0,
    num_model_requests: cells.reduce((a, c) => a + (c.requests ?? 0), 0),
    project_id: first.key.project.subAccountId,
    user_id: userId(first.key.spec.user),
    api_key_id: first.key.identity.resourceId,
    model: first.model.id,
    batch: tier === 'batch',
    service_tier: tier === 'priority' ? 'priority' : 'default',
  };
}

/** Completions usage per project, user, key and model. Embeddings have an endpoint of their own. */
export function openAiUsagePages(sim: ProviderSim, days: readonly DemoDay[], rng: Rng): string[] {
  const completions = sim.cells.filter((c) => c.model.prices.output !== undefined);
  const cellsByDay = byDay(completions);
  return pages(rng, days, USAGE_BUCKETS_PER_PAGE, (day) =>
    groupCells(cellsByDay.get(day.index) ?? [], (c) => `${c.key.identity.resourceId}|${c.model.id}`).map(usageResult),
  );
}
