import { describe, expect, it } from 'vitest';
import { ALLOCATION_COLUMNS } from '../../../../src/shared/allocation-contract';
import { testEngine } from '../../helpers/engine';
import { all, cond, failure, importCharges, importUsageLog, key, rule, ruleSet, split, type Charge } from './runtime-fixtures';

const CHARGES: Charge[] = [
  { day: '2026-09-01', billed: '6', project: 'Search', sub: 'search-prod' },
  { day: '2026-09-02', billed: '4', project: 'Search', sub: 'search-prod' },
  { day: '2026-09-02', billed: '5', sub: 'growth-eu', tags: { env: 'prod' } },
  { day: '2026-09-03', billed: '1', sub: 'sandbox' },
  { day: '2026-09-04', billed: '2', sub: 'sandbox', apiKey: 'key-1' },
  { day: '2026-09-05', billed: '7', provider: 'Anthropic', sub: 'Default', project: 'Default', tags: { owner: 'lab', env: 'dev' } },
  { day: '2026-09-05', billed: '1', project: 'Search', currency: 'EUR' },
  { day: '2026-10-01', billed: '9', project: 'Search' },
];

const DRAFT = ruleSet([
  key('team', [
    rule('r-project', all(cond('x_Project', 'equals', 'search')), 'Search'),
    rule('r-growth', all(cond('SubAccountName', 'contains', 'growth')), 'Growth'),
    rule('r-off', all(), 'Everything', { enabled: false }),
  ]),
  key('env', [rule('env-tag', all(cond('tag:env', 'isNotEmpty')), { kind: 'field', field: 'tag:env' })]),
]);

async function workspace() {
  const t = await testEngine();
  await importCharges(t.engine, 'sept.csv', CHARGES);
  return t;
}

describe('allocation preview', () => {
  it('shows what each rule catches, the edited rule against those above and below, and what is left', async () => {
    const { engine } = await workspace();
    const p = await engine.call('allocation/preview', { ruleSet: DRAFT, key: 'team', ruleId: 'r-growth', period: '2026-09' });
    expect(p).toMatchObject({ key: 'team', currency: 'USD', otherCurrencies: ['EUR'], period: '2026-09', problems: [] });
    expect(p.total).toEqual({ rows: 6, cost: '25' });
    expect(p.rules).toEqual([
      { ruleId: 'r-project', rows: 2, cost: '10' },
      { ruleId: 'r-growth', rows: 1, cost: '5' },
      { ruleId: 'r-off', rows: 0, cost: '0' },
    ]);
    expect(p.edited).toEqual({ ruleId: 'r-growth', rule: { rows: 1, cost: '5' }, above: { rows: 2, cost: '10' }, below: { rows: 0, cost: '0' } });
    expect(p.unallocated).toEqual({ rows: 3, cost: '10' });
    expect(p.values).toEqual([
      { value: 'Search', rows: 2, cost: '10' },
      { value: 'Unallocated', rows: 3, cost: '10' },
      { value: 'Growth', rows: 1, cost: '5' },
    ]);
    expect(p.coverage).toEqual([
      { key: 'team', share: 0.6 },
      { key: 'env', share: 0.48 },
    ]);
    expect(p.topUnallocated).toEqual([
      {
        label: 'Anthropic · Default · env=dev · owner=lab',
        fields: { ProviderName: 'Anthropic', SubAccountName: 'Default', x_Project: 'Default', 'tag:owner': 'lab', 'tag:env': 'dev' },
        rows: 1,
        cost: '7',
      },
      {
        label: 'OpenAI · sandbox',
        fields: { ProviderName: 'OpenAI', SubAccountName: 'sandbox', x_Project: null, 'tag:owner': null, 'tag:env': null },
        rows: 2,
        cost: '3',
      },
    ]);
    expect(p.splits).toEqual([]);
    expect(p.elapsedMs).toBeGreaterThanOrEqual(0);

    const october = await engine.call('allocation/preview', { ruleSet: DRAFT, key: 'team', period: '2026-10' });
    expect(october).toMatchObject({ total: { rows: 1, cost: '9' }, otherCurrencies: [], edited: null });
  });

  it('shows each split’s pool and every value before and after it', async () => {
    const { engine } = await workspace();
    await importUsageLog(engine, 'proxy.csv', [{ day: '2026-09-09', project: 'Search', cost: '50', tokens: 10 }]);
    const draft = ruleSet(
      [
        key('team', [
          rule('r-project', all(cond('x_Project', 'equals', 'search')), 'Search'),
          rule('r-growth', all(cond('SubAccountName', 'contains', 'growth')), 'Growth'),
        ]),
      ],
      [
        split('sandbox', 'team', all(cond('SubAccountName', 'equals', 'sandbox')), 'fixed', { percentages: { Growth: '100' } }),
        split('rest', 'team', all(cond('vtag:team', 'equals', 'Unallocated')), 'usage', { usage: 'tokens', targets: ['Search', 'Growth'], noWeight: 'unallocated' }),
      ],
    );
    const p = await engine.call('allocation/preview', { ruleSet: draft, key: 'team', period: '2026-09' });
    expect(p.splits).toEqual([
      {
        splitId: 'sandbox',
        name: 'Split sandbox',
        key: 'team',
        pooled: { rows: 2, cost: '3' },
        kept: '0',
        before: [
          { value: 'Search', cost: '10' },
          { value: 'Unallocated', cost: '10' },
          { value: 'Growth', cost: '5' },
        ],
        after: [
          { value: 'Search', cost: '10' },
          { value: 'Growth', cost: '8' },
          { value: 'Unallocated', cost: '7' },
        ],
        notes: [],
      },
      {
        splitId: 'rest',
        name: 'Split rest',
        key: 'team',
        pooled: { rows: 1, cost: '7' },
        kept: '0',
        before: [
          { value: 'Search', cost: '10' },
          { value: 'Growth', cost: '8' },
          { value: 'Unallocated', cost: '7' },
        ],
        // Only the proxy log has tokens, all of them Search's; its own 50 is never cost.
        after: [
          { value: 'Search', cost: '17' },
          { value: 'Growth', cost: '8' },
        ],
        notes: [],
      },
    ]);
    expect(p.unallocated).toEqual({ rows: 0, cost: '0' });
    expect(p.topUnallocated).toEqual([]);
    expect(p.coverage).toEqual([{ key: 'team', share: 1 }]);
  });

  it('says what is left of charges a split on another key cut, each charge counted once', async () => {
    const { engine } = await workspace();
    const draft = ruleSet(
      [
        key('team', [rule('r-project', all(cond('x_Project', 'equals', 'search')), 'Search')]),
        key('env', [rule('env-tag', all(cond('tag:env', 'isNotEmpty')), { kind: 'field', field: 'tag:env' })], { defaultValue: 'none' }),
      ],
      [
        split('halves', 'env', all(), 'even', { targets: ['prod', 'dev'] }),
        split('prod-to-search', 'team', all(cond('vtag:env', 'equals', 'prod'), cond('vtag:team', 'equals', 'Unallocated')), 'fixed', { percentages: { Search: '100' } }),
      ],
    );
    const p = await engine.call('allocation/preview', { ruleSet: draft, key: 'team', period: '2026-09' });
    // Half of every untagged charge went to Search with its prod half; the dev halves are left.
    expect(p.unallocated).toEqual({ rows: 4, cost: '7.5' });
    expect(p.topUnallocated.map((t) => [t.label, t.rows, t.cost])).toEqual([
      ['Anthropic · Default · env=dev · owner=lab', 1, '3.5'],
      ['OpenAI · growth-eu · env=prod', 1, '2.5'],
      ['OpenAI · sandbox', 2, '1.5'],
    ]);
  });

  it('reports a draft’s problems instead of figures, and refuses a key the draft lacks', async () => {
    const { engine } = await workspace();
    const broken = ruleSet([key('team', [rule('bad', all(cond('x_Project', 'regex', '(')), 'X')])]);
    const p = await engine.call('allocation/preview', { ruleSet: broken, key: 'team' });
    expect(p.problems.map((x) => x.path)).toEqual(['keys[0].rules[0].when.items[0].value']);
    expect(p).toMatchObject({ total: { rows: 0, cost: '0' }, rules: [], values: [], splits: [], topUnallocated: [] });
    const e = await failure(engine.call('allocation/preview', { ruleSet: DRAFT, key: 'feature' }));
    expect(e.code).toBe('allocation/unknown-key');
  });
});

