/**
 * The company's LiteLLM proxy, which fronts the internal chat assistant and tools (OpenAI keys and
 * an Azure OpenAI deployment), dumped from its `LiteLLM_SpendLogs` table: one row per request, with
 * the column set of BerriAI/litellm `schema.prisma`, naive UTC timestamps with milliseconds and
 * JSON cells (metadata, request tags) as the proxy stores them. Spend is LiteLLM's estimate at list
 * price, not an invoice. The dump covers the last two days of the range (`WHERE "startTime" >= …`):
 * the internal traffic makes a few thousand requests a day, and three months of them would
 * outweigh every bill of the demo together.
 */
import type { DemoDay } from './calendar';
import { groupCells, type ProviderSim } from './company-sim';
import { csvTable } from './csv-text';
import { TEAM_SPELLINGS } from './tag-styles';
import { COST_SCALE, formatScaled } from './decimal-text';
import type { TokenClass } from './focus-csv';
import { createRng, randomId, randomUuid, type Rng } from './random';
import type { UsageCell } from './usage-plan';

/** Days of spend logs in the dump, counted back from the range's last day. */
export const SPEND_LOG_DAYS = 2;

const COLUMNS = [
  'request_id', 'call_type', 'api_key', 'spend', 'total_tokens', 'prompt_tokens', 'completion_tokens', 'startTime',
  'endTime', 'request_duration_ms', 'completionStartTime', 'model', 'model_id', 'model_group', 'custom_llm_provider',
  'api_base', 'user', 'metadata', 'cache_hit', 'cache_key', 'request_tags', 'team_id', 'organization_id', 'end_user',
  'requester_ip_address', 'messages', 'response', 'session_id', 'status', 'mcp_namespaced_tool_name', 'agent_id',
  'proxy_server_request',
] as const;

type Line = Partial<Record<(typeof COLUMNS)[number], string>>;

type PyJson = string | number | { [key: string]: PyJson };

/** JSON as Postgres hands it back from a jsonb column: ", " and ": " separators. */
function pyJson(value: PyJson): string {
  if (typeof value !== 'object') return JSON.stringify(value);
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}: ${pyJson(v)}`)
    .join(', ')}}`;
}

/** 2026-10-25 14:03:07.412: a `timestamp without time zone`, written in UTC by the proxy. */
function naiveTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
}

/**
 * `total` split over `parts` by weight, exactly: floors first, then the remainder one by one to
 * the heaviest parts, so the pieces always add up to the day's count.
 */
export function splitExactly(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = weights.map((w, i) => [w, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k][1]]++;
  return parts;
}

type Request = {
  startMs: number;
  tokens: Record<TokenClass, number>;
  /** Scale-10 USD at list price. */
  spend: bigint;
};

/** One day of one key and model as the requests that made it up. */
function requestsOf(rng: Rng, cells: readonly UsageCell[]): Request[] {
  const count = cells.reduce((a, c) => a + (c.requests ?? 0), 0);
  const weights = Array.from({ length: count }, () => rng.noise(0.5));
  const split = new Map<TokenClass, number[]>();
  for (const c of cells) split.set(c.tokenClass, splitExactly(c.tokens, weights));
  const day = cells[0].day;
  return weights.map((_, i) => {
    const tokens = { input: 0, cached_read: 0, cache_write: 0, output: 0, reasoning: 0 };
    let spend = 0n;
    for (const c of cells) {
      const n = split.get(c.tokenClass)?.[i] ?? 0;
      tokens[c.tokenClass] += n;
      spend += BigInt(n) * BigInt(c.listE4);
    }
    return { startMs: workingHours(rng, day), tokens, spend };
  });
}

/** Internal tools are busiest in office hours (UTC here): most requests fall between 08:00 and 18:00. */
function workingHours(rng: Rng, day: DemoDay): number {
  const hour = rng.chance(0.8) ? 8 + rng.next() * 10 : rng.next() * 24;
  return day.startMs + Math.floor(hour * 3_600_000);
}

