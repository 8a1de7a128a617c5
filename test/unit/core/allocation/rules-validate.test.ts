import { describe, expect, it } from 'vitest';
import { compileRuleSet, validateRuleSet } from '../../../../src/core/allocation/rules';
import type { AllocationRuleSet } from '../../../../src/shared/allocation-contract';
import { and, capture, cond, fieldValue, key, rule, ruleSet, split } from './rules-fixtures';

const base = (): AllocationRuleSet =>
  ruleSet(
    [
      key(
        'team',
        [
          rule('t1', and(cond('ServiceName', 'equals', 'Search'), cond('x_Tokens', 'gt', '100')), 'Search', { name: 'Search team' }),
          rule('t2', and(), capture('x_ApiKey', '^key-(?<team>\\w+)', '$<team>')),
        ],
        [{ value: 'production', aliases: ['prod'] }],
      ),
      key('env', [rule('e1', cond('vtag:team', 'equals', 'Search'), fieldValue('tag:env'))]),
    ],
    [split('s1', { method: 'fixed', targets: ['a', 'b'], percentages: { a: '40', b: '60' } })],
  );

const REMOVE = Symbol('remove');

/** A copy of the document with the values at these paths ("keys[0].rules[1].when.join") replaced or removed. */
function edited(changes: [string, unknown][]): unknown {
  const doc: unknown = structuredClone(base());
  for (const [path, value] of changes) {
    const steps = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] === undefined ? m[1] : Number(m[2])));
    let at: unknown = doc;
    for (const step of steps.slice(0, -1)) at = (at as Record<string | number, unknown>)[step];
    const last = steps[steps.length - 1];
    const parent = at as Record<string | number, unknown>;
    if (value === REMOVE) delete parent[last];
    else parent[last] = value;
  }
  return doc;
}

type Case = [title: string, changes: [string, unknown][], path: string, message: string | RegExp];

