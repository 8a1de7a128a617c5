import { describe, expect, it } from 'vitest';
import { demoAllocationRules } from '../../../src/core/demo/allocation-rules';
import { generateDemoFiles } from '../../../src/core/demo/generate-demo';
import { exactSum, testEngine } from '../helpers/engine';
import { buckets } from './demo/demo-files';

describe('the demo workspace with its allocation rules', () => {
  it('saves the demo rules once and allocates most, not all, of the invoice to teams, to the picodollar', async () => {
    const { engine } = await testEngine();
    await engine.call('workspace/demo', {});
    const stored = await engine.call('allocation/rules', {});
    expect(stored.version).toBe(1);
    // The clock is 2026-11-15: the demo covers August to October 2026 with seed 42.
    expect(stored.ruleSet).toEqual(demoAllocationRules({ seed: 42, endMonth: '2026-10' }));
    const history = await engine.call('allocation/history', {});
    expect(history).toHaveLength(1);
    expect(history[0].changes).toEqual(['Demo rules']);
    expect(await engine.call('allocation/validate', { ruleSet: stored.ruleSet })).toEqual([]);

    const invoice = await engine.call('summary/totals', { by: [] });
    expect(invoice.currency).toBe('USD');
    const team = await engine.call('allocation/result', { key: 'team' });
    expect(team.billedCost).toBe(invoice.billedCost);
    expect(exactSum(team.groups.map((g) => g.billedCost))).toBe(invoice.billedCost);
    expect(exactSum(team.groups.map((g) => g.effectiveCost))).toBe(invoice.effectiveCost);
    expect(team.coverage).toBeGreaterThan(0.7);
    expect(team.coverage).toBeLessThan(0.99);
    const values = team.groups.map((g) => g.value).sort();
    expect(values).toEqual(['Customer Support', 'Data Science', 'Developer Productivity', 'Growth', 'ML Platform', 'Search', 'Unallocated']);
    // Both splits moved cost: untagged Azure OpenAI by tokens, the company assistant by headcount.
    expect(exactSum(team.groups.map((g) => g.splitBilledCost))).not.toBe('0');
    const unallocated = team.groups.find((g) => g.value === 'Unallocated');
    expect(Number(unallocated?.billedCost)).toBeGreaterThan(0);

    for (const key of ['feature', 'environment']) {
      const r = await engine.call('allocation/result', { key });
      expect(exactSum(r.groups.map((g) => g.billedCost))).toBe(invoice.billedCost);
      expect(r.coverage).toBeGreaterThan(0.85);
      expect(r.coverage).toBeLessThan(1);
    }
  });

  it('names the OpenAI projects the demo files bill, for any seed and range, leaving the default project out', () => {
    for (const opts of [{ seed: 42, endMonth: '2026-10' }, { seed: 7, endMonth: '2026-04', months: 2 }]) {
      const billed = new Set(buckets(generateDemoFiles(opts), 'demo-openai-costs-').flatMap((b) => b.results.map((r) => String(r.project_id))));
      expect(billed.size).toBe(5);
      const named = demoAllocationRules(opts)
        .keys[0].rules.filter((r) => r.id.startsWith('team-openai-'))
        .map((r) => (r.when.items[1] as { value: string }).value);
      expect(named).toHaveLength(4);
      for (const id of named) expect(billed.has(id)).toBe(true);
    }
  });
});
