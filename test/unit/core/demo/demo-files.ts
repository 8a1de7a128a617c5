/**
 * The demo's files, generated once per test file and read back with independent parsers (Papa,
 * JSON.parse, BigInt decimals): nothing here shares code with the generators.
 */
import Papa from 'papaparse';
import type { DemoFile } from '../../../../src/core/demo/generate-demo';
import { toScaled } from './csv-check';

export const SPAN = '2026-08_2026-10';

/** The files seed 42 writes for August–October 2026, in order. */
export const DEMO_NAMES = [
  `demo-openai-costs-${SPAN}.json`,
  `demo-openai-usage-completions-${SPAN}-page-1.json`,
  `demo-openai-usage-completions-${SPAN}-page-2.json`,
  `demo-openai-usage-completions-${SPAN}-page-3.json`,
  `demo-anthropic-cost-${SPAN}.csv`,
  `demo-anthropic-usage-${SPAN}.csv`,
  `demo-azure-ea-actualcost-${SPAN}.csv`,
  `demo-aws-cur2-bedrock-${SPAN}.csv`,
  'demo-litellm-spendlogs-2026-10-30_2026-10-31.csv',
];

export type Row = Record<string, string>;

export function fileNamed(files: readonly DemoFile[], prefix: string): DemoFile {
  const f = files.find((x) => x.name.startsWith(prefix));
  if (f === undefined) throw new Error(`no demo file ${prefix}`);
  return f;
}

/** Strict CSV with a header; the BOM (Azure) is not part of the first column's name. */
export function rows(file: DemoFile): Row[] {
  const parsed = Papa.parse<Row>(file.text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${file.name}: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  return parsed.data;
}

export function headerOf(text: string): string[] {
  return text.replace(/^\uFEFF/, '').slice(0, text.indexOf('\n')).trim().split(',');
}

export type Bucket = { start_time: number; end_time: number; results: Record<string, unknown>[] };
export type Page = { object: string; data: Bucket[]; has_more: boolean; next_page: string | null };

export function page(file: DemoFile): Page {
  return JSON.parse(file.text) as Page;
}

/** Every bucket of every page whose name starts with `prefix`, in page order. */
export function buckets(files: readonly DemoFile[], prefix: string): Bucket[] {
  return files.filter((f) => f.name.startsWith(prefix)).flatMap((f) => page(f).data);
}

/** The amounts of an OpenAI costs page exactly as written: the number texts, not parsed floats. */
export function amountTexts(file: DemoFile): string[] {
  return [...file.text.matchAll(/"value": (-?[0-9.eE+-]+)/g)].map((m) => m[1]);
}

export function sumScaled(values: Iterable<string>, scale = 10): bigint {
  let total = 0n;
  for (const v of values) total += toScaled(v, scale);
  return total;
}

export function usd(scaled10: bigint): number {
  return Number(scaled10) / 1e10;
}

/** Scale-10 invoiced cost per UTC day: the four invoiced files' own cost columns, summed. */
export function invoicedByDay(files: readonly DemoFile[]): Map<string, bigint> {
  const perDay = new Map<string, bigint>();
  const add = (day: string, v: bigint) => perDay.set(day, (perDay.get(day) ?? 0n) + v);
  for (const b of buckets(files, 'demo-openai-costs-')) {
    const day = new Date(b.start_time * 1000).toISOString().slice(0, 10);
    for (const r of b.results) add(day, toScaled(String((r.amount as { value: number }).value), 10));
  }
  for (const r of rows(fileNamed(files, 'demo-anthropic-cost-'))) add(r.usage_date_utc, toScaled(r.cost_usd, 10));
  for (const r of rows(fileNamed(files, 'demo-azure-'))) {
    const [m, d, y] = r.Date.split('/');
    add(`${y}-${m}-${d}`, toScaled(r.Cost, 10));
  }
  for (const r of rows(fileNamed(files, 'demo-aws-'))) {
    if (r.line_item_line_item_type === 'Usage') add(r.line_item_usage_start_date.slice(0, 10), toScaled(r.line_item_unblended_cost, 10));
  }
  return perDay;
}

/**
 * Published list prices the demo bills at, $ per 1M tokens [uncached input, cached input, cache
 * write, output], written out here from the providers' price pages rather than taken from the
 * generator's table.
 */
export const LIST_PRICES: Record<string, [string, string, string, string]> = {
  'gpt-4o-2024-08-06': ['2.5', '1.25', '0', '10'],
  'gpt-4o-mini-2024-07-18': ['0.15', '0.075', '0', '0.6'],
  'gpt-4.1-2025-04-14': ['2', '0.5', '0', '8'],
  'gpt-4.1-mini-2025-04-14': ['0.4', '0.1', '0', '1.6'],
  'o3-mini-2025-01-31': ['1.1', '0.55', '0', '4.4'],
  'gpt-4.1': ['2', '0.5', '0', '8'],
  'claude-sonnet-4-20250514': ['3', '0.3', '3.75', '15'],
  'claude-3-5-haiku-20241022': ['0.8', '0.08', '1', '4'],
  'claude-opus-4-20250514': ['15', '1.5', '18.75', '75'],
};

/** Scale-10 cost of `tokens` at a $/1M price text, times a tier factor in permille. */
export function priced(tokens: number | bigint, perMillion: string, permille = 1000n): bigint {
  // $/1M at scale 4 × tokens = scale 10; the tier factor divides exactly for these prices.
  const scaled = BigInt(tokens) * toScaled(perMillion, 4) * permille;
  if (scaled % 1000n !== 0n) throw new Error(`${perMillion} × ${permille}‰ is not exact`);
  return scaled / 1000n;
}
