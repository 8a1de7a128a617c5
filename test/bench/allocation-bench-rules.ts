/**
 * A large rule set for the allocation benchmark, written against the bench file's data
 * (src/core/demo/bench-rows.ts): 200 tag rules over five keys in the mix analysts write (tags
 * in several spellings, flexible matches, in-lists, regexes with captures, contains and starts
 * with, column fields) and 10 split rules using every method.
 */
import type { AllocationRuleSet, Condition, ConditionGroup, FieldRef, SplitRule, TagKeyDef, TagRule } from '../../src/shared/allocation-contract';
import { TEAM_IDS } from '../../src/core/demo/demo-company';
import { TEAM_SPELLINGS } from '../../src/core/demo/tag-styles';

const STEMS = ['support', 'search', 'summary', 'review', 'chat', 'extract', 'content'];
const ENVS = ['prod', 'stg', 'dev'];
const FEATURES = ['support-bot', 'search', 'summarizer', 'code-review', 'internal-chat', 'doc-extraction', 'content-gen'];
const TEAMS = TEAM_IDS.map((t) => TEAM_SPELLINGS[t].display);
const DEFAULT = 'Unallocated';

const c = (field: FieldRef, op: Condition['op'], value?: string | string[]): Condition =>
  Array.isArray(value) ? { field, op, values: value } : value === undefined ? { field, op } : { field, op, value };
const and = (...items: (Condition | ConditionGroup)[]): ConditionGroup => ({ join: 'and', items });
const or = (...items: (Condition | ConditionGroup)[]): ConditionGroup => ({ join: 'or', items });

function numbered(key: string, rules: Omit<TagRule, 'id' | 'name'>[]): TagRule[] {
  return rules.map((r, i) => ({ id: `${key}-${i}`, name: `${key} rule ${i}`, ...r }));
}

const lit = (value: string) => ({ kind: 'literal' as const, value });
const field = (f: FieldRef) => ({ kind: 'field' as const, field: f });
const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length];

/** 60 rules: specific sub-account lists and key patterns first, broad tag rules last. */
function teamRules(): TagRule[] {
  const rules: Omit<TagRule, 'id' | 'name'>[] = [];
  for (let i = 0; i < 20; i++) {
    const names = Array.from({ length: 5 }, (_, k) => `${pick(STEMS, i + k)}-${pick(ENVS, k)}${(i * 5 + k) % 75}`);
    rules.push({ when: and(c('SubAccountName', 'in', names), c('ProviderName', 'in', ['OpenAI', 'Anthropic'])), value: lit(pick(TEAMS, i)) });
  }
  for (let i = 0; i < 10; i++) rules.push({ when: and(c('x_ApiKey', 'regex', `^role/${pick(STEMS, i)}-(prod|stg)${i}`)), value: lit(pick(TEAMS, i + 1)) });
  for (let i = 0; i < 10; i++) rules.push({ when: and(c('ResourceName', 'contains', `${pick(STEMS, i)}-dev${i}`)), value: lit(pick(TEAMS, i + 2)) });
  for (let i = 0; i < 6; i++) rules.push({ when: and(c('tag:owner-team', 'flexible', TEAM_SPELLINGS[TEAM_IDS[i]].kebab)), value: lit(TEAMS[i]) });
  for (let i = 0; i < 10; i++) rules.push({ when: and(c('x_Model', 'startsWith', pick(['gpt-4.1-nano', 'o4-mini', 'amazon.nova-micro', 'claude-haiku-4-5', 'meta.llama3'], i)), c('RegionId', 'equals', pick(['us-west-2', 'eu-central-1'], i))), value: lit(pick(TEAMS, i + 3)) });
  for (const k of ['team', 'Team', 'owner-team', 'team_name']) rules.push({ when: and(c(`tag:${k}`, 'isNotEmpty')), value: field(`tag:${k}`) });
  return numbered('team', rules);
}

/** 50 rules. */
function featureRules(): TagRule[] {
  const rules: Omit<TagRule, 'id' | 'name'>[] = [];
  for (let i = 0; i < 17; i++) rules.push({ when: and(c('SubAccountName', 'equals', `${pick(STEMS, i)}-${pick(ENVS, i)}${i * 4}`)), value: lit(pick(FEATURES, i)) });
  for (let i = 0; i < 10; i++) rules.push({ when: and(c('x_Model', 'in', [pick(['gpt-4o', 'gpt-4o-mini', 'o3-mini'], i), pick(['claude-opus-4-20250514', 'amazon.nova-pro-v1:0'], i)]), c('x_ServiceTier', 'equals', 'batch')), value: lit(pick(FEATURES, i + 2)) });
  for (let i = 0; i < 5; i++) rules.push({ when: and(c('ProviderName', 'equals', pick(['Microsoft', 'AWS'], i))), value: { kind: 'capture', field: 'ResourceName', pattern: `^(${pick(STEMS, i)})-(?:prod|stg|dev)\\d+-`, template: '$1' } });
  for (let i = 0; i < 7; i++) rules.push({ when: and(c('x_Project', 'startsWith', `${STEMS[i]}-prod`)), value: lit(FEATURES[i]) });
  for (let i = 0; i < 7; i++) rules.push({ when: or(c('tag:app', 'flexible', FEATURES[i]), c('tag:application', 'flexible', FEATURES[i])), value: lit(FEATURES[i]) });
  for (const k of ['feature', 'Feature', 'app', 'application']) rules.push({ when: and(c(`tag:${k}`, 'isNotEmpty')), value: field(`tag:${k}`) });
  return numbered('feature', rules);
}

