import { describe, expect, it } from 'vitest';
import type { AllocationRuleSet } from '../../../../src/shared/allocation-contract';
import { fileInput, testEngine } from '../../helpers/engine';

const BILL = [
  'ChargePeriodStart,BilledCost,ProviderName,SubAccountName,Tags',
  '2026-09-01,1,OpenAI,search,"{""team"":""Search""}"',
  '2026-09-01,1,OpenAI,growth,"{""team"":""Growth""}"',
  '2026-09-10,9,OpenAI,shared,',
  '2026-10-01,1,OpenAI,search,"{""team"":""Search""}"',
  '2026-10-05,4,OpenAI,shared,',
].join('\n');

const TICKETS = [
  'day,metric,tag_key,tag_value,quantity',
  '2026-09-01,tickets,team,Search,150',
  '2026-09-20,tickets,team,Search,50.5',
  '2026-09-02,tickets,team,Growth,100.25',
  '2026-08-31,tickets,team,Growth,1000',
].join('\n');

const RULES: AllocationRuleSet = {
  format: 'costbook-allocation',
  version: 1,
  keys: [{ key: 'team', defaultValue: 'Unallocated', rules: [{ id: 't', name: 'Tag team', when: { join: 'and', items: [] }, value: { kind: 'field', field: 'tag:team' } }], normalize: [] }],
  splits: [
    {
      id: 'shared',
      name: 'Shared account by support tickets',
      key: 'team',
      pool: { join: 'and', items: [{ field: 'SubAccountName', op: 'equals', value: 'shared' }] },
      targets: [],
      method: 'usage',
      usage: 'metric:Tickets',
      period: 'month',
      noWeight: 'unallocated',
    },
  ],
};

describe('a usage split by an imported business metric', () => {
  it('shares each month of the pool in proportion to that month’s quantities, and leaves a month without any', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('bill.csv', BILL)] });
    await engine.call('allocation/metrics-import', { file: fileInput('tickets.csv', TICKETS) });
    const costs = async (period: string) => {
      const r = await engine.call('allocation/result', { key: 'team', period, ruleSet: RULES });
      return Object.fromEntries(r.groups.map((g) => [g.value, [g.billedCost, g.splitBilledCost]]));
    };
    // September: Search 200.5 tickets, Growth 100.25 (the August row is another month): 2 : 1.
    expect(await costs('2026-09')).toEqual({ Search: ['7', '6'], Growth: ['4', '3'] });
    // October has no ticket counts: the pool stays where it was.
    expect(await costs('2026-10')).toEqual({ Search: ['1', '0'], Unallocated: ['4', '0'] });
  });
});
