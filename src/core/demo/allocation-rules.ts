/**
 * The demo workspace's allocation rules: what an analyst at Northwind Labs would write after a
 * first look at the bills. Team, feature and environment come from the owners' tags in every
 * spelling they used, from OpenAI projects and Anthropic workspaces, from API key names and AWS
 * account names; untagged Azure OpenAI cost is shared by tokens and the company assistant by
 * headcount. Some spend is left unallocated on purpose (the Claude Console's default workspace,
 * OpenAI's default project, the AWS sandbox), so the demo shows what to tag next.
 */
import type { AllocationRuleSet, Condition, ConditionGroup, FieldRef, StoredRuleSet, TagKeyDef, TagRule } from '../../shared/allocation-contract';
import type { Clock, Workspace } from '../db/workspace';
import { loadRuleSet, saveRuleSet } from '../allocation/store';
import { addMonths, daysOfMonths, parseMonth } from './calendar';
import { simulateProvider } from './company-sim';
import { TEAM_IDS, type TeamId } from './demo-company';
import type { DemoFileOptions } from './generate-demo';
import { TEAM_SPELLINGS } from './tag-styles';

export const DEMO_RULES_DEFAULT = 'Unallocated';

/** Team names as the rules give them: the display spelling. */
const TEAM: Record<TeamId, string> = {
  'ml-platform': TEAM_SPELLINGS['ml-platform'].display,
  'customer-support': TEAM_SPELLINGS['customer-support'].display,
  search: TEAM_SPELLINGS.search.display,
  growth: TEAM_SPELLINGS.growth.display,
  'data-science': TEAM_SPELLINGS['data-science'].display,
  'dev-productivity': TEAM_SPELLINGS['dev-productivity'].display,
};

/** Finance's cost centres, as the AWS owners tag them. */
const COST_CENTRE: Record<TeamId, string> = {
  'ml-platform': 'CC-1040',
  'customer-support': 'CC-2210',
  search: 'CC-1130',
  growth: 'CC-3300',
  'data-science': 'CC-1150',
  'dev-productivity': 'CC-1020',
};

const cond = (field: FieldRef, op: Condition['op'], value?: string | string[]): Condition =>
  Array.isArray(value) ? { field, op, values: value } : value === undefined ? { field, op } : { field, op, value };
const all = (...items: (Condition | ConditionGroup)[]): ConditionGroup => ({ join: 'and', items });

const squash = (s: string): string => s.toLowerCase().replace(/[\s_-]/g, '');

const literal = (value: string) => ({ kind: 'literal' as const, value });

/** One rule per spelling of the tag key owners used: the tag's value, normalized by the key. */
function tagRules(prefix: string, keys: readonly string[]): TagRule[] {
  return keys.map((k) => ({
    id: `${prefix}-tag-${k.toLowerCase()}${k === k.toLowerCase() ? '' : '-cased'}`,
    name: `Tag “${k}”`,
    when: all(cond(`tag:${k}`, 'isNotEmpty')),
    value: { kind: 'field', field: `tag:${k}` },
  }));
}

/** The OpenAI projects of the demo's company, by name, with the ids its bills show. */
function openAiProjects(opts: DemoFileOptions): Map<string, string> {
  const months = opts.months ?? 3;
  const first = addMonths(parseMonth(opts.endMonth), -(months - 1));
  // Ids are drawn before any usage from a stream of their own: the shape does not change them.
  const sim = simulateProvider(opts.seed, 'openai', daysOfMonths(first, months), months, { scale: 1, monthlyGrowth: 0.1 });
  const out = new Map<string, string>();
  for (const k of sim.keys) out.set(k.workload.project, k.project.subAccountId);
  return out;
}

