/**
 * Northwind Labs, the demo company: who spends on which provider, for what, through which keys.
 * Amounts are weekday spend in USD at the start of the range; the simulation adds growth, weekends,
 * noise and spikes. Around $1,000 a weekday gives roughly $75k–$100k over three months.
 */
import type { ServiceTier } from './focus-csv';
import type { ProviderId } from './model-prices';

export type TeamId =
  | 'ml-platform'
  | 'customer-support'
  | 'search'
  | 'growth'
  | 'data-science'
  | 'dev-productivity';

export const TEAM_IDS: readonly TeamId[] = [
  'ml-platform',
  'customer-support',
  'search',
  'growth',
  'data-science',
  'dev-productivity',
];

/** Token mix per uncached input token; promptTokens turns token counts into request counts. */
export type TokenProfile = {
  output: number;
  cachedRead?: number;
  cacheWrite?: number;
  reasoning?: number;
  promptTokens: number;
};

export type ModelUse = { model: string; share: number; profile: TokenProfile };

export type KeySpec = {
  name: string;
  /**
   * Fraction of the workload's spend while active. Not renormalised over active keys, so a rotated
   * key hands its slot to its successor instead of inflating its siblings.
   */
  share: number;
  customer?: string;
  user?: string;
  env?: 'staging';
  /** Console / Workbench usage: the provider reports no key id, only the person. */
  noKey?: boolean;
  /** Called through the company's LiteLLM proxy, which logs each request (a usage source). */
  proxied?: boolean;
  /** Active window as fractions of the range: key rotations and late launches. */
  from?: number;
  to?: number;
};

export type Spike = { month: 'middle' | 'last'; days: number; factor: number; key: string };

export type Workload = {
  provider: ProviderId;
  /** OpenAI project, Anthropic workspace, Azure deployment, AWS account. */
  project: string;
  team: TeamId;
  feature: string;
  dailyUsd: number;
  weekend: number;
  tier?: ServiceTier;
  region?: string;
  /** Azure data-zone deployments cost 10% more than global ones. */
  dataZone?: boolean;
  from?: number;
  /** Spend nobody owns (legacy keys, sandboxes) is the first to be left untagged. */
  untidy?: boolean;
  keys: readonly KeySpec[];
  models: readonly ModelUse[];
  spike?: Spike;
};

const chat: TokenProfile = { cachedRead: 1, output: 0.2, promptTokens: 3000 };
const triage: TokenProfile = { cachedRead: 0.5, output: 0.05, promptTokens: 1500 };
const rewrite: TokenProfile = { cachedRead: 0.4, output: 0.1, promptTokens: 800 };
const embed: TokenProfile = { output: 0, promptTokens: 400 };
const summarize: TokenProfile = { cachedRead: 0.1, output: 0.06, promptTokens: 8000 };
const assistant: TokenProfile = { cachedRead: 0.5, output: 0.35, promptTokens: 2500 };
const reasoning: TokenProfile = { cachedRead: 0.3, output: 0.3, reasoning: 1.2, promptTokens: 2000 };
// The internal assistant sends tool definitions, retrieved documents and the conversation each
// turn: long prompts, mostly a cached prefix.
const agent: TokenProfile = { cachedRead: 4, output: 0.12, promptTokens: 40_000 };
const agentReasoning: TokenProfile = { cachedRead: 3, output: 0.15, reasoning: 0.8, promptTokens: 30_000 };
const codeReview: TokenProfile = { cachedRead: 6, cacheWrite: 0.8, output: 0.25, promptTokens: 40_000 };
const escalation: TokenProfile = { cachedRead: 2, cacheWrite: 0.3, output: 0.3, promptTokens: 6000 };
const classify: TokenProfile = { cachedRead: 0.6, cacheWrite: 0.05, output: 0.02, promptTokens: 1200 };
const notebook: TokenProfile = { cachedRead: 2, cacheWrite: 0.5, output: 0.4, promptTokens: 12_000 };
const extract: TokenProfile = { cachedRead: 0.5, cacheWrite: 0.05, output: 0.15, promptTokens: 9000 };
const plain: TokenProfile = { output: 0.4, promptTokens: 1500 };
const cachedPlain: TokenProfile = { cachedRead: 0.3, output: 0.25, promptTokens: 2000 };

