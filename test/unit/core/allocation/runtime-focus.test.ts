/**
 * The shortcuts that make allocation fast must not change its answers:
 * - a key's figures come from a run that leaves out the splits they do not depend on; they agree
 *   with a run of every split to the picodollar per value line, and exactly in total;
 * - a draft one rule away from rules already evaluated is evaluated from them (only the edited
 *   rule and what it lets through); its preview and result equal a fresh evaluation's exactly.
 */
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import type { AllocationRuleSet, ConditionGroup, SplitRule, TagRule } from '../../../../src/shared/allocation-contract';
import { AllocationRuntime, compileOrRefuse, focusOn } from '../../../../src/core/allocation/allocate';
import { openWorkspace } from '../../../../src/core/db/workspace';
import { FIXED_NOW, testEngine } from '../../helpers/engine';
import { all, cond, importCharges, key, rng, rule, ruleSet, split, type Charge } from './runtime-fixtures';

const CASES = 60;
const PROJECTS = ['Search', 'Growth', 'Ads', 'chat-bot', ''];
const SUBS = ['prod-1', 'prod-2', 'sandbox', 'dev-3', ''];
const TEAMS = ['Search', 'Growth', 'Ads', 'Platform'];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)];
}

function randomCharges(next: () => number): Charge[] {
  return Array.from({ length: 5 + Math.floor(next() * 30) }, () => ({
    day: `2026-${pick(next, ['09', '10'])}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
    billed: (next() * 500 - 40).toFixed(Math.floor(next() * 9)),
    effective: (next() * 400).toFixed(Math.floor(next() * 9)),
    list: (next() * 600).toFixed(3),
    currency: pick(next, ['USD', 'USD', 'EUR']),
    project: pick(next, PROJECTS),
    sub: pick(next, SUBS),
    tags: next() < 0.5 ? { team: pick(next, ['search', 'Growth', 'ADS']), app: pick(next, ['bot', 'web']) } : undefined,
    tokens: next() < 0.7 ? Math.floor(next() * 10_000) : undefined,
    requests: next() < 0.4 ? Math.floor(next() * 50) : undefined,
  }));
}

/** A random rule of the team key; `id` keeps rule ids unique. */
function teamRule(next: () => number, id: string): TagRule {
  const dates: Partial<TagRule> = next() < 0.2 ? { from: '2026-09-15' } : {};
  return pick(next, [
    () => rule(id, all(cond('tag:team', 'isNotEmpty')), { kind: 'field', field: 'tag:team' }, dates),
    () => rule(id, all(cond('x_Project', 'in', [pick(next, PROJECTS), ...PROJECTS.filter(() => next() < 0.4)])), pick(next, TEAMS), dates),
    () => rule(id, all(cond('SubAccountName', 'startsWith', pick(next, ['prod', 'dev', 'sand']))), pick(next, TEAMS)),
    () => rule(id, all(cond('BilledCost', 'gt', String(Math.floor(next() * 400)))), 'Growth'),
    () => rule(id, all(cond('SubAccountName', 'regex', '^prod-(\\d)$')), { kind: 'capture', field: 'SubAccountName', pattern: '^prod-(\\d)$', template: 'Team $1' }),
    () => rule(id, { join: 'or', items: [cond('x_Project', 'equals', 'Ads'), cond('tag:app', 'equals', 'web')] }, 'Ads'),
  ])();
}

function pool(next: () => number): ConditionGroup {
  return pick(next, [
    () => all(cond('vtag:team', 'equals', 'Unallocated')),
    () => all(cond('vtag:app', 'equals', 'Unallocated'), cond('SubAccountName', 'isNotEmpty')),
    () => all(cond('vtag:env', 'equals', 'prod')),
    () => all(cond('SubAccountName', 'isEmpty')),
    () => all(),
  ])();
}

function randomSplit(next: () => number, i: number): SplitRule {
  const method = pick(next, ['even', 'cost', 'usage'] as const);
  return split(`s${i}`, pick(next, ['team', 'app', 'env']), pool(next), method, {
    period: next() < 0.3 ? 'day' : 'month',
    noWeight: next() < 0.5 ? 'even' : 'unallocated',
    ...(method === 'usage' ? { usage: next() < 0.7 ? ('tokens' as const) : ('requests' as const) } : {}),
  });
}

function randomRuleSet(next: () => number): AllocationRuleSet {
  const team = key('team', Array.from({ length: 2 + Math.floor(next() * 5) }, (_, i) => teamRule(next, `t${i}`)));
  const app = key('app', [rule('a0', all(cond('tag:app', 'isNotEmpty')), { kind: 'field', field: 'tag:app' })]);
  const env = key('env', [rule('e0', all(cond('vtag:team', 'notEquals', 'Unallocated'), cond('SubAccountName', 'startsWith', 'prod')), 'prod')], { defaultValue: 'other' });
  return ruleSet([team, app, env], Array.from({ length: Math.floor(next() * 5) }, (_, i) => randomSplit(next, i)));
}

/** The set with one team rule replaced, switched off, or its value changed. */
function editOneRule(next: () => number, set: AllocationRuleSet, round: number): AllocationRuleSet {
  const [team, ...rest] = set.keys;
  const at = Math.floor(next() * team.rules.length);
  const rules = team.rules.map((r, i) => {
    if (i !== at) return r;
    const how = next();
    if (how < 0.3) return { ...r, enabled: r.enabled === false };
    if (how < 0.5) return { ...r, value: { kind: 'literal' as const, value: pick(next, TEAMS) } };
    return { ...teamRule(next, r.id), name: `edit ${round}` };
  });
  return { ...set, keys: [{ ...team, rules }, ...rest] };
}

const withoutTiming = <T extends { elapsedMs: number }>(p: T): Omit<T, 'elapsedMs'> => {
  const { elapsedMs: _ignored, ...rest } = p;
  return rest;
};

describe('a key’s figures from only the splits they depend on', () => {
  it('finds the splits a key depends on, through the keys their pools read', () => {
    const set = ruleSet(
      [key('team', []), key('app', []), key('env', [])],
      [
        split('a', 'app', all(cond('vtag:app', 'equals', 'Unallocated')), 'even'),
        split('b', 'env', all(cond('vtag:app', 'equals', 'bot')), 'even'),
        split('c', 'team', all(cond('vtag:env', 'equals', 'prod')), 'even'),
        split('d', 'app', all(), 'even'),
      ],
    );
    const compiled = compileOrRefuse(set);
    const at = (k: string) => compiled.keys.findIndex((c) => c.key === k);
    const keyIndex = (k: string) => (at(k) >= 0 ? at(k) : undefined);
    // team reads env (c), env's split b reads app, so app's split a counts; d comes after and does not.
    const team = focusOn(compiled, keyIndex, at('team'));
    expect(team.splits.map((s) => s.rule.id)).toEqual(['a', 'b', 'c']);
    expect([...team.keys].sort()).toEqual([at('team'), at('app'), at('env')].sort());
    expect(focusOn(compiled, keyIndex, at('app')).splits.map((s) => s.rule.id)).toEqual(['a', 'd']);
    expect(focusOn(compiled, keyIndex, at('env')).splits.map((s) => s.rule.id)).toEqual(['a', 'b']);
  });

  it(`agree with a run of every split (${CASES} random cases)`, async () => {
    const SQL = await initSqlJs();
    const { engine } = await testEngine();
    const next = rng(8_311);
    for (let c = 0; c < CASES; c++) {
      await engine.call('workspace/create', { name: `case ${c}` });
      await importCharges(engine, `case-${c}.csv`, randomCharges(next));
      const set = randomRuleSet(next);
      const { bytes } = await engine.call('workspace/export', {});
      const ws = openWorkspace(SQL, 'copy', bytes, { now: () => FIXED_NOW });
      const runtime = new AllocationRuntime(() => 0, () => () => new Map());
      const compiled = compileOrRefuse(set);
      const full = runtime.run(ws, set, compiled, { month: null, throwIfCancelled: () => undefined });
      compiled.keys.forEach((_, k) => {
        const focused = runtime.run(ws, set, compiled, { month: null, focus: { key: k, rules: false }, throwIfCancelled: () => undefined });
        const sums = (lines: typeof full.lines) => {
          const by = new Map<string, bigint>();
          for (const l of lines) {
            const id = `${full.cube.currency[l.row]}|${l.vals[k]}`;
            by.set(id, (by.get(id) ?? 0n) + l.billed);
          }
          return by;
        };
        const a = sums(full.lines);
        const b = sums(focused.lines);
        expect([...b.keys()].sort(), `case ${c} key ${k} values`).toEqual([...a.keys()].sort());
        // Lines are cut differently, so a value may differ by the picodollars each cut rounds.
        for (const [id, amount] of a) {
          const diff = amount - (b.get(id) ?? 0n);
          expect(diff <= BigInt(full.lines.length) && -diff <= BigInt(full.lines.length), `case ${c} key ${k} ${id}`).toBe(true);
        }
        const total = (m: Map<string, bigint>) => [...m.values()].reduce((s, x) => s + x, 0n);
        expect(total(b), `case ${c} key ${k} total`).toBe(total(a));
      });
      ws.close();
    }
  }, 120_000);
});

describe('a draft one rule away from evaluated rules', () => {
  it(`previews and allocates exactly as a fresh evaluation (${CASES} random cases)`, async () => {
    const { engine } = await testEngine();
    const fresh = (await testEngine()).engine;
    const next = rng(5_077);
    for (let c = 0; c < CASES; c++) {
      const charges = randomCharges(next);
      await engine.call('workspace/create', { name: `case ${c}` });
      await importCharges(engine, `case-${c}.csv`, charges);
      const saved = randomRuleSet(next);
      await engine.call('allocation/save', { ruleSet: saved });
      await engine.call('allocation/preview', { ruleSet: saved, key: 'team' });
      let draft = saved;
      for (let round = 0; round < 4; round++) {
        // Half the time from the saved rules, half from the previous draft, as an analyst edits.
        draft = editOneRule(next, next() < 0.5 ? saved : draft, round);
        const ruleId = draft.keys[0].rules[0]?.id;
        const got = await engine.call('allocation/preview', { ruleSet: draft, key: 'team', ruleId });
        await fresh.call('workspace/create', { name: `fresh ${c} ${round}` });
        await importCharges(fresh, `case-${c}.csv`, charges);
        const want = await fresh.call('allocation/preview', { ruleSet: draft, key: 'team', ruleId });
        expect(withoutTiming(got), `case ${c} round ${round}`).toEqual(withoutTiming(want));
        for (const k of ['team', 'env']) {
          // The fresh workspace has no saved rules: only the version of the saved rules differs.
          const r = { ...(await engine.call('allocation/result', { key: k, ruleSet: draft })), rulesVersion: 0 };
          expect(r, `case ${c} round ${round} ${k}`).toEqual(await fresh.call('allocation/result', { key: k, ruleSet: draft }));
        }
      }
    }
  }, 300_000);
});
