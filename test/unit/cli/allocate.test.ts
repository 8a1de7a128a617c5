import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCapture, tempDirPerTest } from '../helpers/cli';
import type { AllocationRuleSet } from '../../../src/shared/allocation-contract';
import { exactSum } from '../helpers/engine';

const tmp = tempDirPerTest('costbook-cli-allocate-');

const run = runCapture;

const BILL = [
  'ChargePeriodStart,BilledCost,EffectiveCost,ListCost,BillingCurrency,ProviderName,SubAccountName,ServiceName,Tags',
  '2026-09-01,10.005,9,11,USD,OpenAI,Search,OpenAI API,"{""team"":""search""}"',
  '2026-09-02,20.0025,18,22,USD,OpenAI,Support Assistant,OpenAI API,"{""Team"":""CustomerSupport""}"',
  '2026-09-03,5,5,5,USD,AWS,sandbox,Amazon Bedrock,',
  '2026-10-01,3.333,3,4,USD,OpenAI,Search,OpenAI API,"{""team"":""Search""}"',
  '2026-10-02,6,6,6,USD,AWS,shared,Amazon Bedrock,',
].join('\n');

const RULES: AllocationRuleSet = {
  format: 'costbook-allocation',
  version: 1,
  keys: [
    {
      key: 'team',
      defaultValue: 'Unallocated',
      rules: [
        { id: 'tag-team', name: 'Tag team', when: { join: 'and', items: [] }, value: { kind: 'field', field: 'tag:team' } },
        { id: 'tag-Team', name: 'Tag Team', when: { join: 'and', items: [] }, value: { kind: 'field', field: 'tag:Team' } },
      ],
      normalize: [
        { value: 'Search', aliases: [] },
        { value: 'Customer Support', aliases: [] },
      ],
    },
  ],
  splits: [
    {
      id: 'shared',
      name: 'Shared account evenly',
      key: 'team',
      pool: { join: 'and', items: [{ field: 'SubAccountName', op: 'equals', value: 'shared' }] },
      targets: ['Search', 'Customer Support'],
      method: 'even',
      period: 'month',
      noWeight: 'even',
    },
  ],
};

async function workspace(): Promise<string> {
  const ws = join(tmp.path, 'w.costbook');
  writeFileSync(join(tmp.path, 'bill.csv'), BILL);
  expect((await run('import', '--workspace', ws, join(tmp.path, 'bill.csv'))).code).toBe(0);
  return ws;
}

