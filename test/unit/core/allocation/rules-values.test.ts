import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../../../src/core/allocation/rules';
import type { CompiledKey } from '../../../../src/core/allocation/rules';
import type { TagKeyDef } from '../../../../src/shared/allocation-contract';
import { and, capture, cond, fieldValue, key, row, rule, ruleSet } from './rules-fixtures';

function compileKey(def: TagKeyDef): CompiledKey {
  const compiled = compileRuleSet(ruleSet([def]));
  expect(compiled.problems).toEqual([]);
  return compiled.keys[0];
}

const ENVIRONMENTS = [
  { value: 'production', aliases: ['prod', 'PRD'] },
  { value: 'staging', aliases: ['stg', 'stage'] },
];

describe('rule values', () => {
  it('a literal is set as written, trimmed', () => {
    const k = compileKey(key('team', [rule('r1', cond('x_Project', 'equals', 'search'), '  Search Team ')]));
    expect(k.evaluate(row({ x_Project: 'search' }))).toEqual({ value: 'Search Team', rule: 0 });
  });

  it('a field value is trimmed; an empty or missing one lets the next rule try', () => {
    const k = compileKey(
      key('team', [
        rule('from-tag', cond('tag:team', 'isNotEmpty'), fieldValue('tag:team')),
        rule('from-project', and(), fieldValue('x_Project')),
        rule('fallback', and(), 'platform'),
      ]),
    );
    expect(k.evaluate(row({ 'tag:team': '  search ' }))).toEqual({ value: 'search', rule: 0 });
    expect(k.evaluate(row({ 'tag:team': '   ', x_Project: 'growth' }))).toEqual({ value: 'growth', rule: 1 });
    expect(k.evaluate(row({ x_Project: '' }))).toEqual({ value: 'platform', rule: 2 });
    expect(k.rules[1].apply(row({ x_Project: ' ' }))).toBeNull();
  });

  it('a capture fills $1, $<name> and $$ from the pattern, case-insensitively', () => {
    const k = compileKey(
      key('team', [
        rule('numbered', cond('ProviderName', 'equals', 'AWS'), capture('SubAccountName', '^acme-([a-z]+)-(prod|dev)$', '$1 ($2)')),
        rule('named', cond('ProviderName', 'equals', 'OpenAI'), capture('x_ApiKey', '^key-(?<team>[a-z]+)', 'team $<team>')),
        rule('dollars', cond('ProviderName', 'equals', 'Azure'), capture('ResourceName', '^(\\d+)', '$$$1')),
      ]),
    );
    expect(k.evaluate(row({ ProviderName: 'AWS', SubAccountName: 'ACME-Search-prod' })).value).toBe('Search (prod)');
    expect(k.evaluate(row({ ProviderName: 'OpenAI', x_ApiKey: 'key-growth-7' })).value).toBe('team growth');
    expect(k.evaluate(row({ ProviderName: 'Azure', ResourceName: '42-east' })).value).toBe('$42');
  });

  it('a capture that does not match or gives an empty value does not match', () => {
    const k = compileKey(
      key('team', [
        rule('capture', and(), capture('x_ApiKey', '^key-(\\w*)(?:-x)?$', '$1')),
        rule('blank-template', and(), capture('x_ApiKey', '^(\\s*)$', ' $1 ')),
        rule('rest', and(), 'other'),
      ]),
    );
    expect(k.evaluate(row({ x_ApiKey: 'key-search' }))).toEqual({ value: 'search', rule: 0 });
    expect(k.evaluate(row({ x_ApiKey: 'key--x' }))).toEqual({ value: 'other', rule: 2 });
    expect(k.evaluate(row({ x_ApiKey: 'role-search' }))).toEqual({ value: 'other', rule: 2 });
    expect(k.evaluate(row({ x_ApiKey: '   ' }))).toEqual({ value: 'other', rule: 2 });
    expect(k.evaluate(row({}))).toEqual({ value: 'other', rule: 2 });
  });

  it('a group that took no part in the match gives an empty text', () => {
    const k = compileKey(key('env', [rule('r', and(), capture('ResourceName', '^(prod)?(?:-?)(\\w+)$', '$1$2'))]));
    expect(k.evaluate(row({ ResourceName: 'prod-api' })).value).toBe('prodapi');
    expect(k.evaluate(row({ ResourceName: 'api' })).value).toBe('api');
  });
});

