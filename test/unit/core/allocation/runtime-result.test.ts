import { describe, expect, it } from 'vitest';
import { CancelToken } from '../../../../src/core/engine';
import { testEngine } from '../../helpers/engine';
import { all, billedByValue, cond, failure, importCharges, key, rule, ruleSet, split, TEAM_BY_PROJECT, type Charge } from './runtime-fixtures';

const SHARED = all(cond('vtag:team', 'equals', 'Unallocated'));

describe('allocation results', () => {
  it('applies saved rules to charges imported later, and forgets a removed import', async () => {
    const { engine } = await testEngine();
    await importCharges(engine, 'sept.csv', [
      { day: '2026-09-01', billed: '10', project: 'Search' },
      { day: '2026-09-02', billed: '5' },
    ]);
    const saved = await engine.call('allocation/save', { ruleSet: ruleSet([TEAM_BY_PROJECT]) });
    const before = await engine.call('allocation/result', { key: 'team' });
    expect(billedByValue(before.groups)).toEqual({ Search: '10', Unallocated: '5' });
    expect(before).toMatchObject({ key: 'team', period: null, billedCost: '15', currency: 'USD', defaultValue: 'Unallocated', rulesVersion: saved.version });
    expect(before.coverage).toBeCloseTo(10 / 15, 10);

    const october = await importCharges(engine, 'oct.csv', [{ day: '2026-10-01', billed: '7', project: 'Growth' }]);
    const after = await engine.call('allocation/result', { key: 'team' });
    expect(billedByValue(after.groups)).toEqual({ Search: '10', Growth: '7', Unallocated: '5' });

    await engine.call('import/remove', { importId: october });
    const removed = await engine.call('allocation/result', { key: 'team' });
    expect(billedByValue(removed.groups)).toEqual({ Search: '10', Unallocated: '5' });
  });

  it('keeps currencies apart: totals per currency, splits weighed within the pooled charge’s currency', async () => {
    const { engine } = await testEngine();
    await importCharges(engine, 'mixed.csv', [
      { day: '2026-09-01', billed: '10', project: 'Search' },
      { day: '2026-09-01', billed: '30', project: 'Growth', currency: 'EUR' },
      { day: '2026-09-01', billed: '1000', project: 'Search', currency: 'JPY' },
      { day: '2026-09-02', billed: '6', currency: 'EUR' },
      { day: '2026-09-02', billed: '4' },
    ]);
    await engine.call('allocation/save', { ruleSet: ruleSet([TEAM_BY_PROJECT], [split('cost', 'team', SHARED, 'cost')]) });
    const r = await engine.call('allocation/result', { key: 'team' });
    expect(r.billedCost).toBeNull();
    expect(r.currency).toBeNull();
    expect(r.totalsByCurrency).toEqual([
      { currency: 'EUR', billedCost: '36', effectiveCost: '36', listCost: '36' },
      { currency: 'JPY', billedCost: '1000', effectiveCost: '1000', listCost: '1000' },
      { currency: 'USD', billedCost: '14', effectiveCost: '14', listCost: '14' },
    ]);
    // The EUR pool goes to the team with EUR cost, the USD pool to the team with USD cost.
    expect(r.groups.map((g) => [g.currency, g.value, g.billedCost])).toEqual([
      ['EUR', 'Growth', '36'],
      ['JPY', 'Search', '1000'],
      ['USD', 'Search', '14'],
    ]);
    expect(r.coverage).toBe(1);
  });

  it('rounds groups to the currency’s minor unit so they add up to the rounded total', async () => {
    const { engine } = await testEngine();
    const cents: Charge[] = ['A', 'B', 'C'].map((p, i) => ({ day: '2026-09-01', billed: `${i + 1}.005`, project: p }));
    await importCharges(engine, 'cents.csv', [
      ...cents,
      { day: '2026-09-01', billed: '10.5', project: 'A', currency: 'JPY' },
      { day: '2026-09-01', billed: '20.5', project: 'B', currency: 'JPY' },
      { day: '2026-09-01', billed: '0.0015', project: 'A', currency: 'BHD' },
      { day: '2026-09-01', billed: '0.0015', project: 'B', currency: 'BHD' },
    ]);
    await engine.call('allocation/save', { ruleSet: ruleSet([TEAM_BY_PROJECT]) });
    const r = await engine.call('allocation/result', { key: 'team' });
    const rounded = (currency: string) => r.groups.filter((g) => g.currency === currency).map((g) => [g.value, g.billedCost, g.billedCostRounded]);
    // 6.015 rounds half to even: 6.02; the two missing cents go to the first names.
    expect(rounded('USD')).toEqual([
      ['C', '3.005', '3'],
      ['B', '2.005', '2.01'],
      ['A', '1.005', '1.01'],
    ]);
    expect(rounded('JPY')).toEqual([
      ['B', '20.5', '20'],
      ['A', '10.5', '11'],
    ]);
    // 0.003 BHD: three fils, already whole.
    expect(rounded('BHD')).toEqual([
      ['A', '0.0015', '0.002'],
      ['B', '0.0015', '0.001'],
    ]);
    expect(r.groups.filter((g) => g.currency === 'USD').every((g) => g.effectiveCostRounded === g.billedCostRounded && g.listCostRounded === g.billedCostRounded)).toBe(true);
  });

  it('filters a month, reads source tags, other keys’ values, per-charge amounts and dated rules', async () => {
    const { engine } = await testEngine();
    await importCharges(engine, 'tags.csv', [
      { day: '2026-08-31', billed: '1', tags: { Team: 'ml-platform' } },
      { day: '2026-09-01', billed: '2', tags: { Team: 'ML_Platform', env: 'prod' } },
      { day: '2026-09-02', billed: '200', tags: { env: 'prod' } },
      { day: '2026-09-15', billed: '3', project: 'legacy-search' },
      { day: '2026-09-16', billed: '4', project: 'legacy-search' },
    ]);
    const set = ruleSet([
      key('env', [rule('env-tag', all(cond('tag:env', 'isNotEmpty')), { kind: 'field', field: 'tag:env' })], { defaultValue: 'none' }),
      key(
        'team',
        [
          rule('team-tag', all(cond('tag:Team', 'isNotEmpty')), { kind: 'field', field: 'tag:Team' }),
          rule('big-prod', all(cond('vtag:env', 'equals', 'prod'), cond('BilledCost', 'gte', '100')), 'Platform'),
          rule('legacy', all(cond('x_Project', 'startsWith', 'legacy-')), { kind: 'capture', field: 'x_Project', pattern: '^legacy-(.+)$', template: '$1' }, { from: '2026-09-16' }),
        ],
        { normalize: [{ value: 'ML Platform', aliases: ['ml-platform'] }] },
      ),
    ]);
    await engine.call('allocation/save', { ruleSet: set });
    const r = await engine.call('allocation/result', { key: 'team', period: '2026-09' });
    expect(r.period).toBe('2026-09');
    expect(billedByValue(r.groups)).toEqual({ Platform: '200', search: '4', Unallocated: '3', 'ML Platform': '2' });
    const all_ = await engine.call('allocation/result', { key: 'team' });
    expect(all_.groups.find((g) => g.value === 'ML Platform')?.billedCost).toBe('3');
    const lines = await engine.call('allocation/lines', { key: 'team', period: '2026-09' });
    expect(lines.map((l) => [l.period, l.value, l.AllocatedMethodId, l.billedCost])).toEqual([
      ['2026-09', 'ML Platform', 'team-tag', '2'],
      ['2026-09', 'Platform', 'big-prod', '200'],
      ['2026-09', 'Unallocated', null, '3'],
      ['2026-09', 'search', 'legacy', '4'],
    ]);
    const trail = await engine.call('allocation/trail', { chargeId: 3 });
    expect(trail.tags).toEqual([
      { key: 'env', value: 'prod', ruleId: 'env-tag', ruleName: 'Rule env-tag' },
      { key: 'team', value: 'Platform', ruleId: 'big-prod', ruleName: 'Rule big-prod' },
    ]);
  });

  it('allocates with a draft rule set without saving it, refuses one with problems and an unknown key', async () => {
    const { engine } = await testEngine();
    await importCharges(engine, 'sept.csv', [{ day: '2026-09-01', billed: '10', project: 'Search' }]);
    const draft = ruleSet([key('owner', [rule('all', all(), 'Everyone')])]);
    const r = await engine.call('allocation/result', { key: 'owner', ruleSet: draft });
    expect(billedByValue(r.groups)).toEqual({ Everyone: '10' });
    expect(r.rulesVersion).toBe(0);
    expect((await failure(engine.call('allocation/result', { key: 'team', ruleSet: draft }))).code).toBe('allocation/unknown-key');
    expect((await failure(engine.call('allocation/result', { key: 'team' }))).code).toBe('allocation/unknown-key');
    const broken = ruleSet([key('owner', [rule('bad', all(cond('x_Project', 'regex', '[')), 'X')])]);
    const e = await failure(engine.call('allocation/lines', { key: 'owner', ruleSet: broken }));
    expect(e.code).toBe('allocation/invalid-rules');
    expect(e.details.problems).toHaveLength(1);
    expect((await failure(engine.call('allocation/trail', { chargeId: 99 }))).code).toBe('import/not-found');
  });

  it('stops when the call is cancelled', async () => {
    const { engine } = await testEngine();
    await importCharges(engine, 'sept.csv', [{ day: '2026-09-01', billed: '10', project: 'Search' }]);
    await engine.call('allocation/save', { ruleSet: ruleSet([TEAM_BY_PROJECT]) });
    for (const name of ['allocation/result', 'allocation/lines'] as const) {
      const token = new CancelToken();
      token.cancel();
      expect((await failure(engine.call(name, { key: 'team' }, token))).code).toBe('import/cancelled');
    }
    const token = new CancelToken();
    token.cancel();
    expect((await failure(engine.call('allocation/preview', { ruleSet: ruleSet([TEAM_BY_PROJECT]), key: 'team' }, token))).code).toBe('import/cancelled');
    expect(billedByValue((await engine.call('allocation/result', { key: 'team' })).groups)).toEqual({ Search: '10' });
  });

  it('gives an empty workspace empty figures', async () => {
    const { engine } = await testEngine();
    await engine.call('allocation/save', { ruleSet: ruleSet([TEAM_BY_PROJECT], [split('even', 'team', SHARED, 'even')]) });
    const r = await engine.call('allocation/result', { key: 'team' });
    expect(r).toMatchObject({ billedCost: '0', currency: null, totalsByCurrency: [], groups: [], coverage: 0 });
    expect(await engine.call('allocation/lines', { key: 'team' })).toEqual([]);
  });
});
