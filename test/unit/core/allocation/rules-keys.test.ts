import { describe, expect, it } from 'vitest';
import { compileRuleSet, emptyRuleSet, ruleSetFields, validateRuleSet } from '../../../../src/core/allocation/rules';
import type { FieldRef } from '../../../../src/shared/allocation-contract';
import { and, capture, cond, fieldValue, key, or, row, rule, ruleSet, split } from './rules-fixtures';

describe('keys reading other keys (vtag:)', () => {
  const set = ruleSet([
    key('customer', [rule('c1', cond('vtag:feature', 'equals', 'internal-chat'), 'internal'), rule('c2', cond('tag:customer', 'isNotEmpty'), fieldValue('tag:customer'))]),
    key('model', [rule('m1', and(), capture('x_Model', '^([a-z]+)', '$1'))]),
    key('feature', [rule('f1', and(cond('vtag:team', 'equals', 'Search'), cond('x_Project', 'contains', 'chat')), 'internal-chat')]),
    key('team', [rule('t1', cond('x_Project', 'startsWith', 'search'), 'Search')]),
  ]);

  it('evaluates every key after the keys it reads, otherwise in the author’s order', () => {
    const compiled = compileRuleSet(set);
    expect(compiled.problems).toEqual([]);
    expect(compiled.keys.map((k) => k.key)).toEqual(['model', 'team', 'feature', 'customer']);
    expect(compiled.keys.map((k) => k.dependsOn)).toEqual([[], [], ['team'], ['feature']]);
  });

  it('lists every field read, conditions and values, vtag: included', () => {
    const compiled = compileRuleSet(set);
    const fields = Object.fromEntries(compiled.keys.map((k) => [k.key, k.fields]));
    expect(fields.customer).toEqual(['vtag:feature', 'tag:customer']);
    expect(fields.model).toEqual(['x_Model']);
    expect(fields.feature).toEqual(['vtag:team', 'x_Project']);
  });

  it('reads the values the runtime gives for earlier keys', () => {
    const compiled = compileRuleSet(set);
    const values: Partial<Record<FieldRef, string>> = { x_Project: 'search-chat', x_Model: 'gpt-4o' };
    const result: Record<string, string> = {};
    for (const k of compiled.keys) {
      const v = k.evaluate(row(values)).value;
      values[`vtag:${k.key}`] = v;
      result[k.key] = v;
    }
    expect(result).toEqual({ model: 'gpt', team: 'Search', feature: 'internal-chat', customer: 'internal' });
  });

  it('ignores switched-off rules and keys when ordering', () => {
    const s = ruleSet([
      key('a', [rule('a1', cond('vtag:b', 'equals', 'x'), 'y', { enabled: false })]),
      key('b', [rule('b1', cond('vtag:a', 'equals', 'x'), 'y')]),
    ]);
    const compiled = compileRuleSet(s);
    expect(compiled.problems).toEqual([]);
    expect(compiled.keys.map((k) => k.key)).toEqual(['a', 'b']);
    expect(compiled.keys[0].fields).toEqual([]);
  });

  it('names a cycle of two keys, at the field that starts it', () => {
    const s = ruleSet([
      key('team', [rule('t1', cond('ServiceName', 'equals', 'x'), 'a'), rule('t2', cond('vtag:feature', 'equals', 'search'), 'Search')]),
      key('feature', [rule('f1', and(), fieldValue('vtag:team'))]),
    ]);
    const problems = validateRuleSet(s);
    expect(problems).toEqual([
      { path: 'keys[0].rules[1].when.items[0].field', message: expect.stringContaining('team → feature → team') },
    ]);
    expect(problems[0].message).toMatch(/^Key “team”: /);
    const compiled = compileRuleSet(s);
    expect(compiled.problems).toEqual(problems);
    // What compiled is still returned: the rule that closes the cycle is left out, so team
    // reads nothing and comes first.
    expect(compiled.keys.map((k) => k.key)).toEqual(['team', 'feature']);
    expect(compiled.keys[0].rules.map((r) => r.id)).toEqual(['t1']);
  });

  it('names a longer cycle once, in reading order', () => {
    const s = ruleSet([
      key('free', [rule('x', and(), 'x')]),
      key('a', [rule('a1', cond('vtag:b', 'isNotEmpty'), 'x')]),
      key('b', [rule('b1', or(cond('ServiceName', 'equals', 'q'), cond('vtag:c', 'isNotEmpty')), 'x')]),
      key('c', [rule('c1', and(), capture('vtag:a', '(.+)', '$1'))]),
    ]);
    const problems = validateRuleSet(s);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('keys[1].rules[0].when.items[0].field');
    expect(problems[0].message).toContain('a → b → c → a');
  });

  it('refuses a key reading its own value', () => {
    const s = ruleSet([key('team', [rule('t1', cond('vtag:team', 'equals', 'x'), 'y'), rule('t2', and(), fieldValue('vtag:team'))])]);
    expect(validateRuleSet(s)).toEqual([
      { path: 'keys[0].rules[0].when.items[0].field', message: 'Rule “t1”: a key cannot read its own value (“vtag:team”)' },
      { path: 'keys[0].rules[1].value.field', message: 'Rule “t2”: a key cannot read its own value (“vtag:team”)' },
    ]);
  });

  it('refuses reading a key that does not exist, naming the right spelling', () => {
    const s = ruleSet([key('team', [rule('t1', cond('vtag:Feature', 'equals', 'x'), 'y'), rule('t2', cond('vtag:nope', 'equals', 'x'), 'y')]), key('feature', [])]);
    expect(validateRuleSet(s)).toEqual([
      { path: 'keys[0].rules[0].when.items[0].field', message: 'Rule “t1”: there is no key “Feature”; the key is spelled “feature”' },
      { path: 'keys[0].rules[1].when.items[0].field', message: 'Rule “t2”: there is no key “nope” to read (“vtag:nope”)' },
    ]);
  });
});

