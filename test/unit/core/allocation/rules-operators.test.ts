import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../../../src/core/allocation/rules';
import type { Condition, ConditionGroup, FieldRef } from '../../../../src/shared/allocation-contract';
import { and, cond, key, or, row, rule, ruleSet } from './rules-fixtures';

/**
 * Whether a charge whose `field` holds `value` (null: missing) matches the conditions, asked both
 * of the key's evaluation (masks) and of the rule on its own.
 */
function matches(when: Condition | ConditionGroup, values: Partial<Record<FieldRef, string | null>>): boolean {
  const compiled = compileRuleSet(ruleSet([key('team', [rule('r1', when, 'hit')], [], 'miss')]));
  expect(compiled.problems).toEqual([]);
  const k = compiled.keys[0];
  const byKey = k.evaluate(row(values)).value === 'hit';
  const byRule = k.rules[0].apply(row(values)) === 'hit';
  expect(byRule).toBe(byKey);
  return byKey;
}

const on = (c: Condition, value: string | null) => matches(c, { [c.field]: value });

describe('text operators (case-insensitive unless caseSensitive)', () => {
  it('equals', () => {
    const c = cond('ServiceName', 'equals', 'Azure OpenAI');
    expect(on(c, 'azure openai')).toBe(true);
    expect(on(c, 'AZURE OPENAI')).toBe(true);
    expect(on(c, 'Azure OpenAI Service')).toBe(false);
    expect(on(c, null)).toBe(false);
    expect(on(cond('ServiceName', 'equals', 'Azure OpenAI', true), 'azure openai')).toBe(false);
    expect(on(cond('ServiceName', 'equals', 'Azure OpenAI', true), 'Azure OpenAI')).toBe(true);
  });

  it('equals folds non-ASCII text fully', () => {
    expect(on(cond('tag:city', 'equals', 'Straße'), 'STRASSE')).toBe(true);
    expect(on(cond('tag:city', 'equals', 'STRASSE'), 'straße')).toBe(true);
    expect(on(cond('tag:city', 'equals', 'ΟΔΟΣ'), 'οδος')).toBe(true);
    expect(on(cond('tag:city', 'equals', 'İstanbul'), 'ISTANBUL')).toBe(true);
    expect(on(cond('tag:city', 'equals', 'München'), 'MU\u0308NCHEN')).toBe(true);
    expect(on(cond('tag:city', 'equals', '東京'), '東京')).toBe(true);
    expect(on(cond('tag:city', 'equals', '東京'), '京都')).toBe(false);
    // caseSensitive still composes accents: the same text in two Unicode forms is equal.
    expect(on(cond('tag:city', 'equals', 'München', true), 'Mu\u0308nchen')).toBe(true);
    expect(on(cond('tag:city', 'equals', 'Straße', true), 'STRASSE')).toBe(false);
  });

  it('notEquals is true for a missing value', () => {
    const c = cond('tag:team', 'notEquals', 'search');
    expect(on(c, 'Search')).toBe(false);
    expect(on(c, 'growth')).toBe(true);
    expect(on(c, null)).toBe(true);
    expect(on(cond('tag:team', 'notEquals', 'search', true), 'Search')).toBe(true);
  });

  it('in and notIn', () => {
    const list = ['Alpha', 'Straße', 'Σοφία'];
    expect(on(cond('tag:team', 'in', list), 'ALPHA')).toBe(true);
    expect(on(cond('tag:team', 'in', list), 'strasse')).toBe(true);
    expect(on(cond('tag:team', 'in', list), 'ΣΟΦΊΑ')).toBe(true);
    expect(on(cond('tag:team', 'in', list), 'beta')).toBe(false);
    expect(on(cond('tag:team', 'in', list), null)).toBe(false);
    expect(on(cond('tag:team', 'in', list, true), 'ALPHA')).toBe(false);
    expect(on(cond('tag:team', 'in', list, true), 'Alpha')).toBe(true);
    expect(on(cond('tag:team', 'notIn', list), 'alpha')).toBe(false);
    expect(on(cond('tag:team', 'notIn', list), 'gamma')).toBe(true);
    expect(on(cond('tag:team', 'notIn', list), null)).toBe(true);
    expect(on(cond('tag:team', 'notIn', list, true), 'alpha')).toBe(true);
  });

  it('contains and notContains', () => {
    expect(on(cond('ResourceName', 'contains', 'SEARCH'), 'prod-search-01')).toBe(true);
    expect(on(cond('ResourceName', 'contains', 'ss'), 'Großhandel')).toBe(true);
    expect(on(cond('ResourceName', 'contains', 'οδος'), 'ΟΔΟΣ ΚΑΙ')).toBe(true);
    expect(on(cond('ResourceName', 'contains', 'search'), 'prod-summary')).toBe(false);
    expect(on(cond('ResourceName', 'contains', 'search'), null)).toBe(false);
    expect(on(cond('ResourceName', 'contains', 'SEARCH', true), 'prod-search-01')).toBe(false);
    expect(on(cond('ResourceName', 'notContains', 'search'), 'prod-SEARCH')).toBe(false);
    expect(on(cond('ResourceName', 'notContains', 'search'), 'prod-chat')).toBe(true);
    expect(on(cond('ResourceName', 'notContains', 'search'), null)).toBe(true);
  });

  it('startsWith and endsWith', () => {
    expect(on(cond('x_Model', 'startsWith', 'GPT-4o'), 'gpt-4o-mini')).toBe(true);
    expect(on(cond('x_Model', 'startsWith', 'mini'), 'gpt-4o-mini')).toBe(false);
    expect(on(cond('tag:city', 'startsWith', 'istanbul'), 'İstanbul-Asya')).toBe(true);
    expect(on(cond('x_Model', 'startsWith', 'GPT', true), 'gpt-4o')).toBe(false);
    expect(on(cond('x_User', 'endsWith', '@example.com'), 'Ana@EXAMPLE.COM')).toBe(true);
    expect(on(cond('x_User', 'endsWith', '@example.com'), 'ana@example.org')).toBe(false);
    expect(on(cond('x_User', 'endsWith', '@example.com'), null)).toBe(false);
  });

  it('regex is case-insensitive unless caseSensitive, in Unicode mode', () => {
    expect(on(cond('x_Model', 'regex', '^gpt-4o(-mini)?$'), 'GPT-4o-mini')).toBe(true);
    expect(on(cond('x_Model', 'regex', '^gpt-4o(-mini)?$'), 'gpt-4o-mini-2024')).toBe(false);
    expect(on(cond('x_Model', 'regex', '^gpt-4o(-mini)?$', true), 'GPT-4o-mini')).toBe(false);
    expect(on(cond('x_Model', 'regex', '^gpt', true), 'gpt-4o')).toBe(true);
    expect(on(cond('tag:city', 'regex', '^\\p{Script=Han}+$'), '東京')).toBe(true);
    expect(on(cond('tag:city', 'regex', '^.$'), '😀')).toBe(true);
    expect(on(cond('tag:city', 'regex', '^Ä'), 'a\u0308rger')).toBe(true);
    expect(on(cond('tag:city', 'regex', '.*'), null)).toBe(false);
  });

  it('flexible ignores case, whitespace, _ and -', () => {
    const c = cond('tag:team', 'flexible', 'Prod_Team');
    expect(on(c, 'prod team')).toBe(true);
    expect(on(c, 'PROD-TEAM')).toBe(true);
    expect(on(c, 'ProdTeam')).toBe(true);
    expect(on(c, 'prod teams')).toBe(false);
    expect(on(c, null)).toBe(false);
    expect(on(cond('tag:team', 'flexible', 'Prod_Team', true), 'prod team')).toBe(true);
  });

  it('isEmpty and isNotEmpty treat blank text as empty', () => {
    for (const [value, empty] of [
      [null, true],
      ['', true],
      ['  \t', true],
      ['x', false],
      [' 0 ', false],
    ] as const) {
      expect(on(cond('tag:team', 'isEmpty'), value)).toBe(empty);
      expect(on(cond('tag:team', 'isNotEmpty'), value)).toBe(!empty);
    }
  });
});

