import { describe, expect, it } from 'vitest';
import { generateDemoFiles } from '../../../../src/core/demo/generate-demo';
import { detectJson, detectTable } from '../../../../src/core/imports/formats';
import { fixtureBytes } from '../../helpers/engine';
import { DEMO_NAMES, fileNamed, headerOf, invoicedByDay, rows, usd } from './demo-files';

const files = generateDemoFiles({ seed: 42, endMonth: '2026-10' });

/** What each file must be read as, by name prefix. */
const INTENDED: [string, { format: string; label: string; sourceKind: 'invoice' | 'usage' }][] = [
  ['demo-openai-costs-', { format: 'openai-costs-api', label: 'OpenAI costs (Admin API)', sourceKind: 'invoice' }],
  ['demo-openai-usage-completions-', { format: 'openai-usage-api', label: 'OpenAI usage (Admin API)', sourceKind: 'usage' }],
  ['demo-anthropic-cost-', { format: 'anthropic-console-cost', label: 'Anthropic cost export (Console, 2026 layout)', sourceKind: 'invoice' }],
  ['demo-anthropic-usage-', { format: 'anthropic-console-usage', label: 'Anthropic usage export (Console)', sourceKind: 'usage' }],
  ['demo-azure-ea-actualcost-', { format: 'azure-ea', label: 'Azure EA cost export', sourceKind: 'invoice' }],
  ['demo-aws-cur2-bedrock-', { format: 'aws-cur2', label: 'AWS CUR 2.0', sourceKind: 'invoice' }],
  ['demo-litellm-spendlogs-', { format: 'litellm-spendlogs', label: 'LiteLLM spend logs', sourceKind: 'usage' }],
];

/** The fixture each CSV must match header for header (the importers' own test files). */
const FIXTURE_HEADERS: [string, string][] = [
  ['demo-anthropic-cost-', 'anthropic-console-csv/cost_export_2026.csv'],
  ['demo-anthropic-usage-', 'anthropic-console-csv/usage_export_2026.csv'],
  ['demo-azure-ea-actualcost-', 'azure-openai-ea-export/azure_openai_ea_actual_synthetic.csv'],
  ['demo-aws-cur2-bedrock-', 'aws-cur2-bedrock/cur2_bedrock_subset.csv'],
  ['demo-litellm-spendlogs-', 'litellm-spendlogs/spendlogs_export.csv'],
];

function fixtureText(rel: string): string {
  return new TextDecoder().decode(fixtureBytes(rel));
}