describe('switched-off keys (enabled: false on a key)', () => {
  it('are validated but not compiled, and cannot be read or split', () => {
    const off = { ...key('env', [rule('e1', cond('ServiceName', 'regex', '('), 'x')]), enabled: false };
    const s = ruleSet([off, key('team', [rule('t1', cond('vtag:env', 'equals', 'prod'), 'x')])], [split('s1', { key: 'env' })]);
    const problems = validateRuleSet(s);
    expect(problems.map((p) => p.path)).toEqual(['keys[0].rules[0].when.items[0].value', 'keys[1].rules[0].when.items[0].field', 'splits[0].key']);
    expect(problems[1].message).toContain('switched off');
    const compiled = compileRuleSet(s);
    expect(compiled.keys.map((k) => k.key)).toEqual(['team']);
  });
});

describe('ruleSetFields', () => {
  it('is the union over enabled rules of enabled keys and enabled splits', () => {
    const s = ruleSet(
      [
        key('team', [rule('t1', cond('x_Project', 'equals', 'a'), fieldValue('tag:team')), rule('t2', cond('ResourceId', 'equals', 'a'), 'x', { enabled: false })]),
        key('env', [rule('e1', and(), capture('SubAccountName', '(prod)', '$1'))]),
      ],
      [split('s1', { pool: and(cond('vtag:team', 'equals', 'Unallocated'), cond('ProviderName', 'equals', 'AWS')) }), split('s2', { pool: and(cond('RegionId', 'equals', 'x')), enabled: false })],
    );
    const { fields, usesDates } = ruleSetFields(s);
    expect([...fields].sort()).toEqual(['ProviderName', 'SubAccountName', 'tag:team', 'vtag:team', 'x_Project']);
    expect(usesDates).toBe(false);
  });

  it('reports dates from a rule or a split', () => {
    expect(ruleSetFields(ruleSet([key('team', [rule('t', and(), 'x', { from: '2025-01-01' })])])).usesDates).toBe(true);
    expect(ruleSetFields(ruleSet([], [split('s', { to: '2025-01-01' })])).usesDates).toBe(true);
    expect(ruleSetFields(ruleSet([key('team', [rule('t', and(), 'x', { from: '2025-01-01', enabled: false })])])).usesDates).toBe(false);
  });
});

describe('emptyRuleSet', () => {
  it('is a valid rule set with nothing in it', () => {
    const s = emptyRuleSet();
    expect(s).toEqual({ format: 'costbook-allocation', version: 1, keys: [], splits: [] });
    expect(validateRuleSet(s)).toEqual([]);
    expect(compileRuleSet(s)).toEqual({ keys: [], splits: [], problems: [] });
    expect(emptyRuleSet()).not.toBe(s);
  });
});