describe('normalization', () => {
  it('maps aliases and canonical values, flexibly, to the canonical value', () => {
    const k = compileKey(key('env', [rule('tag', cond('tag:env', 'isNotEmpty'), fieldValue('tag:env'))], ENVIRONMENTS));
    expect(k.evaluate(row({ 'tag:env': 'PROD' })).value).toBe('production');
    expect(k.evaluate(row({ 'tag:env': ' prd ' })).value).toBe('production');
    expect(k.evaluate(row({ 'tag:env': 'Production' })).value).toBe('production');
    expect(k.evaluate(row({ 'tag:env': 'S-T-G' })).value).toBe('staging');
    expect(k.evaluate(row({ 'tag:env': 'qa' })).value).toBe('qa');
    expect(k.normalize('Stage')).toBe('staging');
    expect(k.normalize(' other ')).toBe('other');
  });

  it('normalizes literals, captures and the default value too', () => {
    const k = compileKey(
      key(
        'env',
        [rule('lit', cond('ProviderName', 'equals', 'AWS'), 'PROD'), rule('cap', and(), capture('SubAccountName', '-(stg|prod)$', '$1'))],
        [...ENVIRONMENTS, { value: 'Unknown', aliases: ['unallocated'] }],
        'UNALLOCATED',
      ),
    );
    expect(k.defaultValue).toBe('Unknown');
    expect(k.evaluate(row({ ProviderName: 'aws' })).value).toBe('production');
    expect(k.evaluate(row({ SubAccountName: 'acme-STG' })).value).toBe('staging');
    expect(k.evaluate(row({}))).toEqual({ value: 'Unknown', rule: -1 });
  });
});

describe('effective dates', () => {
  it('include the start day and exclude the end day', () => {
    const k = compileKey(
      key('team', [
        rule('feb', and(), 'february', { from: '2025-02-01', to: '2025-03-01' }),
        rule('until-feb', and(), 'before', { to: '2025-02-01' }),
        rule('from-mar', and(), 'after', { from: '2025-03-01', to: null }),
      ]),
    );
    expect(k.usesDates).toBe(true);
    expect(k.evaluate(row({}, '2025-01-31')).value).toBe('before');
    expect(k.evaluate(row({}, '2025-02-01')).value).toBe('february');
    expect(k.evaluate(row({}, '2025-02-28')).value).toBe('february');
    expect(k.evaluate(row({}, '2025-03-01')).value).toBe('after');
    expect(k.rules[0].apply(row({}, '2025-03-01'))).toBeNull();
    expect(k.rules[0].apply(row({}, '2025-02-01'))).toBe('february');
  });

  it('a key without dates does not depend on the day', () => {
    expect(compileKey(key('team', [rule('r', and(), 'x', { from: null, to: null })])).usesDates).toBe(false);
  });
});

describe('order and switched-off rules', () => {
  it('the first matching rule wins; a later rule never overrides it', () => {
    const k = compileKey(
      key('team', [
        rule('narrow', cond('x_Project', 'equals', 'search-prod'), 'search'),
        rule('broad', cond('x_Project', 'startsWith', 'search'), 'search-broad'),
        rule('everything', and(), 'everyone'),
      ]),
    );
    expect(k.evaluate(row({ x_Project: 'search-prod' }))).toEqual({ value: 'search', rule: 0 });
    expect(k.evaluate(row({ x_Project: 'search-dev' }))).toEqual({ value: 'search-broad', rule: 1 });
    expect(k.evaluate(row({ x_Project: 'chat' }))).toEqual({ value: 'everyone', rule: 2 });
  });

  it('a key without rules gives its default', () => {
    expect(compileKey(key('team', [])).evaluate(row({ x_Project: 'x' }))).toEqual({ value: 'Unallocated', rule: -1 });
  });

  it('rules with enabled false are left out; result.rule indexes the enabled rules', () => {
    const k = compileKey(
      key('team', [
        rule('off', and(), 'never', { enabled: false }),
        rule('search', cond('x_Project', 'equals', 'search'), 'search', { enabled: true }),
        rule('rest', and(), 'rest'),
      ]),
    );
    expect(k.rules.map((r) => [r.id, r.index])).toEqual([
      ['search', 1],
      ['rest', 2],
    ]);
    const hit = k.evaluate(row({ x_Project: 'search' }));
    expect(hit).toEqual({ value: 'search', rule: 0 });
    expect(k.rules[hit.rule].id).toBe('search');
    expect(k.evaluate(row({ x_Project: 'x' }))).toEqual({ value: 'rest', rule: 1 });
  });

  it('works past 32 rules (several mask words) and finds late matches', () => {
    const rules = Array.from({ length: 70 }, (_, i) => rule(`r${i}`, cond('x_Project', 'equals', `p${i}`), `team${i}`));
    rules.push(rule('tag', cond('tag:team', 'isNotEmpty'), fieldValue('tag:team')));
    const k = compileKey(key('team', rules));
    for (const i of [0, 31, 32, 63, 64, 69]) expect(k.evaluate(row({ x_Project: `P${i}` }))).toEqual({ value: `team${i}`, rule: i });
    expect(k.evaluate(row({ x_Project: 'p70', 'tag:team': 'ops' }))).toEqual({ value: 'ops', rule: 70 });
    expect(k.evaluate(row({ x_Project: 'p70' })).rule).toBe(-1);
  });
});
