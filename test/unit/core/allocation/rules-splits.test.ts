import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../../../src/core/allocation/rules';
import { and, cond, key, or, row, rule, ruleSet, split } from './rules-fixtures';

const keys = [key('team', [rule('t1', cond('x_Project', 'startsWith', 'search'), 'Search')]), key('env', [])];

describe('compiled splits', () => {
  it('scale fixed percentages to exact integer weights summing to 100 × 10^scale', () => {
    const compiled = compileRuleSet(
      ruleSet(keys, [
        split('thirds', { method: 'fixed', percentages: { a: '33.333', b: '33.333', c: '33.334' } }),
        split('mixed', { method: 'fixed', targets: ['x', 'y', 'z'], percentages: { x: '12.5', y: '87.50', z: '0' } }),
        split('whole', { method: 'fixed', percentages: { only: '100' } }),
      ]),
    );
    expect(compiled.problems).toEqual([]);
    const weights = compiled.splits.map((s) => s.fixedWeights);
    expect(weights[0]).toEqual(
      new Map([
        ['a', 33333n],
        ['b', 33333n],
        ['c', 33334n],
      ]),
    );
    // Trailing zeros add no precision: "87.50" is 87.5, so the scale is one decimal.
    expect(weights[1]).toEqual(
      new Map([
        ['x', 125n],
        ['y', 875n],
        ['z', 0n],
      ]),
    );
    expect(weights[2]).toEqual(new Map([['only', 100n]]));
    for (const w of weights) {
      const total = [...(w?.values() ?? [])].reduce((a, b) => a + b, 0n);
      const scale = String(total).length - 3;
      expect(total).toBe(100n * 10n ** BigInt(scale));
    }
  });

  it('have no fixed weights unless fixed', () => {
    const compiled = compileRuleSet(ruleSet(keys, [split('e'), split('c', { method: 'cost' }), split('u', { method: 'usage', usage: 'tokens' })]));
    expect(compiled.problems).toEqual([]);
    expect(compiled.splits.map((s) => s.fixedWeights)).toEqual([null, null, null]);
  });

  it('test the pool on the keys’ values and the charge’s fields, within their dates', () => {
    const compiled = compileRuleSet(
      ruleSet(keys, [
        split('pool', {
          pool: and(cond('vtag:team', 'equals', 'unallocated'), or(cond('ProviderName', 'equals', 'AWS'), cond('BilledCost', 'gt', '100'))),
          from: '2025-02-01',
          to: '2025-03-01',
        }),
      ]),
    );
    expect(compiled.problems).toEqual([]);
    const s = compiled.splits[0];
    expect(s.fields).toEqual(['vtag:team', 'ProviderName', 'BilledCost']);
    expect(s.usesDates).toBe(true);
    expect(s.pool(row({ 'vtag:team': 'Unallocated', ProviderName: 'aws' }, '2025-02-01'))).toBe(true);
    expect(s.pool(row({ 'vtag:team': 'Unallocated', ProviderName: 'Azure', BilledCost: '100.01' }, '2025-02-28'))).toBe(true);
    expect(s.pool(row({ 'vtag:team': 'Unallocated', ProviderName: 'Azure', BilledCost: '100' }, '2025-02-28'))).toBe(false);
    expect(s.pool(row({ 'vtag:team': 'Search', ProviderName: 'AWS' }, '2025-02-10'))).toBe(false);
    expect(s.pool(row({ 'vtag:team': 'Unallocated', ProviderName: 'AWS' }, '2025-03-01'))).toBe(false);
    expect(s.pool(row({ 'vtag:team': 'Unallocated', ProviderName: 'AWS' }, '2025-01-31'))).toBe(false);
  });

  it('leave switched-off splits out and keep each split’s position', () => {
    const compiled = compileRuleSet(ruleSet(keys, [split('a', { enabled: false }), split('b', { key: 'env', pool: and() })]));
    expect(compiled.problems).toEqual([]);
    expect(compiled.splits.map((s) => [s.rule.id, s.index, s.usesDates])).toEqual([['b', 1, false]]);
    expect(compiled.splits[0].pool(row({}))).toBe(true);
    expect(compiled.splits[0].rule.key).toBe('env');
  });
});