/** 20 rules. */
function environmentRules(): TagRule[] {
  const rules: Omit<TagRule, 'id' | 'name'>[] = [];
  for (let i = 0; i < 14; i++) rules.push({ when: and(c('SubAccountName', 'contains', `${pick(STEMS, i)}-${pick(ENVS, i)}`)), value: lit(pick(['production', 'staging', 'development'], i)) });
  rules.push({ when: and(c('x_ApiKey', 'isNotEmpty')), value: { kind: 'capture', field: 'x_ApiKey', pattern: '-(prod|stg|dev)\\d+-', template: '$1' } });
  rules.push({ when: and(c('ProviderName', 'equals', 'Microsoft')), value: { kind: 'capture', field: 'SubAccountName', pattern: '^Northwind-[a-z]+-(prod|stg|dev)', template: '$1' } });
  rules.push({ when: and(c('tag:env', 'isNotEmpty')), value: field('tag:env') });
  rules.push({ when: and(c('tag:Environment', 'isNotEmpty')), value: field('tag:Environment') });
  rules.push({ when: and(c('x_ServiceTier', 'equals', 'batch'), c('ProviderName', 'notEquals', 'AWS')), value: lit('production') });
  rules.push({ when: and(c('x_User', 'endsWith', '@northwind.example')), value: lit('development') });
  return numbered('environment', rules);
}

/**
 * 30 rules. Customer ids (c0000-c9999, under three tag keys) are bucketed into ten accounts by
 * their first digit: a split over thousands of raw customer ids is another benchmark.
 */
function customerRules(): TagRule[] {
  const rules: Omit<TagRule, 'id' | 'name'>[] = [];
  const anyKey = (op: Condition['op'], value: string) => or(c('tag:customer', op, value), c('tag:Customer', op, value), c('tag:tenant', op, value));
  for (let d = 0; d < 10; d++) rules.push({ when: and(anyKey('regex', `^c${d}\\d{3}$`)), value: lit(`account-${d}`) });
  for (let i = 0; i < 14; i++) rules.push({ when: and(c('SubAccountName', 'startsWith', `${pick(STEMS, i)}-prod${i}`), c('ProviderName', 'in', ['OpenAI', 'Azure'])), value: lit(`account-${i % 10}`) });
  rules.push({ when: and(c('tag:Customer', 'isNotEmpty')), value: field('tag:Customer') });
  rules.push({ when: and(c('tag:tenant', 'isNotEmpty')), value: field('tag:tenant') });
  rules.push({ when: and(c('tag:customer', 'isNotEmpty')), value: field('tag:customer') });
  rules.push({ when: and(c('x_User', 'contains', 'user1')), value: lit('internal') });
  rules.push({ when: and(c('x_User', 'isNotEmpty')), value: lit('internal') });
  rules.push({ when: and(c('vtag:feature', 'equals', 'internal-chat')), value: lit('internal') });
  return numbered('customer', rules);
}

/** 40 rules. */
function modelFamilyRules(): TagRule[] {
  const families: [string, Condition['op'], string][] = [
    ['gpt-4o-mini', 'startsWith', 'gpt-4o mini'],
    ['gpt-4o', 'startsWith', 'gpt-4o'],
    ['gpt-4.1-nano', 'startsWith', 'gpt-4.1 nano'],
    ['gpt-4.1-mini', 'startsWith', 'gpt-4.1 mini'],
    ['gpt-4.1', 'startsWith', 'gpt-4.1'],
    ['o3-mini', 'contains', 'o-series'],
    ['o4-mini', 'contains', 'o-series'],
    ['embedding', 'contains', 'embeddings'],
    ['haiku', 'contains', 'claude haiku'],
    ['sonnet', 'contains', 'claude sonnet'],
    ['opus', 'contains', 'claude opus'],
    ['nova-micro', 'contains', 'nova'],
    ['nova-lite', 'contains', 'nova'],
    ['nova-pro', 'contains', 'nova'],
    ['llama', 'contains', 'llama'],
  ];
  const rules: Omit<TagRule, 'id' | 'name'>[] = [];
  for (const [text, op, family] of families) rules.push({ when: and(c('x_Model', op, text), c('x_TokenClass', 'notEquals', 'reasoning')), value: lit(family) });
  for (let i = 0; i < 14; i++) rules.push({ when: and(c('SkuMeter', 'contains', pick(['Batch', 'Cached', 'Output', 'Input', 'Reasoning'], i)), c('ProviderName', 'equals', pick(['OpenAI', 'Anthropic', 'Microsoft', 'AWS'], i))), value: lit(`meter-${i}`) });
  rules.push({ when: and(c('x_TokenClass', 'equals', 'reasoning')), value: lit('reasoning') });
  for (let i = 0; i < 8; i++) rules.push({ when: and(c('x_CatalogModel', 'regex', `^${pick(['gpt', 'claude', 'nova', 'llama', 'o3', 'o4', 'text', 'amazon'], i)}`)), value: field('x_CatalogModel') });
  rules.push({ when: and(), value: { kind: 'capture', field: 'x_Model', pattern: '^([a-z]+)', template: '$1' } });
  rules.push({ when: and(c('ServiceName', 'isNotEmpty')), value: field('ServiceName') });
  return numbered('model-family', rules);
}