describe('numeric operators', () => {
  it('compare exact decimals, even far past float precision', () => {
    expect(on(cond('BilledCost', 'gt', '0.0000009'), '0.000001')).toBe(true);
    expect(on(cond('BilledCost', 'gte', '0.0000010'), '0.000001')).toBe(true);
    expect(on(cond('BilledCost', 'lte', '0.000001'), '0.00000100')).toBe(true);
    expect(on(cond('BilledCost', 'lt', '0.000001'), '0.000001')).toBe(false);
    expect(on(cond('BilledCost', 'gt', '12345678901234567.000000000001'), '12345678901234567.000000000002')).toBe(true);
    expect(on(cond('BilledCost', 'lt', '12345678901234567.000000000001'), '12345678901234567.000000000002')).toBe(false);
    expect(on(cond('BilledCost', 'gt', '9'), '10')).toBe(true);
    expect(on(cond('BilledCost', 'gt', '0.45'), '.5')).toBe(true);
    expect(on(cond('BilledCost', 'gt', '4.99'), '+5')).toBe(true);
  });

  it('order negative numbers and zero correctly', () => {
    expect(on(cond('BilledCost', 'lt', '0'), '-5')).toBe(true);
    expect(on(cond('BilledCost', 'lt', '-0.25'), '-0.5')).toBe(true);
    expect(on(cond('BilledCost', 'gt', '-0.25'), '-0.5')).toBe(false);
    expect(on(cond('BilledCost', 'gte', '0'), '-0')).toBe(true);
    expect(on(cond('BilledCost', 'lte', '0'), '-0.000')).toBe(true);
    expect(on(cond('BilledCost', 'gt', '-1'), '0')).toBe(true);
  });

  it('never match a value that is missing or not a plain number', () => {
    for (const value of [null, '', '1,000', '1e3', '$5', 'abc', '-', '.']) {
      expect(on(cond('x_Tokens', 'gt', '-1000000'), value)).toBe(false);
      expect(on(cond('x_Tokens', 'lte', '1000000'), value)).toBe(false);
    }
    expect(on(cond('tag:size', 'gte', '100'), ' 250 ')).toBe(true);
  });
});

