/**
 * Random charges, random tag rules and random splits through the real engine: whatever the rules,
 * allocation moves money and never makes or loses a picodollar, per currency; and every charge's
 * trail shares add up exactly to the part of the charge they split.
 */
import { describe, expect, it } from 'vitest';
import type { ConditionGroup, SplitRule, TagRule } from '../../../../src/shared/allocation-contract';
import { roundHalfEven } from '../../../../src/core/allocation/largest-remainder';
import { exactSum, testEngine } from '../../helpers/engine';
import { all, cond, importCharges, importUsageLog, key, rule, ruleSet, rng, split, type Charge } from './runtime-fixtures';

const CASES = 200;
const PROJECTS = ['Search', 'Growth', 'Ads', 'search', ''];
const SUBS = ['prod-1', 'prod-2', 'sandbox', ''];
const TEAMS = ['Search', 'Growth', 'Ads', 'Platform'];
const CURRENCIES = ['USD', 'USD', 'EUR', 'JPY'];

function amount(next: () => number): string {
  const int = Math.floor(next() * (next() < 0.5 ? 10 : 100_000));
  const fracDigits = Math.floor(next() * 13);
  let frac = '';
  for (let i = 0; i < fracDigits; i++) frac += Math.floor(next() * 10);
  const text = frac ? `${int}.${frac}` : String(int);
  return next() < 0.15 ? `-${text}` : text;
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)];
}