function splits(): SplitRule[] {
  const base = { period: 'month' as const, noWeight: 'even' as const, targets: [] as string[] };
  const fixed = Object.fromEntries(TEAMS.map((t, i) => [t, ['10', '30', '15', '20', '12.5', '12.5'][i]]));
  return [
    { ...base, id: 's0', name: 'Untagged AWS evenly', key: 'team', pool: and(c('vtag:team', 'equals', DEFAULT), c('ProviderName', 'equals', 'AWS')), method: 'even' },
    { ...base, id: 's1', name: 'Internal chat by headcount', key: 'team', pool: and(c('vtag:feature', 'equals', 'internal-chat')), method: 'fixed', targets: TEAMS, percentages: fixed },
    { ...base, id: 's2', name: 'Development by cost', key: 'team', pool: and(c('vtag:environment', 'equals', 'development'), c('vtag:team', 'equals', DEFAULT)), method: 'cost' },
    { ...base, id: 's3', name: 'Untagged Azure by tokens, daily', key: 'team', pool: and(c('vtag:team', 'equals', DEFAULT), c('ProviderName', 'equals', 'Microsoft')), method: 'usage', usage: 'tokens', period: 'day' },
    { ...base, id: 's4', name: 'Rest by requests', key: 'team', pool: and(c('vtag:team', 'equals', DEFAULT)), method: 'usage', usage: 'requests' },
    { ...base, id: 's5', name: 'Features evenly', key: 'feature', pool: and(c('vtag:feature', 'equals', DEFAULT)), method: 'even' },
    { ...base, id: 's6', name: 'Environments by cost', key: 'environment', pool: and(c('vtag:environment', 'equals', DEFAULT)), method: 'cost' },
    { ...base, id: 's7', name: 'Customers by tokens', key: 'customer', pool: and(c('vtag:customer', 'equals', 'internal')), method: 'usage', usage: 'tokens' },
    { ...base, id: 's8', name: 'Reasoning by cost', key: 'model-family', pool: and(c('vtag:model-family', 'equals', 'reasoning')), method: 'cost' },
    { ...base, id: 's9', name: 'Support fixed', key: 'feature', pool: and(c('vtag:feature', 'equals', 'support-bot'), c('ProviderName', 'equals', 'Anthropic')), method: 'fixed', targets: ['search', 'summarizer'], percentages: { search: '60', summarizer: '40' } },
  ];
}

export function benchRuleSet(): AllocationRuleSet {
  const key = (k: string, rules: TagRule[], normalize: TagKeyDef['normalize'] = []): TagKeyDef => ({ key: k, defaultValue: DEFAULT, rules, normalize });
  return {
    format: 'costbook-allocation',
    version: 1,
    keys: [
      key('team', teamRules(), TEAM_IDS.map((t) => ({ value: TEAM_SPELLINGS[t].display, aliases: [TEAM_SPELLINGS[t].short] }))),
      key('feature', featureRules(), FEATURES.map((f) => ({ value: f, aliases: [] }))),
      key('environment', environmentRules(), [
        { value: 'production', aliases: ['prod'] },
        { value: 'staging', aliases: ['stg'] },
        { value: 'development', aliases: ['dev'] },
      ]),
      key('customer', customerRules()),
      key('model-family', modelFamilyRules()),
    ],
    splits: splits(),
  };
}

/** The rule set with one team rule's list changed, as an analyst editing it would. */
export function withEditedRule(set: AllocationRuleSet, round: number): { ruleSet: AllocationRuleSet; ruleId: string } {
  const team = set.keys[0];
  const index = round % 20;
  const rules = team.rules.map((r, i) =>
    i === index ? { ...r, when: and(c('SubAccountName', 'in', [`${pick(STEMS, round)}-${pick(ENVS, round)}${round}`, `${pick(STEMS, round + 1)}-prod${round + 7}`])) } : r,
  );
  return { ruleSet: { ...set, keys: [{ ...team, rules }, ...set.keys.slice(1)] }, ruleId: team.rules[index].id };
}