const openai: Workload[] = [
  {
    provider: 'openai',
    project: 'Support Assistant',
    team: 'customer-support',
    feature: 'support-bot',
    dailyUsd: 150,
    weekend: 0.7,
    models: [
      { model: 'gpt-4o-2024-08-06', share: 0.75, profile: chat },
      { model: 'gpt-4o-mini-2024-07-18', share: 0.25, profile: triage },
    ],
    keys: [
      // The prod key was rotated mid-range: one slot, two key ids.
      { name: 'support-bot-prod', share: 0.4, to: 0.55 },
      { name: 'support-bot-prod-2', share: 0.4, from: 0.55 },
      { name: 'support-bot-acme', share: 0.12, customer: 'acme-corp' },
      { name: 'support-bot-globex', share: 0.08, customer: 'globex' },
    ],
  },
  {
    provider: 'openai',
    project: 'Support Assistant',
    team: 'customer-support',
    feature: 'support-bot',
    dailyUsd: 25,
    weekend: 0.6,
    tier: 'priority',
    from: 0.3,
    models: [{ model: 'gpt-4.1-2025-04-14', share: 1, profile: chat }],
    keys: [{ name: 'support-bot-initech', share: 1, customer: 'initech' }],
  },
  {
    provider: 'openai',
    project: 'Search',
    team: 'search',
    feature: 'search',
    dailyUsd: 60,
    weekend: 0.8,
    models: [
      { model: 'gpt-4o-mini-2024-07-18', share: 0.5, profile: rewrite },
      { model: 'text-embedding-3-small', share: 0.15, profile: embed },
      { model: 'gpt-4.1-mini-2025-04-14', share: 0.35, profile: rewrite },
    ],
    keys: [
      { name: 'search-api-prod', share: 0.7 },
      { name: 'search-indexer', share: 0.3 },
    ],
  },
  {
    provider: 'openai',
    project: 'Summarizer',
    team: 'growth',
    feature: 'summarizer',
    dailyUsd: 70,
    weekend: 0.5,
    models: [{ model: 'gpt-4.1-mini-2025-04-14', share: 1, profile: summarize }],
    keys: [
      { name: 'summarizer-prod', share: 0.85 },
      { name: 'summarizer-staging', share: 0.15, env: 'staging' },
    ],
  },
  {
    provider: 'openai',
    project: 'Summarizer',
    team: 'growth',
    feature: 'summarizer',
    dailyUsd: 45,
    weekend: 1,
    tier: 'batch',
    models: [{ model: 'gpt-4.1-2025-04-14', share: 1, profile: summarize }],
    keys: [{ name: 'summarizer-nightly', share: 1 }],
    // A backfill of the archive through the Batch API.
    spike: { month: 'last', days: 3, factor: 4, key: 'summarizer-nightly' },
  },
  {
    provider: 'openai',
    project: 'Internal Tools',
    team: 'ml-platform',
    feature: 'internal-chat',
    dailyUsd: 55,
    weekend: 0.2,
    models: [
      { model: 'gpt-4.1-2025-04-14', share: 0.6, profile: agent },
      { model: 'o3-mini-2025-01-31', share: 0.4, profile: agentReasoning },
    ],
    keys: [
      { name: 'internal-chat-slack', share: 0.7, proxied: true },
      { name: 'eval-harness', share: 0.2, proxied: true },
      { name: 'jane-laptop', share: 0.1, user: 'jane.doe@northwind.example' },
    ],
  },
  {
    provider: 'openai',
    project: 'Default project',
    team: 'ml-platform',
    feature: 'internal-chat',
    dailyUsd: 12,
    weekend: 0.5,
    untidy: true,
    models: [{ model: 'gpt-4o-2024-08-06', share: 1, profile: assistant }],
    keys: [{ name: 'legacy-key-2024', share: 1 }],
  },
];

const anthropic: Workload[] = [
  {
    provider: 'anthropic',
    project: 'code-review',
    team: 'dev-productivity',
    feature: 'code-review',
    dailyUsd: 130,
    weekend: 0.2,
    models: [{ model: 'claude-sonnet-4-20250514', share: 1, profile: codeReview }],
    keys: [
      { name: 'code-review-ci', share: 0.7 },
      { name: 'code-review-ide', share: 0.3 },
    ],
    // A CI retry loop re-reviewing the same pull requests.
    spike: { month: 'middle', days: 2, factor: 5, key: 'code-review-ci' },
  },
  {
    provider: 'anthropic',
    project: 'support',
    team: 'customer-support',
    feature: 'support-bot',
    dailyUsd: 75,
    weekend: 0.7,
    models: [
      { model: 'claude-sonnet-4-20250514', share: 0.7, profile: escalation },
      { model: 'claude-3-5-haiku-20241022', share: 0.3, profile: classify },
    ],
    keys: [
      { name: 'support-escalation', share: 0.6 },
      { name: 'support-classifier', share: 0.25 },
      { name: 'support-escalation-umbrella', share: 0.15, customer: 'umbrella' },
    ],
  },
  {
    provider: 'anthropic',
    project: 'research',
    team: 'data-science',
    feature: 'doc-extraction',
    dailyUsd: 45,
    weekend: 0.3,
    models: [
      { model: 'claude-opus-4-20250514', share: 0.5, profile: notebook },
      { model: 'claude-3-5-haiku-20241022', share: 0.5, profile: extract },
    ],
    keys: [
      { name: 'ds-notebooks', share: 0.6 },
      { name: 'doc-extract', share: 0.4 },
    ],
  },
  {
    provider: 'anthropic',
    project: 'research',
    team: 'data-science',
    feature: 'doc-extraction',
    dailyUsd: 30,
    weekend: 1,
    tier: 'batch',
    models: [{ model: 'claude-3-5-haiku-20241022', share: 1, profile: extract }],
    keys: [{ name: 'doc-extract-batch', share: 1 }],
  },
  {
    provider: 'anthropic',
    project: 'Default',
    team: 'ml-platform',
    feature: 'internal-chat',
    dailyUsd: 15,
    weekend: 0.3,
    untidy: true,
    models: [{ model: 'claude-sonnet-4-20250514', share: 1, profile: assistant }],
    keys: [{ name: 'Claude Console', share: 1, user: 'sam.lee@northwind.example', noKey: true }],
  },
];