describe('allocation fields', () => {
  it('lists every column and source tag key with its distinct values, largest cost first', async () => {
    const { engine } = await workspace();
    const fields = await engine.call('allocation/fields', {});
    expect(fields.slice(0, ALLOCATION_COLUMNS.length).map((f) => f.field)).toEqual([...ALLOCATION_COLUMNS]);
    const byField = Object.fromEntries(fields.map((f) => [f.field, f]));
    expect(byField.SubAccountName).toMatchObject({
      label: 'Sub account name',
      distinct: 4,
      top: [
        { value: 'search-prod', cost: '10' },
        { value: 'Default', cost: '7' },
        { value: 'growth-eu', cost: '5' },
        { value: 'sandbox', cost: '3' },
      ],
    });
    // EUR cost is not added to USD: Search's EUR charge counts as a value, not as cost.
    expect(byField.x_Project).toMatchObject({ distinct: 2, top: [{ value: 'Search', cost: '19' }, { value: 'Default', cost: '7' }] });
    expect(byField.BillingCurrency).toMatchObject({ distinct: 2, top: [{ value: 'USD', cost: '34' }, { value: 'EUR', cost: '0' }] });
    expect(byField.x_ApiKey).toMatchObject({ label: 'API key', distinct: 1 });
    expect(byField.ResourceId).toMatchObject({ distinct: 0, top: [] });
    expect(fields.slice(ALLOCATION_COLUMNS.length)).toEqual([
      { field: 'tag:env', label: 'Tag “env”', distinct: 2, top: [{ value: 'dev', cost: '7' }, { value: 'prod', cost: '5' }] },
      { field: 'tag:owner', label: 'Tag “owner”', distinct: 1, top: [{ value: 'lab', cost: '7' }] },
    ]);
  });

  it('sees charges imported after it was last asked', async () => {
    const { engine } = await workspace();
    await engine.call('allocation/fields', {});
    await importCharges(engine, 'more.csv', [{ day: '2026-11-01', billed: '1', project: 'Ads', tags: { cost_center: 'CC-1' } }]);
    const fields = await engine.call('allocation/fields', {});
    expect(fields.find((f) => f.field === 'x_Project')?.distinct).toBe(3);
    expect(fields.map((f) => f.field)).toContain('tag:cost_center');
  });
});
