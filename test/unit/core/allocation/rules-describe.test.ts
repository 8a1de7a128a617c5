import { describe, expect, it } from 'vitest';
import { describeChanges, emptyRuleSet } from '../../../../src/core/allocation/rules';
import type { AllocationRuleSet } from '../../../../src/shared/allocation-contract';
import { and, cond, key, rule, ruleSet, split } from './rules-fixtures';

const before = (): AllocationRuleSet =>
  ruleSet(
    [
      key('team', [rule('search', cond('x_Project', 'equals', 'search'), 'Search', { name: 'Search' }), rule('growth', cond('x_Project', 'equals', 'growth'), 'Growth', { name: 'Growth' })]),
      key('environment', [rule('prod', cond('tag:env', 'equals', 'prod'), 'production', { name: 'Prod' })], [{ value: 'production', aliases: ['prod'] }]),
    ],
    [split('platform', { name: 'Shared platform' }), split('rest', { name: 'Rest', method: 'cost' })],
  );

describe('describeChanges', () => {
  it('says nothing when nothing changed, whatever the property order or default flags', () => {
    const after = before();
    after.keys[0].rules[0] = { enabled: true, value: after.keys[0].rules[0].value, when: after.keys[0].rules[0].when, name: 'Search', id: 'search', from: null };
    after.keys[0].rules[1].when.items[0] = { ...cond('x_Project', 'equals', 'growth'), caseSensitive: false };
    expect(describeChanges(before(), after)).toEqual([]);
    expect(describeChanges(emptyRuleSet(), emptyRuleSet())).toEqual([]);
  });

  it('names added and removed keys', () => {
    const after = before();
    after.keys.splice(1, 1);
    after.keys.push(key('feature', []));
    expect(describeChanges(before(), after)).toEqual(['Key “environment” removed', 'Key “feature” added']);
  });

  it('names added, removed and changed rules, with their key', () => {
    const after = before();
    after.keys[0].rules[0].when = and(cond('x_Project', 'startsWith', 'search'));
    after.keys[0].rules.splice(1, 1);
    after.keys[1].rules.push(rule('stg', cond('tag:env', 'equals', 'stg'), 'staging', { name: 'Staging' }));
    expect(describeChanges(before(), after)).toEqual(['Rule “Growth” removed from team', 'Rule “Search” in team changed', 'Rule “Staging” added to environment']);
  });

  it('names a rule switched off or on, a new date range, and a rule moved between keys', () => {
    const after = before();
    after.keys[0].rules[0].enabled = false;
    after.keys[0].rules[1].from = '2025-01-01';
    const [prod] = after.keys[1].rules.splice(0, 1);
    after.keys[0].rules.push(prod);
    expect(describeChanges(before(), after)).toEqual(['Rule “Search” in team switched off', 'Rule “Growth” in team changed', 'Rule “Prod” moved from environment to team']);
    expect(describeChanges(after, before())).toContain('Rule “Search” in team switched on');
  });

  it('notices reordered rules and splits', () => {
    const after = before();
    after.keys[0].rules.reverse();
    after.splits.reverse();
    expect(describeChanges(before(), after)).toEqual(['Rules of team reordered', 'Splits reordered']);
  });

  it('names normalization and default value changes', () => {
    const after = before();
    after.keys[1].normalize[0].aliases.push('prd');
    after.keys[0].defaultValue = 'Nobody';
    expect(describeChanges(before(), after)).toEqual(['Default value of team changed to “Nobody”', 'Normalization of environment changed']);
  });

  it('names split changes', () => {
    const after = before();
    after.splits.splice(0, 1);
    after.splits[0].method = 'even';
    after.splits.push(split('ai', { name: 'AI by tokens', method: 'usage', usage: 'tokens' }));
    expect(describeChanges(before(), after)).toEqual(['Split “Shared platform” removed', 'Split “Rest” changed', 'Split “AI by tokens” added']);
    const off = before();
    off.splits[1].enabled = false;
    expect(describeChanges(before(), off)).toEqual(['Split “Rest” switched off']);
  });

  it('names a rule by its id when it has no name', () => {
    const after = before();
    after.keys[0].rules.push(rule('r-9', and(), 'x', { name: '' }));
    expect(describeChanges(before(), after)).toEqual(['Rule “r-9” added to team']);
  });
});