const azure: Workload[] = [
  {
    provider: 'azure',
    project: 'gpt-4o-support-eu',
    team: 'customer-support',
    feature: 'support-bot',
    dailyUsd: 55,
    weekend: 0.7,
    region: 'swedencentral',
    dataZone: true,
    models: [{ model: 'gpt-4o', share: 1, profile: chat }],
    keys: [
      { name: 'key1', share: 0.8 },
      { name: 'key2', share: 0.2 },
    ],
  },
  {
    provider: 'azure',
    project: 'gpt-4o-mini-search',
    team: 'search',
    feature: 'search',
    dailyUsd: 35,
    weekend: 0.8,
    region: 'eastus2',
    models: [{ model: 'gpt-4o-mini', share: 1, profile: rewrite }],
    keys: [
      { name: 'key1', share: 0.5 },
      { name: 'mi-search-api', share: 0.5 },
    ],
  },
  {
    provider: 'azure',
    project: 'gpt-4.1-internal',
    team: 'ml-platform',
    feature: 'internal-chat',
    dailyUsd: 40,
    weekend: 0.2,
    region: 'eastus2',
    models: [{ model: 'gpt-4.1', share: 1, profile: agent }],
    keys: [{ name: 'mi-copilot-gateway', share: 1, proxied: true }],
  },
  {
    provider: 'azure',
    project: 'o3-mini-forecast',
    team: 'data-science',
    feature: 'forecasting',
    dailyUsd: 30,
    weekend: 0.4,
    region: 'eastus2',
    from: 0.34,
    untidy: true,
    models: [{ model: 'o3-mini', share: 1, profile: reasoning }],
    keys: [{ name: 'key1', share: 1 }],
  },
  {
    provider: 'azure',
    project: 'gpt-4o-mini-batch',
    team: 'growth',
    feature: 'summarizer',
    dailyUsd: 20,
    weekend: 1,
    region: 'eastus2',
    tier: 'batch',
    models: [{ model: 'gpt-4o-mini', share: 1, profile: summarize }],
    keys: [{ name: 'mi-summarizer-batch', share: 1 }],
  },
];

const aws: Workload[] = [
  {
    provider: 'aws',
    project: 'ml-prod',
    team: 'data-science',
    feature: 'doc-extraction',
    dailyUsd: 45,
    weekend: 0.5,
    region: 'us-east-1',
    models: [{ model: 'anthropic.claude-sonnet-4-20250514-v1:0', share: 1, profile: extract }],
    keys: [{ name: 'role/doc-extract-worker', share: 1 }],
  },
  {
    provider: 'aws',
    project: 'growth-prod',
    team: 'growth',
    feature: 'content-gen',
    dailyUsd: 30,
    weekend: 0.6,
    region: 'us-east-1',
    models: [
      { model: 'anthropic.claude-3-5-haiku-20241022-v1:0', share: 0.6, profile: escalation },
      { model: 'meta.llama3-3-70b-instruct-v1:0', share: 0.4, profile: plain },
    ],
    keys: [
      { name: 'role/content-gen-lambda', share: 0.7 },
      { name: 'user/marketing-ops', share: 0.3 },
    ],
  },
  {
    provider: 'aws',
    project: 'search-prod',
    team: 'search',
    feature: 'search',
    dailyUsd: 25,
    weekend: 0.9,
    region: 'us-west-2',
    models: [
      { model: 'amazon.nova-lite-v1:0', share: 0.4, profile: cachedPlain },
      { model: 'amazon.nova-pro-v1:0', share: 0.6, profile: cachedPlain },
    ],
    keys: [{ name: 'role/search-ranker', share: 1 }],
  },
  {
    provider: 'aws',
    project: 'sandbox',
    team: 'ml-platform',
    feature: 'experiments',
    dailyUsd: 15,
    weekend: 0.1,
    region: 'us-east-1',
    untidy: true,
    models: [
      { model: 'anthropic.claude-sonnet-4-20250514-v1:0', share: 0.5, profile: extract },
      { model: 'amazon.nova-pro-v1:0', share: 0.5, profile: cachedPlain },
    ],
    keys: [
      { name: 'user/alex.kim', share: 0.5, user: 'alex.kim@northwind.example' },
      { name: 'user/priya.n', share: 0.5, user: 'priya.n@northwind.example' },
    ],
  },
];

export const DEMO_WORKLOADS: Record<ProviderId, readonly Workload[]> = { openai, anthropic, azure, aws };

export const DEMO_PROVIDERS: readonly ProviderId[] = ['openai', 'anthropic', 'azure', 'aws'];
