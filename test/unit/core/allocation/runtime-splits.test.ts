import { describe, expect, it } from 'vitest';
import { exactSum, fileInput, testEngine } from '../../helpers/engine';
import { all, billedByValue, cond, importCharges, importUsageLog, ruleSet, split, TEAM_BY_PROJECT, type Charge } from './runtime-fixtures';

const SHARED = all(cond('vtag:team', 'equals', 'Unallocated'));

/** Three teams with their own cost, and a shared charge no rule tags. */
const TEAMS: Charge[] = [
  { day: '2026-09-01', billed: '10', project: 'Search', tokens: 100 },
  { day: '2026-09-02', billed: '30', project: 'Growth', tokens: 300 },
  { day: '2026-09-03', billed: '-5', project: 'Refunds' },
  { day: '2026-09-04', billed: '4', sub: 'shared' },
];

async function allocate(charges: Charge[], ...splits: ReturnType<typeof split>[]) {
  const { engine } = await testEngine();
  await importCharges(engine, 'sept.csv', charges);
  await engine.call('allocation/save', { ruleSet: ruleSet([TEAM_BY_PROJECT], splits) });
  return { engine, result: await engine.call('allocation/result', { key: 'team' }) };
}

describe('split rules', () => {
  it('even: every value holding cost outside the pool gets the same share, the picodollar left over to the first by name', async () => {
    const { result } = await allocate([...TEAMS.slice(0, 3), { day: '2026-09-04', billed: '1', sub: 'shared' }], split('even', 'team', SHARED, 'even'));
    expect(billedByValue(result.groups)).toEqual({ Growth: '30.333333333334', Search: '10.333333333333', Refunds: '-4.666666666667' });
    expect(result.billedCost).toBe('36');
    expect(result.coverage).toBe(1);
    expect(result.groups.find((g) => g.value === 'Refunds')?.splitBilledCost).toBe('0.333333333333');
  });

  it('fixed: exact percentages of the pool', async () => {
    const { result } = await allocate(TEAMS, split('fixed', 'team', SHARED, 'fixed', { percentages: { Search: '62.5', Growth: '37.5' } }));
    expect(billedByValue(result.groups)).toEqual({ Growth: '31.5', Search: '12.5', Refunds: '-5' });
  });

  it('cost: in proportion to each value’s own cost in the period, a negative one weighing nothing', async () => {
    const { result, engine } = await allocate(TEAMS, split('cost', 'team', SHARED, 'cost'));
    expect(billedByValue(result.groups)).toEqual({ Growth: '33', Search: '11', Refunds: '-5' });
    const lines = await engine.call('allocation/lines', { key: 'team' });
    const growth = lines.filter((l) => l.value === 'Growth');
    expect(growth.map((l) => [l.AllocatedMethodId, l.billedCost])).toEqual([
      ['by-project', '30'],
      ['cost', '3'],
    ]);
    expect(JSON.parse(growth[1].AllocatedMethodDetails as string)).toEqual({ Elements: [{ AllocatedRatio: '0.75', SourceValue: 'Unallocated' }] });
    expect(growth[0].AllocatedMethodDetails).toBeNull();
    expect(growth[1].ruleName).toBe('Split cost');
  });

  it('usage: tokens of invoices and of usage sources weigh, but a usage source’s cost is never added', async () => {
    const { engine } = await testEngine();
    await importCharges(engine, 'sept.csv', TEAMS);
    await importUsageLog(engine, 'proxy.csv', [{ day: '2026-09-10', project: 'Search', cost: '99', tokens: 600 }]);
    await engine.call('allocation/save', { ruleSet: ruleSet([TEAM_BY_PROJECT], [split('tokens', 'team', SHARED, 'usage', { usage: 'tokens' })]) });
    const result = await engine.call('allocation/result', { key: 'team' });
    // Search 100 + 600 tokens, Growth 300: the 4 shared go 2.8 and 1.2. Refunds has no tokens.
    expect(billedByValue(result.groups)).toEqual({ Growth: '31.2', Search: '12.8', Refunds: '-5' });
    expect(result.billedCost).toBe('39');
    expect(result.groups.find((g) => g.value === 'Search')?.rows).toBe(2);
  });

  it('usage by a business metric imported per day, summed per month', async () => {
    const { engine } = await testEngine();
    await importCharges(engine, 'sept.csv', TEAMS);
    const metrics = 'day,metric,tag_key,tag_value,quantity\n2026-09-01,tickets,team,Search,1\n2026-09-20,tickets,team,Search,2\n2026-09-05,tickets,team,Growth,1\n2026-10-01,tickets,team,Growth,100\n';
    await engine.call('allocation/metrics-import', { file: fileInput('tickets.csv', metrics) });
    await engine.call('allocation/save', { ruleSet: ruleSet([TEAM_BY_PROJECT], [split('tickets', 'team', SHARED, 'usage', { usage: 'metric:tickets' })]) });
    const result = await engine.call('allocation/result', { key: 'team' });
    expect(billedByValue(result.groups)).toEqual({ Growth: '31', Search: '13', Refunds: '-5' });
  });

  it('a later split splits what an earlier one produced', async () => {
    const { engine, result } = await allocate(
      [...TEAMS, { day: '2026-09-05', billed: '2', project: 'Platform' }],
      split('to-platform', 'team', SHARED, 'even', { targets: ['Platform', 'Search'] }),
      split('platform-out', 'team', all(cond('vtag:team', 'equals', 'Platform')), 'fixed', { percentages: { Search: '50', Growth: '50' } }),
    );
    // Platform's 2 and its 2 from the first split go half and half to Search and Growth.
    expect(billedByValue(result.groups)).toEqual({ Growth: '32', Search: '14', Refunds: '-5' });
    const lines = await engine.call('allocation/lines', { key: 'team' });
    const search = lines.filter((l) => l.value === 'Search').map((l) => [l.AllocatedMethodId, l.billedCost, l.AllocatedMethodDetails]);
    expect(search).toEqual([
      ['by-project', '10', null],
      ['platform-out', '2', JSON.stringify({ Elements: [{ AllocatedRatio: '0.5', SourceValue: 'Platform' }] })],
      ['to-platform', '2', JSON.stringify({ Elements: [{ AllocatedRatio: '0.5', SourceValue: 'Unallocated' }] })],
    ]);
    // The shared charge (#4): half to Platform, then Platform's half to Search and Growth.
    const trail = await engine.call('allocation/trail', { chargeId: 4 });
    expect(trail).toMatchObject({ chargeId: 4, file: 'sept.csv', rowNumber: 5, day: '2026-09-04', billedCost: '4', currency: 'USD' });
    expect(trail.tags).toEqual([{ key: 'team', value: 'Unallocated', ruleId: null, ruleName: null }]);
    expect(trail.splits).toEqual([
      {
        splitId: 'to-platform',
        name: 'Split to-platform',
        key: 'team',
        from: 'Unallocated',
        shares: [
          { value: 'Platform', ratio: '0.5', billedCost: '2', effectiveCost: '2' },
          { value: 'Search', ratio: '0.5', billedCost: '2', effectiveCost: '2' },
        ],
      },
      {
        splitId: 'platform-out',
        name: 'Split platform-out',
        key: 'team',
        from: 'Platform',
        shares: [
          { value: 'Growth', ratio: '0.5', billedCost: '1', effectiveCost: '1' },
          { value: 'Search', ratio: '0.5', billedCost: '1', effectiveCost: '1' },
        ],
      },
    ]);
  });

  it('no weight in a period: shared evenly among the targets, or left where it is, with a note', async () => {
    const charges: Charge[] = [...TEAMS, { day: '2026-10-02', billed: '3', sub: 'shared' }, { day: '2026-10-01', billed: '1', project: 'Search' }];
    const even = await allocate(charges, split('tokens', 'team', SHARED, 'usage', { usage: 'tokens', targets: ['Search', 'Growth'], noWeight: 'even' }));
    // September by tokens (1 and 3); October has no tokens: 1.5 each.
    expect(billedByValue(even.result.groups)).toEqual({ Growth: '34.5', Search: '13.5', Refunds: '-5' });

    const kept = await allocate(charges, split('tokens', 'team', SHARED, 'usage', { usage: 'tokens', targets: ['Search', 'Growth'], noWeight: 'unallocated' }));
    expect(billedByValue(kept.result.groups)).toEqual({ Growth: '33', Search: '12', Refunds: '-5', Unallocated: '3' });
    const preview = await kept.engine.call('allocation/preview', { ruleSet: (await kept.engine.call('allocation/rules', {})).ruleSet, key: 'team' });
    expect(preview.splits[0]).toMatchObject({ pooled: { rows: 1, cost: '4' }, kept: '3', notes: ['2026-10: no target had tokens; left in place.'] });
    const octoberTrail = await kept.engine.call('allocation/trail', { chargeId: 5 });
    expect(octoberTrail.splits).toEqual([{ splitId: 'tokens', name: 'Split tokens', key: 'team', from: 'Unallocated', shares: [{ value: 'Unallocated', ratio: '1', billedCost: '3', effectiveCost: '3' }] }]);
  });

  it('per day: weights come from the pooled charge’s own day', async () => {
    const charges: Charge[] = [
      { day: '2026-09-01', billed: '10', project: 'Search' },
      { day: '2026-09-02', billed: '10', project: 'Growth' },
      { day: '2026-09-01', billed: '1', sub: 'shared' },
      { day: '2026-09-02', billed: '2', sub: 'shared' },
    ];
    const daily = await allocate(charges, split('daily', 'team', SHARED, 'cost', { period: 'day' }));
    expect(billedByValue(daily.result.groups)).toEqual({ Search: '11', Growth: '12' });
    const monthly = await allocate(charges, split('monthly', 'team', SHARED, 'cost'));
    expect(billedByValue(monthly.result.groups)).toEqual({ Search: '11.5', Growth: '11.5' });
  });

  it('a split reads any field of the charge, and shares billed, effective and list cost alike', async () => {
    const charges: Charge[] = [
      { day: '2026-09-01', billed: '10', effective: '8', list: '12', project: 'Search' },
      { day: '2026-09-01', billed: '30', effective: '24', list: '36', project: 'Growth' },
      { day: '2026-09-02', billed: '1', effective: '0.9', list: '1.1', project: 'Search', service: 'Support plan' },
    ];
    const { engine, result } = await allocate(charges, split('support', 'team', all(cond('ServiceName', 'equals', 'support plan')), 'even', { targets: ['Search', 'Growth', 'Ads'] }));
    expect(result.groups.map((g) => [g.value, g.billedCost, g.effectiveCost, g.listCost])).toEqual([
      ['Growth', '30.333333333333', '24.3', '36.366666666667'],
      ['Search', '10.333333333333', '8.3', '12.366666666666'],
      ['Ads', '0.333333333334', '0.3', '0.366666666667'],
    ]);
    const lines = await engine.call('allocation/lines', { key: 'team' });
    expect(exactSum(lines.map((l) => l.listCost))).toBe('49.1');
  });
});