function stableHex(label: string, length: number): string {
  return randomId(createRng(0, label), length, 'hex');
}

function stableUuid(label: string): string {
  return randomUuid(createRng(0, label));
}

/** The public alias callers ask the proxy for: the model without its snapshot date. */
function modelGroup(modelId: string): string {
  return modelId.replace(/-\d{4}-\d{2}-\d{2}$/, '');
}

function requestLine(rng: Rng, sim: ProviderSim, cell: UsageCell, req: Request): Line {
  const { key, model } = cell;
  const azure = sim.account.provider === 'azure';
  const t = req.tokens;
  const prompt = t.input + t.cached_read + t.cache_write;
  const completion = t.output + t.reasoning;
  // Time to first token grows with the prompt, generation with the completion.
  const firstTokenMs = 250 + Math.floor(prompt / 40) + rng.int(0, 400);
  const durationMs = firstTokenMs + Math.floor(completion * 12) + rng.int(0, 300);
  const team = key.workload.team;
  const user = `svc-${key.spec.name}`;
  const tags = sim.tagsOf(cell);
  const usage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: t.cached_read },
    completion_tokens_details: { reasoning_tokens: t.reasoning },
  };
  return {
    request_id: `chatcmpl-${randomId(rng, 29)}`,
    call_type: 'acompletion',
    api_key: stableHex(`litellm-key:${key.spec.name}`, 64),
    spend: formatScaled(req.spend, COST_SCALE),
    total_tokens: String(prompt + completion),
    prompt_tokens: String(prompt),
    completion_tokens: String(completion),
    startTime: naiveTime(req.startMs),
    endTime: naiveTime(req.startMs + durationMs),
    request_duration_ms: String(durationMs),
    completionStartTime: naiveTime(req.startMs + firstTokenMs),
    model: azure ? `azure/${model.id}` : model.id,
    model_id: stableUuid(`litellm-deployment:${key.identity.resourceId}:${model.id}`),
    model_group: modelGroup(model.id),
    custom_llm_provider: azure ? 'azure' : 'openai',
    api_base: azure ? `https://${key.identity.resourceName}.openai.azure.com/` : 'https://api.openai.com/v1',
    user,
    metadata: pyJson({
      user_api_key_alias: key.spec.name,
      user_api_key_team_id: stableUuid(`litellm-team:${team}`),
      user_api_key_team_alias: TEAM_SPELLINGS[team].kebab,
      user_api_key_user_id: user,
      usage_object: usage,
      additional_usage_values: {},
    }),
    cache_hit: 'False',
    request_tags: `[${Object.entries(tags ?? {})
      .map(([k, v]) => JSON.stringify(`${k}:${v}`))
      .join(', ')}]`,
    team_id: stableUuid(`litellm-team:${team}`),
    messages: '{}',
    response: '{}',
    status: 'success',
    proxy_server_request: '{}',
  };
}

/** The proxied requests of the last `SPEND_LOG_DAYS` days, in the order the proxy logged them. */
export function litellmSpendLogsCsv(sims: readonly ProviderSim[], days: readonly DemoDay[], rng: Rng): string {
  const kept = new Set(days.slice(-SPEND_LOG_DAYS).map((d) => d.index));
  const lines: { startMs: number; line: Line }[] = [];
  for (const sim of sims) {
    const proxied = sim.cells.filter((c) => c.key.spec.proxied === true && kept.has(c.day.index));
    for (const g of groupCells(proxied, (c) => `${c.day.index}|${c.key.spec.name}|${c.model.id}`)) {
      for (const req of requestsOf(rng, g)) {
        lines.push({ startMs: req.startMs, line: requestLine(rng, sim, g[0], req) });
      }
    }
  }
  // A stable sort on the start time: ties keep generation order, so the bytes stay the same.
  lines.sort((a, b) => a.startMs - b.startMs);
  return csvTable(
    COLUMNS,
    lines.map((l) => l.line),
  );
}
