import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { generateDemoFiles } from '../../../../src/core/demo/generate-demo';
import { FOCUS_DEMO_COLUMNS } from '../../../../src/core/demo/focus-csv';
import { decimals, isUntagged, MONEY, parseCsv, toScaled, type Parsed } from './csv-check';

const files = generateDemoFiles({ seed: 42, endMonth: '2026-10' });
const parsed = new Map<string, Parsed>(files.map((f) => [f.name, parseCsv(f.text)]));
const allRows = [...parsed.values()].flatMap((p) => p.rows);
const usageRows = allRows.filter((r) => r.ChargeCategory === 'Usage');
const COST_COLUMNS = ['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost'] as const;

function sumScaled(rows: readonly Record<string, string>[], column: string): bigint {
  return rows.reduce((acc, r) => acc + toScaled(r[column], 10), 0n);
}

function usd(scaled10: bigint): number {
  return Number(scaled10) / 1e10;
}

describe('generateDemoFiles', () => {
  it('writes byte-identical files for the same seed and different ones for another seed', () => {
    const again = generateDemoFiles({ seed: 42, endMonth: '2026-10', months: 3 });
    expect(again).toEqual(files);
    const other = generateDemoFiles({ seed: 43, endMonth: '2026-10' });
    expect(other.map((f) => f.name)).toEqual(files.map((f) => f.name));
    other.forEach((f, i) => expect(f.text).not.toBe(files[i].text));
  });

  it('writes one FOCUS file per provider, named by provider and month span', () => {
    expect(files.map((f) => f.name)).toEqual([
      'demo-openai-focus-2026-08_2026-10.csv',
      'demo-anthropic-focus-2026-08_2026-10.csv',
      'demo-azure-focus-2026-08_2026-10.csv',
      'demo-aws-focus-2026-08_2026-10.csv',
    ]);
    const providers = [...parsed.values()].map((p) => [...new Set(p.rows.map((r) => r.ProviderName))]);
    expect(providers).toEqual([['OpenAI'], ['Anthropic'], ['Microsoft'], ['AWS']]);
    const azure = parsed.get('demo-azure-focus-2026-08_2026-10.csv')?.rows ?? [];
    expect(new Set(azure.map((r) => r.ServiceName))).toEqual(new Set(['Azure AI Services']));
    const aws = parsed.get('demo-aws-focus-2026-08_2026-10.csv')?.rows ?? [];
    expect(new Set(aws.map((r) => r.ServiceName))).toEqual(new Set(['Amazon Bedrock']));
  });

  it('has exactly the FOCUS 1.2 + AI extension header and the same field count on every line', () => {
    for (const f of files) {
      const p = parsed.get(f.name);
      expect(p?.fields).toEqual([...FOCUS_DEMO_COLUMNS]);
      expect(new Set(p?.widths)).toEqual(new Set([FOCUS_DEMO_COLUMNS.length]));
      expect(f.text.endsWith('\n')).toBe(true);
      expect(f.text.includes('\r')).toBe(false);
    }
  });

  it('covers three whole months with UTC day charges and exclusive ends', () => {
    const iso = /^\d{4}-\d{2}-\d{2}T00:00:00Z$/;
    const months = new Set(usageRows.map((r) => r.ChargePeriodStart.slice(0, 7)));
    expect([...months].sort()).toEqual(['2026-08', '2026-09', '2026-10']);
    const days = new Set(usageRows.map((r) => r.ChargePeriodStart.slice(0, 10)));
    expect(days.size).toBe(31 + 30 + 31);
    const badDates = allRows.filter(
      (r) =>
        !['BillingPeriodStart', 'BillingPeriodEnd', 'ChargePeriodStart', 'ChargePeriodEnd'].every((c) => iso.test(r[c])) ||
        r.BillingPeriodStart !== `${r.ChargePeriodStart.slice(0, 7)}-01T00:00:00Z`,
    );
    expect(badDates.slice(0, 3)).toEqual([]);
    const nextDay = (iso: string) => new Date(Date.parse(iso) + 86_400_000).toISOString().slice(0, 19) + 'Z';
    expect(usageRows.filter((r) => r.ChargePeriodEnd !== nextDay(r.ChargePeriodStart)).slice(0, 3)).toEqual([]);
  });

  it('writes every amount as a plain decimal with at most 10 places', () => {
    // Collect offenders and compare once: an expect per cell makes this test take seconds.
    const bad = allRows.flatMap((r) => COST_COLUMNS.map((c) => r[c]).filter((v) => !MONEY.test(v) || decimals(v) > 10));
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('prices every usage row exactly: cost = tokens × unit price / 1M', () => {
    const wrong = usageRows.filter((r) => {
      const tokens = BigInt(r.ConsumedQuantity);
      // Unit prices have ≤ 4 decimals, so tokens × price lands on ≤ 10 decimals with no rounding.
      return (
        toScaled(r.PricingQuantity, 6) !== tokens ||
        toScaled(r.ListCost, 10) !== tokens * toScaled(r.ListUnitPrice, 4) ||
        toScaled(r.ContractedCost, 10) !== tokens * toScaled(r.ContractedUnitPrice, 4) ||
        r.BilledCost !== r.ContractedCost ||
        r.ConsumedUnit !== 'Tokens' ||
        r.PricingUnit !== '1M Tokens'
      );
    });
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it('bills a mid-size company: $60k–$150k, growing month to month, in 5k–20k rows', () => {
    expect(allRows.length).toBeGreaterThan(5_000);
    expect(allRows.length).toBeLessThan(20_000);
    const total = usd(sumScaled(allRows, 'BilledCost'));
    expect(total).toBeGreaterThan(60_000);
    expect(total).toBeLessThan(150_000);
    const byMonth = ['2026-08', '2026-09', '2026-10'].map((m) =>
      usd(sumScaled(usageRows.filter((r) => r.ChargePeriodStart.startsWith(m)), 'BilledCost')),
    );
    expect(byMonth[1]).toBeGreaterThan(byMonth[0]);
    expect(byMonth[2]).toBeGreaterThan(byMonth[1]);
  });

  it('spends less per day on weekends than on weekdays', () => {
    const perDay = new Map<string, number>();
    for (const r of usageRows) {
      const d = r.ChargePeriodStart.slice(0, 10);
      perDay.set(d, (perDay.get(d) ?? 0) + Number(r.BilledCost));
    }
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const weekend = [...perDay].filter(([d]) => [0, 6].includes(new Date(d).getUTCDay())).map(([, v]) => v);
    const weekday = [...perDay].filter(([d]) => ![0, 6].includes(new Date(d).getUTCDay())).map(([, v]) => v);
    expect(avg(weekend)).toBeLessThan(avg(weekday) * 0.85);
  });

  it('has a spike: a runaway day well above the usual', () => {
    const anthropic = parsed.get('demo-anthropic-focus-2026-08_2026-10.csv')?.rows ?? [];
    const perDay = new Map<string, number>();
    for (const r of anthropic) {
      if (r.ChargeCategory !== 'Usage') continue;
      const d = r.ChargePeriodStart.slice(0, 10);
      perDay.set(d, (perDay.get(d) ?? 0) + Number(r.BilledCost));
    }
    const sorted = [...perDay.values()].sort((a, b) => a - b);
    expect(sorted[sorted.length - 1]).toBeGreaterThan(1.8 * sorted[Math.floor(sorted.length / 2)]);
  });

  it('leaves 10–20% of usage spend untagged, written both as an empty cell and as {}', () => {
    const untagged = usageRows.filter((r) => isUntagged(r.Tags));
    const share = usd(sumScaled(untagged, 'BilledCost')) / usd(sumScaled(usageRows, 'BilledCost'));
    expect(share).toBeGreaterThanOrEqual(0.1);
    expect(share).toBeLessThanOrEqual(0.2);
    expect(untagged.some((r) => r.Tags === '')).toBe(true);
    expect(untagged.some((r) => r.Tags === '{}')).toBe(true);
    for (const p of parsed.values()) expect(p.rows.some((r) => r.ChargeCategory === 'Usage' && isUntagged(r.Tags))).toBe(true);
  });

  it('spells team tags more than one way, in keys and in values', () => {
    const teamKeys = new Set<string>();
    const mlPlatform = new Set<string>();
    for (const r of usageRows) {
      if (isUntagged(r.Tags)) continue;
      const tags = JSON.parse(r.Tags) as Record<string, unknown>;
      for (const [k, v] of Object.entries(tags)) {
        if (typeof v !== 'string') throw new Error(`tag ${k} is not a string: ${r.Tags}`);
        if (/team/i.test(k)) {
          teamKeys.add(k);
          if (/^ml.?platform$/i.test(String(v))) mlPlatform.add(String(v));
        }
      }
    }
    expect(teamKeys.size).toBeGreaterThanOrEqual(2);
    expect(teamKeys.has('team') && teamKeys.has('Team')).toBe(true);
    expect(mlPlatform.size).toBeGreaterThanOrEqual(2);
  });

  it('uses the AI extension columns: token classes, tiers, projects and keys', () => {
    const classes = new Set(usageRows.map((r) => r.x_TokenClass));
    expect(classes).toEqual(new Set(['input', 'output', 'cached_read', 'cache_write', 'reasoning']));
    const tiers = new Set(usageRows.map((r) => r.x_ServiceTier));
    expect(tiers).toEqual(new Set(['standard', 'batch', 'priority']));
    const models = new Set(usageRows.map((r) => r.x_Model));
    for (const m of ['gpt-4o-2024-08-06', 'gpt-4o-mini-2024-07-18', 'o3-mini-2025-01-31', 'claude-sonnet-4-20250514']) {
      expect(models.has(m)).toBe(true);
    }
    expect(usageRows.every((r) => r.x_Project !== '')).toBe(true);
    expect(usageRows.some((r) => /^sk-\.\.\.[a-z0-9]{4}$/.test(r.x_ApiKey))).toBe(true);
    expect(usageRows.some((r) => r.x_User !== '')).toBe(true);
    expect(usageRows.filter((r) => r.x_User !== '').length).toBeLessThan(usageRows.length / 5);
    // Requests sit on input rows only, so summing them never counts a call twice.
    expect(usageRows.every((r) => (r.x_TokenClass === 'input') === (r.x_Requests !== ''))).toBe(true);
  });

  it('charges batch at half the standard unit price', () => {
    const price = (tier: string) =>
      usageRows.find((r) => r.x_Model === 'gpt-4.1-2025-04-14' && r.x_TokenClass === 'input' && r.x_ServiceTier === tier)
        ?.ListUnitPrice;
    expect(price('standard')).toBe('2');
    expect(price('batch')).toBe('1');
    expect(price('priority')).toBe('3.5');
  });

  it('has a negotiated Azure discount, an AWS effective-cost discount and the invoice extras', () => {
    const azure = usageRows.filter((r) => r.ProviderName === 'Microsoft');
    expect(sumScaled(azure, 'ContractedCost')).toBeLessThan(sumScaled(azure, 'ListCost'));
    expect(sumScaled(azure, 'EffectiveCost')).toBe(sumScaled(azure, 'BilledCost'));
    const aws = usageRows.filter((r) => r.ProviderName === 'AWS');
    expect(sumScaled(aws, 'EffectiveCost')).toBeLessThan(sumScaled(aws, 'BilledCost'));
    const credits = allRows.filter((r) => r.ChargeCategory === 'Credit');
    expect(credits.length).toBe(1);
    expect(toScaled(credits[0].BilledCost, 10)).toBeLessThan(0n);
    const taxes = allRows.filter((r) => r.ChargeCategory === 'Tax');
    expect(taxes.map((r) => r.ProviderName)).toEqual(['Anthropic', 'Anthropic', 'Anthropic']);
    for (const t of taxes) expect(decimals(t.BilledCost)).toBeLessThanOrEqual(2);
  });

  it('honours months and refuses a malformed end month', () => {
    const one = generateDemoFiles({ seed: 1, endMonth: '2027-01', months: 1 });
    expect(one[0].name).toBe('demo-openai-focus-2027-01_2027-01.csv');
    const rows = parseCsv(one[0].text).rows;
    expect(new Set(rows.map((r) => r.BillingPeriodStart))).toEqual(new Set(['2027-01-01T00:00:00Z']));
    const wrap = generateDemoFiles({ seed: 1, endMonth: '2027-01', months: 2 });
    expect(wrap[3].name).toBe('demo-aws-focus-2026-12_2027-01.csv');
    expect(() => generateDemoFiles({ seed: 1, endMonth: '2026-13' })).toThrow(RangeError);
    expect(() => generateDemoFiles({ seed: 1, endMonth: '2026-10', months: 0 })).toThrow(RangeError);
  });

  it('stays within the spend and untagged bands for other seeds', () => {
    const at = (name: string) => FOCUS_DEMO_COLUMNS.indexOf(name as (typeof FOCUS_DEMO_COLUMNS)[number]);
    const [billed, category, tagsAt] = [at('BilledCost'), at('ChargeCategory'), at('Tags')];
    for (const seed of [0, 2 ** 31 + 5]) {
      let total = 0n;
      let usage = 0n;
      let untagged = 0n;
      for (const f of generateDemoFiles({ seed, endMonth: '2026-10' })) {
        // header:false is four times faster than header:true, and only three columns matter here.
        const rows = Papa.parse<string[]>(f.text, { skipEmptyLines: true }).data.slice(1);
        for (const r of rows) {
          const cost = toScaled(r[billed], 10);
          total += cost;
          if (r[category] !== 'Usage') continue;
          usage += cost;
          if (isUntagged(r[tagsAt])) untagged += cost;
        }
      }
      expect(usd(total)).toBeGreaterThan(60_000);
      expect(usd(total)).toBeLessThan(150_000);
      expect(usd(untagged) / usd(usage)).toBeGreaterThanOrEqual(0.1);
      expect(usd(untagged) / usd(usage)).toBeLessThanOrEqual(0.2);
    }
  });
});