describe('generateDemoFiles', () => {
  it('writes byte-identical files for the same seed and different ones for another seed', () => {
    expect(generateDemoFiles({ seed: 42, endMonth: '2026-10', months: 3 })).toEqual(files);
    const other = generateDemoFiles({ seed: 43, endMonth: '2026-10' });
    expect(other.map((f) => f.name)).toEqual(files.map((f) => f.name));
    other.forEach((f, i) => expect(f.text).not.toBe(files[i].text));
  });

  it('writes the providers’ own exports, named by source and span, usage pages as the API pages them', () => {
    expect(files.map((f) => f.name)).toEqual(DEMO_NAMES);
    for (const f of files) {
      expect(f.text.endsWith('\n')).toBe(true);
      expect(f.text.includes('\r')).toBe(false);
    }
  });

  it('has every file detected by its importer as the intended format', () => {
    for (const f of files) {
      const intended = INTENDED.find(([prefix]) => f.name.startsWith(prefix))?.[1];
      const found = f.name.endsWith('.json')
        ? detectJson(f.name, JSON.parse(f.text)).detection
        : detectTable(f.name, headerOf(f.text)).detection;
      expect({ file: f.name, ...found }).toMatchObject({ file: f.name, ...intended });
    }
  });

  it('writes the headers of the real exports, as the importers’ fixtures have them', () => {
    for (const [prefix, fixture] of FIXTURE_HEADERS) {
      const text = fixtureText(fixture);
      expect(headerOf(fileNamed(files, prefix).text), prefix).toEqual(headerOf(text));
    }
    // EA exports start with a UTF-8 BOM; the Console writes "≤ 200k" as it is.
    expect(fileNamed(files, 'demo-azure-').text.startsWith('\uFEFF')).toBe(true);
    expect(rows(fileNamed(files, 'demo-anthropic-cost-')).every((r) => r.context_window === '≤ 200k')).toBe(true);
  });

  it('pages usage 31 daily buckets at a time and costs in one page, chained by next_page', () => {
    const usagePages = files.filter((f) => f.name.startsWith('demo-openai-usage-')).map((f) => JSON.parse(f.text));
    expect(usagePages.map((p) => p.data.length)).toEqual([31, 31, 30]);
    expect(usagePages.map((p) => p.has_more)).toEqual([true, true, false]);
    expect(usagePages.map((p) => p.next_page === null)).toEqual([false, false, true]);
    const costs = JSON.parse(fileNamed(files, 'demo-openai-costs-').text);
    expect(costs).toMatchObject({ object: 'page', has_more: false, next_page: null });
    expect(costs.data).toHaveLength(92);
    const starts: number[] = costs.data.map((b: { start_time: number }) => b.start_time);
    expect(new Date(starts[0] * 1000).toISOString()).toBe('2026-08-01T00:00:00.000Z');
    expect(starts.every((s, i) => i === 0 || s - starts[i - 1] === 86_400)).toBe(true);
  });

  it('bills a mid-size company on every day of the three months, $60k–$150k, growing month to month', () => {
    const perDay = invoicedByDay(files);
    expect(perDay.size).toBe(31 + 30 + 31);
    const total = usd([...perDay.values()].reduce((a, b) => a + b, 0n));
    expect(total).toBeGreaterThan(60_000);
    expect(total).toBeLessThan(150_000);
    const month = (m: string) => usd([...perDay].filter(([d]) => d.startsWith(m)).reduce((a, [, v]) => a + v, 0n));
    expect(month('2026-09')).toBeGreaterThan(month('2026-08'));
    expect(month('2026-10')).toBeGreaterThan(month('2026-09'));
  });

  it('spends less per day on weekends than on weekdays', () => {
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const days = [...invoicedByDay(files)].map(([d, v]) => ({ weekend: [0, 6].includes(new Date(d).getUTCDay()), usd: usd(v) }));
    expect(avg(days.filter((d) => d.weekend).map((d) => d.usd))).toBeLessThan(avg(days.filter((d) => !d.weekend).map((d) => d.usd)) * 0.85);
  });

  it('has a spike: a runaway day well above the usual', () => {
    const perDay = new Map<string, number>();
    for (const r of rows(fileNamed(files, 'demo-anthropic-cost-'))) {
      perDay.set(r.usage_date_utc, (perDay.get(r.usage_date_utc) ?? 0) + Number(r.cost_usd));
    }
    const sorted = [...perDay.values()].sort((a, b) => a - b);
    expect(sorted[sorted.length - 1]).toBeGreaterThan(1.8 * sorted[Math.floor(sorted.length / 2)]);
  });

  it('honours months and refuses a malformed end month', () => {
    const one = generateDemoFiles({ seed: 1, endMonth: '2027-01', months: 1 });
    expect(one.map((f) => f.name)).toEqual([
      'demo-openai-costs-2027-01_2027-01.json',
      'demo-openai-usage-completions-2027-01_2027-01.json',
      'demo-anthropic-cost-2027-01_2027-01.csv',
      'demo-anthropic-usage-2027-01_2027-01.csv',
      'demo-azure-ea-actualcost-2027-01_2027-01.csv',
      'demo-aws-cur2-bedrock-2027-01_2027-01.csv',
      'demo-litellm-spendlogs-2027-01-30_2027-01-31.csv',
    ]);
    const ea = rows(fileNamed(one, 'demo-azure-'));
    expect(new Set(ea.map((r) => `${r.BillingPeriodStartDate}-${r.BillingPeriodEndDate}`))).toEqual(new Set(['01/01/2027-01/31/2027']));
    const wrap = generateDemoFiles({ seed: 1, endMonth: '2027-01', months: 2 });
    expect(wrap.some((f) => f.name === 'demo-aws-cur2-bedrock-2026-12_2027-01.csv')).toBe(true);
    expect(() => generateDemoFiles({ seed: 1, endMonth: '2026-13' })).toThrow(RangeError);
    expect(() => generateDemoFiles({ seed: 1, endMonth: '2026-10', months: 0 })).toThrow(RangeError);
  });

  it('stays within the spend band for other seeds', () => {
    for (const seed of [0, 2 ** 31 + 5]) {
      const total = usd([...invoicedByDay(generateDemoFiles({ seed, endMonth: '2026-10' })).values()].reduce((a, b) => a + b, 0n));
      expect(total).toBeGreaterThan(60_000);
      expect(total).toBeLessThan(150_000);
    }
  });
});