const cases: Case[] = [
  ['wrong format', [['format', 'other']], 'format', 'This is not a Costbook allocation rule set: “format” is “other”, not “costbook-allocation”.'],
  ['newer version', [['version', 2]], 'version', 'Rule set version 2 is not supported; this app reads version 1.'],
  ['keys not a list', [['keys', {}], ['splits', []]], 'keys', 'The rule set needs a list of tag keys (“keys”).'],
  ['splits missing', [['splits', REMOVE]], 'splits', 'The rule set needs a list of splits (“splits”), empty when there are none.'],
  ['key not an object', [['keys[1]', 'env']], 'keys[1]', /^Key 2: each key must be an object/],
  ['key name duplicated with other case and spaces', [['keys[1].key', ' TEAM ']], 'keys[1].key', 'Key “ TEAM ”: another key is already named “team”; key names must differ by more than case'],
  ['key default empty', [['keys[0].defaultValue', ' ']], 'keys[0].defaultValue', 'Key “team”: the key needs a default value for charges no rule matches, such as “Unallocated”'],
  ['key enabled not boolean', [['keys[1].enabled', 'yes']], 'keys[1].enabled', 'Key “env”: “enabled” must be true or false, not “yes”'],
  ['normalize not a list', [['keys[0].normalize', {}]], 'keys[0].normalize', /^Key “team”: the normalization table/],
  ['alias given to two values', [['keys[0].normalize[1]', { value: 'product', aliases: ['PROD'] }]], 'keys[0].normalize[1].aliases[0]', 'Key “team”: “PROD” would normalize to both “production” and “product”'],
  ['normalization value empty', [['keys[0].normalize[0].value', '']], 'keys[0].normalize[0].value', 'Key “team”: a normalization entry needs the value to normalize to'],
  ['alias not text', [['keys[0].normalize[0].aliases[1]', 3]], 'keys[0].normalize[0].aliases[1]', 'Key “team”: each alias must be text, not 3'],
  ['alias without letters', [['keys[0].normalize[0].aliases[1]', ' - _ ']], 'keys[0].normalize[0].aliases[1]', /has no letters or digits/],
  ['rules not a list', [['keys[1].rules', null]], 'keys[1].rules', /^Key “env”: the key needs a list of rules/],
  ['rule not an object', [['keys[1].rules[0]', 'e1']], 'keys[1].rules[0]', /^Rule 1 of “env”: each rule must be an object/],
  ['rule without id', [['keys[0].rules[0].id', REMOVE]], 'keys[0].rules[0].id', 'Rule “Search team”: there is no id'],
  ['rule id shared with another key’s rule', [['keys[1].rules[0].id', 't2']], 'keys[1].rules[0].id', 'Rule “e1”: the id “t2” is also used by Rule “t2”; ids must be unique in the rule set'],
  ['split id shared with a rule', [['splits[0].id', 't1']], 'splits[0].id', 'Split “s1”: the id “t1” is also used by Rule “Search team”; ids must be unique in the rule set'],
  ['rule name not text', [['keys[0].rules[1].name', 5]], 'keys[0].rules[1].name', 'Rule 2 of “team”: the name must be text, not 5'],
  ['conditions not a group', [['keys[0].rules[0].when', 'x']], 'keys[0].rules[0].when', 'Rule “Search team”: the conditions must be a group with “join” and “items”'],
  ['unknown join', [['keys[0].rules[0].when.join', 'xor']], 'keys[0].rules[0].when.join', 'Rule “Search team”: a group joins its conditions with “and” or “or”, not “xor”'],
  ['group without items', [['keys[0].rules[0].when.items', REMOVE]], 'keys[0].rules[0].when.items', 'Rule “Search team”: the group needs a list of conditions (“items”)'],
  ['condition not an object', [['keys[0].rules[0].when.items[1]', 7]], 'keys[0].rules[0].when.items[1]', /each condition must be an object/],
  ['column spelled in another case', [['keys[0].rules[0].when.items[0].field', 'servicename']], 'keys[0].rules[0].when.items[0].field', 'Rule “Search team”: there is no field “servicename”; the column is spelled “ServiceName”'],
  ['unknown column', [['keys[0].rules[0].when.items[0].field', 'Cost']], 'keys[0].rules[0].when.items[0].field', /there is no field “Cost” \(use a column name/],
  ['tag without a key', [['keys[0].rules[0].when.items[0].field', 'tag: ']], 'keys[0].rules[0].when.items[0].field', 'Rule “Search team”: “tag:” needs the tag key after the colon, such as “tag:team”'],
  ['field not text', [['keys[0].rules[0].when.items[0].field', 4]], 'keys[0].rules[0].when.items[0].field', /the field must be text/],
  ['unknown operator', [['keys[0].rules[0].when.items[0].op', 'like']], 'keys[0].rules[0].when.items[0].op', 'Rule “Search team”: the condition on ServiceName uses an unknown operator “like”'],
  ['in without values', [['keys[0].rules[0].when.items[0].op', 'in']], 'keys[0].rules[0].when.items[0].values', 'Rule “Search team”: the condition on ServiceName needs a list of values (“values”)'],
  ['notIn with an empty list', [['keys[0].rules[0].when.items[0].op', 'notIn'], ['keys[0].rules[0].when.items[0].values', []]], 'keys[0].rules[0].when.items[0].values', 'Rule “Search team”: the condition on ServiceName needs at least one value in its list'],
  ['in with a number in the list', [['keys[0].rules[0].when.items[0].op', 'in'], ['keys[0].rules[0].when.items[0].values', ['a', 2]]], 'keys[0].rules[0].when.items[0].values[1]', /each value in the list must be text, not 2/],
  ['equals without value', [['keys[0].rules[0].when.items[0].value', REMOVE]], 'keys[0].rules[0].when.items[0].value', 'Rule “Search team”: the condition on ServiceName needs a value'],
  ['value not text', [['keys[0].rules[0].when.items[0].value', 5]], 'keys[0].rules[0].when.items[0].value', 'Rule “Search team”: the condition on ServiceName needs its value as text, not 5'],
  ['empty value', [['keys[0].rules[0].when.items[0].value', '']], 'keys[0].rules[0].when.items[0].value', /needs a value \(to match a blank value, use “is empty”\)/],
  ['flexible value without letters', [['keys[0].rules[0].when.items[0].op', 'flexible'], ['keys[0].rules[0].when.items[0].value', ' _-']], 'keys[0].rules[0].when.items[0].value', 'Rule “Search team”: the condition on ServiceName compares flexibly with “ _-”, which has nothing left once spaces, “_” and “-” are ignored'],
  ['numeric operator on a non-number', [['keys[0].rules[0].when.items[1].value', '1,000']], 'keys[0].rules[0].when.items[1].value', 'Rule “Search team”: the condition on x_Tokens compares with a number, and “1,000” is not one (write it like 1000 or 0.25)'],
  ['numeric operator on an exponent', [['keys[0].rules[0].when.items[1].value', '1e3']], 'keys[0].rules[0].when.items[1].value', /“1e3” is not one/],
  ['regex that does not compile', [['keys[0].rules[0].when.items[0].op', 'regex'], ['keys[0].rules[0].when.items[0].value', '(']], 'keys[0].rules[0].when.items[0].value', 'Rule “Search team”: the pattern ( is not a valid regular expression: Invalid regular expression: /(/iu: Unterminated group'],
  ['regex valid only outside Unicode mode', [['keys[0].rules[0].when.items[0].op', 'regex'], ['keys[0].rules[0].when.items[0].value', '\\q'], ['keys[0].rules[0].when.items[0].caseSensitive', true]], 'keys[0].rules[0].when.items[0].value', /the pattern \\q is not a valid regular expression: .*\/\\q\/u/],
  ['caseSensitive not boolean', [['keys[0].rules[0].when.items[0].caseSensitive', 'yes']], 'keys[0].rules[0].when.items[0].caseSensitive', 'Rule “Search team”: the condition on ServiceName: “caseSensitive” must be true or false'],
  ['value missing', [['keys[0].rules[0].value', REMOVE]], 'keys[0].rules[0].value', 'Rule “Search team”: the rule needs a value to set (“value”)'],
  ['unknown kind of value', [['keys[0].rules[0].value.kind', 'lookup']], 'keys[0].rules[0].value.kind', 'Rule “Search team”: unknown kind of value “lookup” (use “literal”, “field” or “capture”)'],
  ['empty literal', [['keys[0].rules[0].value.value', '  ']], 'keys[0].rules[0].value.value', 'Rule “Search team”: the value to set is empty'],
  ['field value of an unknown field', [['keys[1].rules[0].value.field', 'tag:']], 'keys[1].rules[0].value.field', /“tag:” needs the tag key/],
  ['capture pattern that does not compile', [['keys[0].rules[1].value.pattern', '[a-']], 'keys[0].rules[1].value.pattern', /^Rule “t2”: the pattern \[a- is not a valid regular expression: /],
  ['capture of a missing numbered group', [['keys[0].rules[1].value.template', '$2']], 'keys[0].rules[1].value.template', 'Rule “t2”: the template refers to $2, but the pattern has 1 group'],
  ['capture of group 0', [['keys[0].rules[1].value.template', 'x$0']], 'keys[0].rules[1].value.template', 'Rule “t2”: the template refers to $0, but the pattern has 1 group'],
  ['capture of a missing named group', [['keys[0].rules[1].value.template', '$<tema>']], 'keys[0].rules[1].value.template', 'Rule “t2”: the template refers to $<tema>, but the pattern has no group named “tema”'],
  ['capture with an empty template', [['keys[0].rules[1].value.template', ' ']], 'keys[0].rules[1].value.template', 'Rule “t2”: the capture needs a template such as $1'],
  ['not a real day', [['keys[0].rules[0].from', '2025-02-29']], 'keys[0].rules[0].from', 'Rule “Search team”: the start date “2025-02-29” is not a day written YYYY-MM-DD'],
  ['day not zero-padded', [['keys[0].rules[0].to', '2025-3-1']], 'keys[0].rules[0].to', 'Rule “Search team”: the end date “2025-3-1” is not a day written YYYY-MM-DD'],
  ['date not text', [['keys[0].rules[0].to', 20250301]], 'keys[0].rules[0].to', /the end date 20250301 is not a day/],
  ['end not after start', [['keys[0].rules[0].from', '2025-03-01'], ['keys[0].rules[0].to', '2025-03-01']], 'keys[0].rules[0].to', 'Rule “Search team”: the end date “2025-03-01” must be after the start date “2025-03-01” (the end day is not included)'],
  ['rule enabled not boolean', [['keys[0].rules[0].enabled', 0]], 'keys[0].rules[0].enabled', 'Rule “Search team”: “enabled” must be true or false, not 0'],
  ['split not an object', [['splits[0]', 3]], 'splits[0]', 'Split 1: each split must be an object'],
  ['split name not text', [['splits[0].name', null]], 'splits[0].name', 'Split 1: the name must be text, not null'],
  ['split without key', [['splits[0].key', '']], 'splits[0].key', 'Split “s1”: the split needs the tag key whose values receive the pool'],
  ['split on a key spelled differently', [['splits[0].key', 'Team']], 'splits[0].key', 'Split “s1”: there is no key “Team”; the key is spelled “team”'],
  ['split on no key', [['splits[0].key', 'feature']], 'splits[0].key', 'Split “s1”: there is no key “feature”'],
  ['split pool not a group', [['splits[0].pool', []]], 'splits[0].pool', /^Split “s1”: the conditions must be a group/],
  ['split pool reading an unknown key', [['splits[0].pool.items[0].field', 'vtag:feature']], 'splits[0].pool.items[0].field', 'Split “s1”: there is no key “feature” to read (“vtag:feature”)'],
  ['unknown method', [['splits[0].method', 'weighted']], 'splits[0].method', 'Split “s1”: unknown method “weighted” (use “even”, “fixed”, “cost” or “usage”)'],
  ['fixed without percentages', [['splits[0].percentages', REMOVE]], 'splits[0].percentages', 'Split “s1”: a fixed split needs a percentage for at least one target'],
  ['percentages short of 100', [['splits[0].percentages', { a: '40', b: '59.999' }]], 'splits[0].percentages', 'Split “s1”: the percentages add up to 99.999, not 100'],
  ['percentages a hair over 100, equal to 100 as floats', [['splits[0].percentages', { a: '40', b: '60.000000000000001' }]], 'splits[0].percentages', 'Split “s1”: the percentages add up to 100.000000000000001, not 100'],
  ['negative percentage', [['splits[0].percentages', { a: '-10', b: '110' }]], 'splits[0].percentages["a"]', 'Split “s1”: the percentage of “a” must not be negative (“-10”)'],
  ['percentage with a sign', [['splits[0].percentages', { a: '40%', b: '60' }]], 'splits[0].percentages["a"]', 'Split “s1”: the percentage of “a” is not a number (“40%”)'],
  ['percentage as a JSON number', [['splits[0].percentages', { a: 40, b: '60' }]], 'splits[0].percentages["a"]', 'Split “s1”: the percentage of “a” must be a number written as text, like "25"'],
  ['percentage for a value that is not a target', [['splits[0].percentages', { a: '40', b: '50', c: '10' }]], 'splits[0].percentages["c"]', 'Split “s1”: “c” has a percentage but is not one of the targets'],
  ['target without percentage', [['splits[0].percentages', { a: '100' }]], 'splits[0].percentages', 'Split “s1”: the target “b” has no percentage'],
  ['targets not a list', [['splits[0].targets', 'a,b']], 'splits[0].targets', /^Split “s1”: the targets must be a list/],
  ['target not text', [['splits[0].method', 'even'], ['splits[0].targets', ['a', 5]]], 'splits[0].targets[1]', 'Split “s1”: each target must be a value of the key, not 5'],
  ['target listed twice', [['splits[0].method', 'cost'], ['splits[0].targets', ['a', 'a']]], 'splits[0].targets[1]', 'Split “s1”: the target “a” is listed twice'],
  ['usage split without usage', [['splits[0].method', 'usage']], 'splits[0].usage', 'Split “s1”: a usage split shares by “tokens”, “requests” or “metric:<name>”, not nothing'],
  ['usage metric without a name', [['splits[0].method', 'usage'], ['splits[0].usage', 'metric: ']], 'splits[0].usage', 'Split “s1”: “metric:” needs the business metric’s name after the colon'],
  ['unknown period', [['splits[0].period', 'week']], 'splits[0].period', 'Split “s1”: weights are measured per “day” or “month”, not “week”'],
  ['unknown noWeight', [['splits[0].noWeight', 'drop']], 'splits[0].noWeight', 'Split “s1”: when no target has weight, the pool is shared “even” or left “unallocated”, not “drop”'],
  ['split dates reversed', [['splits[0].from', '2025-05-01'], ['splits[0].to', '2025-04-01']], 'splits[0].to', /must be after the start date “2025-05-01”/],
  ['split enabled not boolean', [['splits[0].enabled', 'false']], 'splits[0].enabled', 'Split “s1”: “enabled” must be true or false, not “false”'],
];

describe('validateRuleSet', () => {
  it('accepts the base document', () => {
    expect(validateRuleSet(base())).toEqual([]);
  });

  it.each(cases)('%s', (_title, changes, path, message) => {
    const problems = validateRuleSet(edited(changes));
    expect(problems).toEqual([{ path, message: typeof message === 'string' ? message : expect.stringMatching(message) }]);
    // compileRuleSet reports the same problems.
    expect(compileRuleSet(edited(changes) as AllocationRuleSet).problems).toEqual(problems);
  });

  it('refuses what is not an object at all', () => {
    for (const doc of [null, 'rules', 42, []]) expect(validateRuleSet(doc)).toEqual([{ path: '', message: expect.stringContaining('must be a JSON object') }]);
  });

  it('refuses groups nested too deeply instead of overflowing the stack', () => {
    let when = and(cond('ServiceName', 'equals', 'x'));
    for (let i = 0; i < 5000; i++) when = and(when);
    const set = ruleSet([key('team', [rule('deep', when, 'x')])]);
    const problems = validateRuleSet(set);
    expect(problems).toEqual([{ path: `keys[0].rules[0].when${'.items[0]'.repeat(32)}`, message: 'Rule “deep”: the conditions are nested more than 32 groups deep' }]);
    expect(compileRuleSet(set).problems).toEqual(problems);
  });

  it('accepts real leap days, open dates and Unicode patterns', () => {
    const set = base();
    set.keys[0].rules[0].from = '2024-02-29';
    set.keys[0].rules[0].to = null;
    set.keys[0].rules[1].value = capture('x_ApiKey', '^(\\p{L}+)-\\u{1F600}', '$1');
    expect(validateRuleSet(set)).toEqual([]);
  });

  it('checks percentages as exact decimals: thirds with three decimals total 100', () => {
    const set = base();
    set.splits[0] = split('s1', { method: 'fixed', targets: [], percentages: { a: '33.333', b: '33.333', c: '33.334' } });
    expect(validateRuleSet(set)).toEqual([]);
    // As floats 0.1 + 64.1 + 35.8 is 99.99999999999999; as decimals it is 100.
    set.splits[0] = split('s1', { method: 'fixed', targets: ['a', 'b', 'c'], percentages: { a: '0.1', b: '64.1', c: '35.8' } });
    expect(validateRuleSet(set)).toEqual([]);
    set.splits[0] = split('s1', { method: 'fixed', targets: [], percentages: { a: '0', b: '100.000' } });
    expect(validateRuleSet(set)).toEqual([]);
  });

  it('accepts every usage measure', () => {
    for (const usage of ['tokens', 'requests', 'metric:headcount'] as const) {
      const set = base();
      set.splits[0] = split('s1', { method: 'usage', usage, period: 'day', noWeight: 'unallocated' });
      expect(validateRuleSet(set)).toEqual([]);
    }
  });

  it('validates switched-off rules and splits too', () => {
    const set = base();
    set.keys[0].rules[0] = rule('t1', cond('ServiceName', 'regex', '(('), 'x', { enabled: false });
    set.splits[0] = split('s1', { method: 'fixed', percentages: { a: '50' }, enabled: false });
    expect(validateRuleSet(set).map((p) => p.path)).toEqual(['keys[0].rules[0].when.items[0].value', 'splits[0].percentages']);
  });

  it('lists every problem of a document in document order', () => {
    const doc = edited([
      ['keys[0].rules[0].when.items[0].op', 'like'],
      ['keys[0].rules[1].value.template', '$3'],
      ['keys[1].rules[0].from', 'soon'],
      ['splits[0].period', 'year'],
    ]);
    expect(validateRuleSet(doc).map((p) => p.path)).toEqual(['keys[0].rules[0].when.items[0].op', 'keys[0].rules[1].value.template', 'keys[1].rules[0].from', 'splits[0].period']);
  });
});

describe('compileRuleSet with problems', () => {
  it('never throws, reports every problem and compiles the sound rules and splits', () => {
    const set = base();
    set.keys[0].rules.splice(1, 0, rule('bad', cond('ServiceName', 'regex', '(unclosed'), 'x', { name: 'Broken' }));
    set.splits.push(split('s2', { method: 'even', key: 'team' }));
    set.splits[0].percentages = { a: '10', b: '10' };
    const compiled = compileRuleSet(set);
    expect(compiled.problems.map((p) => p.path)).toEqual(['keys[0].rules[1].when.items[0].value', 'splits[0].percentages']);
    expect(compiled.problems[0].message).toMatch(/^Rule “Broken”: the pattern \(unclosed is not a valid regular expression: /);
    expect(compiled.keys[0].rules.map((r) => [r.id, r.index])).toEqual([
      ['t1', 0],
      ['t2', 2],
    ]);
    expect(compiled.splits.map((s) => [s.rule.id, s.index])).toEqual([['s2', 1]]);
  });

  it('survives documents of the wrong shape', () => {
    const docs: unknown[] = [null, {}, { keys: 'x', splits: 3 }, { keys: [null, { key: 'a', rules: [null, { id: 'x' }] }], splits: [{ pool: 5 }] }];
    for (const doc of docs) {
      // A document straight from a file, typed as the runtime receives it.
      const compiled = compileRuleSet(doc as AllocationRuleSet);
      expect(compiled.problems.length).toBeGreaterThan(0);
      expect(compiled.splits).toEqual([]);
    }
  });
});