function randomCharges(next: () => number): Charge[] {
  const n = 1 + Math.floor(next() * 25);
  return Array.from({ length: n }, () => {
    const day = `2026-${pick(next, ['09', '10'])}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
    const tags = next() < 0.4 ? { team: pick(next, ['search', 'Growth', 'ADS', 'platform ']) } : undefined;
    return {
      day,
      billed: amount(next),
      effective: amount(next),
      list: amount(next),
      currency: pick(next, CURRENCIES),
      project: pick(next, PROJECTS),
      sub: pick(next, SUBS),
      tags,
      tokens: next() < 0.6 ? Math.floor(next() * 10_000) : undefined,
      requests: next() < 0.3 ? Math.floor(next() * 50) : undefined,
    };
  });
}

function dates(next: () => number): Partial<TagRule> {
  if (next() < 0.7) return {};
  return next() < 0.5 ? { from: '2026-09-15' } : { to: '2026-10-10' };
}

function randomTeamRules(next: () => number): TagRule[] {
  const candidates: (() => TagRule)[] = [
    () => rule('by-tag', all(cond('tag:team', 'isNotEmpty')), { kind: 'field', field: 'tag:team' }, dates(next)),
    () => rule('by-project', all(cond('x_Project', 'isNotEmpty')), { kind: 'field', field: 'x_Project' }, dates(next)),
    () => rule('sandbox', all(cond('SubAccountName', 'equals', 'sandbox')), 'Platform', dates(next)),
    () => rule('big', all(cond('BilledCost', 'gt', '50000')), 'Growth', dates(next)),
    () => rule('prod', all(cond('SubAccountName', 'regex', '^prod-(\\d)$')), { kind: 'capture', field: 'SubAccountName', pattern: '^prod-(\\d)$', template: 'Team $1' }),
  ];
  return candidates.filter(() => next() < 0.6).map((make) => make());
}

function randomPool(next: () => number): ConditionGroup {
  return pick(next, [
    () => all(cond('vtag:team', 'equals', 'Unallocated')),
    () => all(cond('vtag:team', 'equals', pick(next, TEAMS))),
    () => all(cond('SubAccountName', 'isEmpty')),
    () => ({ join: 'or' as const, items: [cond('vtag:env', 'equals', 'prod'), cond('BilledCost', 'lt', '0')] }),
    () => all(),
  ])();
}

function randomSplit(next: () => number, i: number): SplitRule {
  const method = pick(next, ['even', 'fixed', 'cost', 'usage'] as const);
  const extra: Partial<SplitRule> = {
    period: next() < 0.3 ? 'day' : 'month',
    noWeight: next() < 0.5 ? 'even' : 'unallocated',
    targets: next() < 0.5 ? [] : TEAMS.filter(() => next() < 0.6),
  };
  if (method === 'fixed') {
    const targets = extra.targets?.length ? extra.targets : TEAMS.slice(0, 1 + Math.floor(next() * 3));
    extra.targets = targets;
    let left = 10_000;
    const percentages: Record<string, string> = {};
    targets.forEach((t, at) => {
      const p = at === targets.length - 1 ? left : Math.floor(next() * left);
      left -= p;
      percentages[t] = (p / 100).toFixed(2);
    });
    extra.percentages = percentages;
  }
  if (method === 'usage') extra.usage = next() < 0.7 ? 'tokens' : 'requests';
  if (next() < 0.15) extra.from = '2026-09-20';
  return split(`s${i}`, next() < 0.8 ? 'team' : 'env', randomPool(next), method, extra);
}

function randomRuleSet(next: () => number) {
  const team = key('team', randomTeamRules(next), { normalize: [{ value: 'Search', aliases: ['search'] }, { value: 'Ads', aliases: ['ads'] }] });
  const env = key('env', [rule('env', all(cond('vtag:team', 'notEquals', 'Unallocated'), cond('SubAccountName', 'startsWith', 'prod')), 'prod')], { defaultValue: 'other' });
  const splits = Array.from({ length: Math.floor(next() * 4) }, (_, i) => randomSplit(next, i));
  return ruleSet([env, team], splits);
}

/** Decimal text as picodollars. */
function pico(text: string): bigint {
  const neg = text.startsWith('-');
  const [i, f = ''] = text.replace('-', '').split('.');
  const v = BigInt(i) * 10n ** 12n + BigInt(f.padEnd(12, '0'));
  return neg ? -v : v;
}

/** Sums of one money field per currency, as exact decimal text. */
function perCurrency<T extends { currency: string }>(rows: T[], pick: (r: T) => string): Record<string, string> {
  const by = new Map<string, string[]>();
  for (const r of rows) by.set(r.currency, [...(by.get(r.currency) ?? []), pick(r)]);
  return Object.fromEntries([...by.entries()].map(([c, v]) => [c, exactSum(v)]));
}

describe('allocation never makes or loses money', () => {
  it(`keeps every currency’s totals to the picodollar, and every charge’s trail exact (${CASES} random cases)`, async () => {
    const { engine } = await testEngine();
    const next = rng(1_115);
    for (let c = 0; c < CASES; c++) {
      await engine.call('workspace/create', { name: `case ${c}` });
      const charges = randomCharges(next);
      await importCharges(engine, `case-${c}.csv`, charges);
      if (next() < 0.25) await importUsageLog(engine, `proxy-${c}.csv`, [{ day: '2026-09-03', project: pick(next, TEAMS), cost: '123.45', tokens: 1 + Math.floor(next() * 1000), requests: 3 }]);
      const set = randomRuleSet(next);
      expect(await engine.call('allocation/validate', { ruleSet: set }), `case ${c}`).toEqual([]);
      await engine.call('allocation/save', { ruleSet: set });

      const invoice = await engine.call('summary/totals', { by: ['currency'] });
      const expected = Object.fromEntries(invoice.totalsByCurrency.map((t) => [t.currency, [t.billedCost, t.effectiveCost, t.listCost]]));
      for (const k of ['team', 'env']) {
        const r = await engine.call('allocation/result', { key: k });
        const got = Object.fromEntries(r.totalsByCurrency.map((t) => [t.currency, [t.billedCost, t.effectiveCost, t.listCost]]));
        expect(got, `case ${c} key ${k}`).toEqual(expected);
        const billed = perCurrency(r.groups, (g) => g.billedCost);
        const effective = perCurrency(r.groups, (g) => g.effectiveCost);
        const list = perCurrency(r.groups, (g) => g.listCost);
        for (const [cur, [b, e, l]] of Object.entries(expected)) {
          expect([billed[cur], effective[cur], list[cur]], `case ${c} key ${k} ${cur}`).toEqual([b, e, l]);
        }
        // Rounded to the minor unit, the groups of a currency add up to its rounded total.
        for (const t of r.totalsByCurrency) {
          const unit = t.currency === 'JPY' ? 10n ** 12n : 10n ** 10n;
          const rounded = r.groups.filter((g) => g.currency === t.currency).map((g) => g.billedCostRounded);
          expect(rounded.every((x) => pico(x) % unit === 0n), `case ${c} ${t.currency} whole units`).toBe(true);
          expect(pico(exactSum(rounded)), `case ${c} ${t.currency} rounded`).toBe(roundHalfEven(pico(t.billedCost), unit));
        }
        const lines = await engine.call('allocation/lines', { key: k });
        expect(perCurrency(lines, (l) => l.billedCost), `case ${c} lines ${k}`).toEqual(billed);
      }

      // Tag values charge by charge (the trail) agree with the values over the cube (the preview).
      const preview = await engine.call('allocation/preview', { ruleSet: set, key: 'team' });
      // What is left unallocated, by what identifies it, adds up to the unallocated figure.
      expect(exactSum(preview.topUnallocated.map((t) => t.cost)), `case ${c} unallocated`).toBe(preview.unallocated.cost);
      expect(preview.topUnallocated.reduce((n, t) => n + t.rows, 0), `case ${c} unallocated rows`).toBe(preview.unallocated.rows);
      const byValue = new Map<string, string[]>();
      for (let chargeId = 1; chargeId <= charges.length; chargeId++) {
        const trail = await engine.call('allocation/trail', { chargeId });
        const team = trail.tags.find((t) => t.key === 'team')?.value as string;
        if (trail.currency === preview.currency) byValue.set(team, [...(byValue.get(team) ?? []), trail.billedCost]);
        const charge = charges[chargeId - 1];
        expect(trail.billedCost, `case ${c} charge ${chargeId}`).toBe(exactSum([charge.billed]));
        // Parts of the charge as the splits cut it: each split's shares must add up to one part.
        let pieces = [{ values: Object.fromEntries(trail.tags.map((t) => [t.key, t.value])), billed: trail.billedCost, effective: trail.effectiveCost }];
        for (const s of trail.splits) {
          const billed = exactSum(s.shares.map((x) => x.billedCost));
          const effective = exactSum(s.shares.map((x) => x.effectiveCost));
          const at = pieces.findIndex((p) => p.values[s.key] === s.from && p.billed === billed && p.effective === effective);
          expect(at, `case ${c} charge ${chargeId} split ${s.splitId}`).toBeGreaterThanOrEqual(0);
          const [cut] = pieces.splice(at, 1);
          pieces = [...pieces, ...s.shares.map((x) => ({ values: { ...cut.values, [s.key]: x.value }, billed: x.billedCost, effective: x.effectiveCost }))];
        }
        expect(exactSum(pieces.map((p) => p.billed))).toBe(trail.billedCost);
        expect(exactSum(pieces.map((p) => p.effective))).toBe(trail.effectiveCost);
      }
      const fromTrails = [...byValue.entries()].map(([value, costs]) => ({ value, rows: costs.length, cost: exactSum(costs) }));
      const sortByValue = (a: { value: string }, b: { value: string }) => (a.value < b.value ? -1 : 1);
      expect(fromTrails.sort(sortByValue), `case ${c} tag values`).toEqual([...preview.values].sort(sortByValue));
    }
  }, 300_000);
});