function rulesFile(name: string, content: unknown): string {
  const path = join(tmp.path, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const RESULT_FIELDS = ['key', 'period', 'billedCost', 'effectiveCost', 'listCost', 'currency', 'totalsByCurrency', 'coverage', 'defaultValue', 'groups', 'rulesVersion'];
const GROUP_FIELDS = ['value', 'currency', 'rows', 'billedCost', 'effectiveCost', 'listCost', 'billedCostRounded', 'effectiveCostRounded', 'listCostRounded', 'splitBilledCost'];

describe('costbook allocate', () => {
  it('applies a rule file without saving it and prints the contract JSON that adds up to the invoice', async () => {
    const ws = await workspace();
    const before = readFileSync(ws);
    const r = await run('allocate', '--workspace', ws, '--by', 'team', '--rules', rulesFile('rules.json', RULES), '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(Object.keys(result).sort()).toEqual([...RESULT_FIELDS].sort());
    for (const g of result.groups) expect(Object.keys(g).sort()).toEqual([...GROUP_FIELDS].sort());
    expect(result).toMatchObject({ key: 'team', period: null, billedCost: '44.3405', currency: 'USD', defaultValue: 'Unallocated', rulesVersion: 0 });
    const byValue = Object.fromEntries(result.groups.map((g: { value: string }) => [g.value, g]));
    expect(byValue.Search).toMatchObject({ billedCost: '16.338', billedCostRounded: '16.34', splitBilledCost: '3', rows: 3 });
    expect(byValue['Customer Support']).toMatchObject({ billedCost: '23.0025', billedCostRounded: '23', splitBilledCost: '3' });
    expect(byValue.Unallocated).toMatchObject({ billedCost: '5', billedCostRounded: '5', splitBilledCost: '0' });
    expect(exactSum(result.groups.map((g: { billedCost: string }) => g.billedCost))).toBe('44.3405');
    expect(exactSum(result.groups.map((g: { billedCostRounded: string }) => g.billedCostRounded))).toBe('44.34');
    expect(result.coverage).toBeCloseTo(39.3405 / 44.3405, 12);
    // Nothing was saved: the file is byte for byte the same and the saved rules are still empty.
    expect(readFileSync(ws)).toEqual(before);
    expect(JSON.parse((await run('rules', 'export', '--workspace', ws)).out).keys).toEqual([]);
  });

  it('prints a table with the rounded cost, share, split part, totals and coverage, for one month', async () => {
    const ws = await workspace();
    expect((await run('rules', 'import', '--workspace', ws, rulesFile('rules.json', RULES))).code).toBe(0);
    const all = await run('allocate', '--workspace', ws, '--by', 'team');
    expect(all.code).toBe(0);
    const lines = all.out.split('\n');
    expect(lines[0]).toBe('Billed cost by team, all imported months (rules version 1)');
    expect(lines[1]).toMatch(/^team\s+currency\s+billed cost\s+share\s+from splits$/);
    expect(lines).toContainEqual(expect.stringMatching(/^Search\s+USD\s+16\.34\s+36\.8 %\s+3\.00$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Customer Support\s+USD\s+23\.00\s+51\.9 %\s+3\.00$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Unallocated\s+USD\s+5\.00\s+11\.3 %\s+0\.00$/));
    expect(lines).toContainEqual(expect.stringMatching(/^TOTAL\s+USD\s+44\.34\s+100\.0 %\s+6\.00$/));
    expect(lines[lines.length - 1]).toBe('coverage: 88.7 % of billed cost is on a team other than "Unallocated"');
    const september = JSON.parse((await run('allocate', '--workspace', ws, '--by', 'team', '--period', '2026-09', '--json')).out);
    expect(september).toMatchObject({ period: '2026-09', billedCost: '35.0075', rulesVersion: 1 });
    expect(september.groups.map((g: { value: string; billedCost: string }) => [g.value, g.billedCost]).sort()).toEqual([
      ['Customer Support', '20.0025'],
      ['Search', '10.005'],
      ['Unallocated', '5'],
    ]);
  });

  it('exits 1 on a tag key the rules do not have, and on a rule file with problems, naming the file and where', async () => {
    const ws = await workspace();
    const unknown = await run('allocate', '--workspace', ws, '--by', 'colour', '--rules', rulesFile('rules.json', RULES));
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('costbook: The rules have no tag key “colour”. The keys are: team.');
    const noRules = await run('allocate', '--workspace', ws, '--by', 'team');
    expect(noRules.code).toBe(1);
    expect(noRules.err).toMatch(/The workspace has no tag keys yet: save rules with costbook rules import, or pass --rules FILE\.json\.$/);
    const bad = structuredClone(RULES);
    bad.keys[0].rules[0].value = { kind: 'capture', field: 'tag:team', pattern: '(unclosed', template: '$1' };
    const badPath = rulesFile('bad-rules.json', bad);
    const refused = await run('allocate', '--workspace', ws, '--by', 'team', '--rules', badPath);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`${badPath}: keys[0].rules[0].value`);
    const notJson = await run('allocate', '--workspace', ws, '--by', 'team', '--rules', rulesFile('broken.json', '{"format": "costbook-allocation",'));
    expect(notJson.code).toBe(1);
    expect(notJson.err).toMatch(/broken\.json is not valid JSON/);
  });
});

describe('costbook rules export and import', () => {
  it('saves a rule file in the workspace and writes it back out', async () => {
    const ws = await workspace();
    const r = await run('rules', 'import', '--workspace', ws, rulesFile('rules.json', RULES));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`rules of ${join(tmp.path, 'rules.json')} saved in ${ws} as version 1: 1 tag keys, 2 rules, 1 splits`);
    const printed = await run('rules', 'export', '--workspace', ws);
    expect(printed.code).toBe(0);
    const exported = JSON.parse(printed.out) as AllocationRuleSet;
    expect(exported.format).toBe('costbook-allocation');
    expect(exported.keys[0].rules.map((x) => x.id)).toEqual(['tag-team', 'tag-Team']);
    expect(exported.splits.map((s) => s.id)).toEqual(['shared']);
    const out = join(tmp.path, 'exported.json');
    expect((await run('rules', 'export', '--workspace', ws, '--out', out)).out).toBe(`rules written to ${out}`);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(exported);
    // What was exported imports again as the next version.
    expect((await run('rules', 'import', '--workspace', ws, out)).out).toMatch(/as version 2:/);
  });

  it('refuses a bad rule file with exit 1, naming the file and each problem path, and leaves the workspace as it was', async () => {
    const ws = await workspace();
    const before = readFileSync(ws);
    const bad = structuredClone(RULES);
    bad.splits[0].key = 'nonexistent';
    bad.keys[0].rules[1].when = { join: 'and', items: [{ field: 'tag:team', op: 'regex', value: '[' }] };
    const r = await run('rules', 'import', '--workspace', ws, rulesFile('bad.json', bad));
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe(`costbook: ${join(tmp.path, 'bad.json')} was not saved: 2 problems.`);
    expect(r.err).toContain('bad.json: keys[0].rules[1].when.items[0]');
    expect(r.err).toContain('bad.json: splits[0].key');
    const notRules = await run('rules', 'import', '--workspace', ws, rulesFile('other.json', { hello: 'world' }));
    expect(notRules.code).toBe(1);
    expect(notRules.err).toMatch(/other\.json/);
    expect(readFileSync(ws)).toEqual(before);
  });
});