function teamKey(projects: Map<string, string>): TagKeyDef {
  const project = (name: string, team: TeamId): TagRule => ({
    id: `team-openai-${name.toLowerCase().replaceAll(' ', '-')}`,
    name: `OpenAI project ${name}`,
    when: all(cond('ProviderName', 'equals', 'OpenAI'), cond('SubAccountId', 'equals', projects.get(name) ?? name)),
    value: literal(TEAM[team]),
  });
  return {
    key: 'team',
    defaultValue: DEMO_RULES_DEFAULT,
    rules: [
      ...tagRules('team', ['team', 'Team', 'owner-team', 'team_name']),
      {
        id: 'team-cost-centre',
        name: 'AWS cost centre tag',
        when: all(cond('tag:cost-center', 'regex', '^CC-\\d{4}$')),
        value: { kind: 'field', field: 'tag:cost-center' },
      },
      {
        id: 'team-key-support',
        name: 'Support API keys',
        when: all(cond('x_ApiKey', 'startsWith', 'support-')),
        value: literal(TEAM['customer-support']),
      },
      {
        id: 'team-key-code-review',
        name: 'Code review API keys',
        when: all(cond('x_ApiKey', 'startsWith', 'code-review-')),
        value: literal(TEAM['dev-productivity']),
      },
      {
        id: 'team-key-data-science',
        name: 'Notebook and extraction API keys',
        when: all(cond('x_ApiKey', 'regex', '^(ds-|doc-extract)')),
        value: literal(TEAM['data-science']),
      },
      {
        id: 'team-anthropic-code-review',
        name: 'Anthropic workspace Code Review',
        // Workspaces get renamed ("Code Review", "code_review"): compare without spaces and dashes.
        when: all(cond('ProviderName', 'equals', 'Anthropic'), cond('SubAccountName', 'flexible', 'code review')),
        value: literal(TEAM['dev-productivity']),
      },
      {
        id: 'team-anthropic-support',
        name: 'Anthropic workspace Support',
        when: all(cond('ProviderName', 'equals', 'Anthropic'), cond('SubAccountName', 'in', ['support', 'customer-support'])),
        value: literal(TEAM['customer-support']),
      },
      {
        id: 'team-anthropic-research',
        name: 'Anthropic workspace Research',
        when: all(cond('ProviderName', 'equals', 'Anthropic'), cond('SubAccountName', 'equals', 'research')),
        value: literal(TEAM['data-science']),
      },
      project('Support Assistant', 'customer-support'),
      project('Search', 'search'),
      project('Summarizer', 'growth'),
      project('Internal Tools', 'ml-platform'),
      {
        id: 'team-aws-account',
        name: 'AWS production accounts named after the team',
        when: all(cond('ProviderName', 'equals', 'AWS')),
        value: { kind: 'capture', field: 'SubAccountName', pattern: '^northwind-(?<team>search|growth)-prod$', template: '$<team>' },
      },
      {
        id: 'team-aws-ml-account',
        name: 'AWS account northwind-ml-prod',
        when: all(cond('ProviderName', 'equals', 'AWS'), cond('SubAccountName', 'equals', 'northwind-ml-prod')),
        value: literal(TEAM['data-science']),
      },
    ],
    // Flexible matching already makes "ML Platform", "ml-platform" and "MLPlatform" one; only
    // the spellings it cannot join ("DS", "growth-eng") and the cost centres need an alias.
    normalize: TEAM_IDS.map((t) => {
      const spellings = new Map<string, string>();
      for (const s of Object.values(TEAM_SPELLINGS[t])) if (squash(s) !== squash(TEAM[t]) && !spellings.has(squash(s))) spellings.set(squash(s), s);
      return { value: TEAM[t], aliases: [...spellings.values(), COST_CENTRE[t]] };
    }),
  };
}

const FEATURES = ['support-bot', 'search', 'summarizer', 'code-review', 'internal-chat', 'doc-extraction', 'content-gen', 'forecasting', 'experiments'];

function featureKey(projects: Map<string, string>): TagKeyDef {
  const project = (name: string, feature: string): TagRule => ({
    id: `feature-openai-${name.toLowerCase().replaceAll(' ', '-')}`,
    name: `OpenAI project ${name}`,
    when: all(cond('ProviderName', 'equals', 'OpenAI'), cond('SubAccountId', 'equals', projects.get(name) ?? name)),
    value: literal(feature),
  });
  const awsAccount = (name: string, feature: string): TagRule => ({
    id: `feature-aws-${name}`,
    name: `AWS account northwind-${name}`,
    when: all(cond('ProviderName', 'equals', 'AWS'), cond('SubAccountName', 'equals', `northwind-${name}`)),
    value: literal(feature),
  });
  return {
    key: 'feature',
    defaultValue: DEMO_RULES_DEFAULT,
    rules: [
      ...tagRules('feature', ['feature', 'Feature', 'app', 'application']),
      {
        id: 'feature-azure-resource',
        name: 'Azure OpenAI resource name',
        when: all(cond('ProviderName', 'equals', 'Microsoft')),
        value: { kind: 'capture', field: 'ResourceName', pattern: '^nw-aoai-(?<feature>[a-z-]+?)(?:-batch)?$', template: '$<feature>' },
      },
      {
        id: 'feature-api-key',
        name: 'API key name',
        when: all(cond('ProviderName', 'equals', 'Anthropic')),
        value: { kind: 'capture', field: 'x_ApiKey', pattern: '^(code-review|support|doc-extract|ds-notebooks)', template: '$1' },
      },
      project('Support Assistant', 'support-bot'),
      project('Search', 'search'),
      project('Summarizer', 'summarizer'),
      project('Internal Tools', 'internal-chat'),
      awsAccount('search-prod', 'search'),
      awsAccount('growth-prod', 'content-gen'),
      awsAccount('ml-prod', 'doc-extraction'),
      {
        id: 'feature-aws-sandbox',
        name: 'AWS sandbox account',
        when: all(cond('ProviderName', 'equals', 'AWS'), cond('SubAccountName', 'endsWith', '-sandbox')),
        value: literal('experiments'),
      },
    ],
    // Tags say "SupportBot", "support_bot" and "support-bot": flexible matching makes them one.
    normalize: FEATURES.map((f) => ({
      value: f,
      aliases: f === 'support-bot' ? ['support'] : f === 'doc-extraction' ? ['doc-extract', 'ds-notebooks'] : [],
    })),
  };
}