describe('groups', () => {
  it('AND needs every item and OR any, nested', () => {
    const when = and(cond('ProviderName', 'equals', 'OpenAI'), or(cond('x_Project', 'startsWith', 'search'), and(cond('tag:team', 'equals', 'search'), cond('x_Tokens', 'gt', '1000'))));
    expect(matches(when, { ProviderName: 'openai', x_Project: 'Search-prod' })).toBe(true);
    expect(matches(when, { ProviderName: 'openai', 'tag:team': 'Search', x_Tokens: '5000' })).toBe(true);
    expect(matches(when, { ProviderName: 'openai', 'tag:team': 'Search', x_Tokens: '50' })).toBe(false);
    expect(matches(when, { ProviderName: 'Anthropic', x_Project: 'search' })).toBe(false);
  });

  it('a top-level OR over several fields matches on any of them', () => {
    const when = or(cond('tag:app', 'flexible', 'support bot'), cond('tag:application', 'flexible', 'support bot'));
    expect(matches(when, { 'tag:app': 'Support_Bot' })).toBe(true);
    expect(matches(when, { 'tag:application': 'SUPPORT-BOT' })).toBe(true);
    expect(matches(when, { 'tag:app': 'chat' })).toBe(false);
  });

  it('an empty group matches every charge, also nested', () => {
    expect(matches(and(), {})).toBe(true);
    expect(matches(or(), { ServiceName: 'x' })).toBe(true);
    expect(matches(and(or(), cond('ServiceName', 'equals', 'x')), { ServiceName: 'X' })).toBe(true);
  });
});