function environmentKey(): TagKeyDef {
  return {
    key: 'environment',
    defaultValue: DEMO_RULES_DEFAULT,
    rules: [
      ...tagRules('environment', ['env', 'Environment']),
      {
        id: 'environment-api-key',
        name: 'Environment in the API key name',
        when: all(cond('x_ApiKey', 'isNotEmpty')),
        value: { kind: 'capture', field: 'x_ApiKey', pattern: '(?:^|[-_])(prod|staging|stg|dev)(?:$|[-_])', template: '$1' },
      },
      {
        id: 'environment-account',
        name: 'Environment in the AWS account or Azure subscription name',
        when: all(cond('ProviderName', 'in', ['AWS', 'Microsoft'])),
        value: { kind: 'capture', field: 'SubAccountName', pattern: '-([Pp]rod|[Ss]taging|[Dd]ev|sandbox)$', template: '$1' },
      },
      {
        id: 'environment-customer-features',
        name: 'Customer-facing and pipeline features run in production',
        when: all(cond('vtag:feature', 'in', ['support-bot', 'search', 'summarizer', 'code-review', 'doc-extraction', 'content-gen'])),
        value: literal('production'),
      },
    ],
    normalize: [
      { value: 'production', aliases: ['prod', 'prd', 'live'] },
      { value: 'staging', aliases: ['stg', 'stage'] },
      { value: 'development', aliases: ['dev', 'sandbox'] },
    ],
  };
}

export function demoAllocationRules(opts: DemoFileOptions): AllocationRuleSet {
  const projects = openAiProjects(opts);
  const headcount: Record<TeamId, string> = {
    'ml-platform': '10',
    'customer-support': '30',
    search: '15',
    growth: '20',
    'data-science': '12.5',
    'dev-productivity': '12.5',
  };
  return {
    format: 'costbook-allocation',
    version: 1,
    keys: [teamKey(projects), featureKey(projects), environmentKey()],
    splits: [
      {
        id: 'split-azure-untagged',
        name: 'Untagged Azure OpenAI by tokens',
        key: 'team',
        pool: all(cond('vtag:team', 'equals', DEMO_RULES_DEFAULT), cond('ProviderName', 'equals', 'Microsoft')),
        targets: [],
        method: 'usage',
        usage: 'tokens',
        period: 'month',
        noWeight: 'even',
      },
      {
        id: 'split-internal-assistant',
        name: 'Company assistant by headcount',
        key: 'team',
        pool: all(cond('vtag:team', 'equals', TEAM['ml-platform']), cond('vtag:feature', 'equals', 'internal-chat')),
        targets: TEAM_IDS.map((t) => TEAM[t]),
        method: 'fixed',
        percentages: Object.fromEntries(TEAM_IDS.map((t) => [TEAM[t], headcount[t]])),
        period: 'month',
        noWeight: 'even',
      },
    ],
  };
}

/**
 * Saves the demo rules in a workspace that has none yet (rules an analyst saved are never
 * replaced), as one history entry that says what it is rather than listing every rule added.
 * Returns null when the workspace already had rules.
 */
export function saveDemoRules(ws: Workspace, clock: Clock, opts: DemoFileOptions): StoredRuleSet | null {
  if (loadRuleSet(ws).version > 0) return null;
  const saved = saveRuleSet(ws, clock, demoAllocationRules(opts));
  ws.db.run('UPDATE allocation_history SET changes = ? WHERE version = ?', [JSON.stringify(['Demo rules']), saved.version]);
  return saved;
}
