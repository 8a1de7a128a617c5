/**
 * Messy tags on purpose. Real organisations tag by hand, per tool, per year: "team": "ML Platform"
 * next to "Team": "MLPlatform" and "owner-team": "ml-platform". The demo must give allocation rules
 * that kind of work, with a house style per provider and a minority of owners who do their own thing.
 */
import type { TeamId } from './demo-company';
import type { ProviderId } from './model-prices';
import type { Rng } from './random';

type TeamSpelling = 'display' | 'kebab' | 'pascal' | 'short';
type FeatureSpelling = 'kebab' | 'pascal' | 'snake';

export type TagStyle = {
  teamKey: string;
  team: TeamSpelling;
  featureKey: string;
  feature: FeatureSpelling;
  customerKey: string;
  envKey: string;
  /** Only an environment tag: tagged, yet no team to allocate to. */
  envOnly?: boolean;
  costCenter?: boolean;
};

export const TEAM_SPELLINGS: Record<TeamId, Record<TeamSpelling, string>> = {
  'ml-platform': { display: 'ML Platform', kebab: 'ml-platform', pascal: 'MLPlatform', short: 'mlplatform' },
  'customer-support': {
    display: 'Customer Support',
    kebab: 'customer-support',
    pascal: 'CustomerSupport',
    short: 'Support',
  },
  search: { display: 'Search', kebab: 'search', pascal: 'Search', short: 'search-team' },
  growth: { display: 'Growth', kebab: 'growth', pascal: 'Growth', short: 'growth-eng' },
  'data-science': { display: 'Data Science', kebab: 'data-science', pascal: 'DataScience', short: 'DS' },
  'dev-productivity': {
    display: 'Developer Productivity',
    kebab: 'dev-productivity',
    pascal: 'DevProductivity',
    short: 'DevProd',
  },
};

const COST_CENTERS: Record<TeamId, string> = {
  'ml-platform': 'CC-1040',
  'customer-support': 'CC-2210',
  search: 'CC-1130',
  growth: 'CC-3300',
  'data-science': 'CC-1150',
  'dev-productivity': 'CC-1020',
};

const HOUSE_STYLE: Record<ProviderId, TagStyle> = {
  openai: {
    teamKey: 'team',
    team: 'kebab',
    featureKey: 'feature',
    feature: 'kebab',
    customerKey: 'customer',
    envKey: 'env',
  },
  anthropic: {
    teamKey: 'team',
    team: 'display',
    featureKey: 'app',
    feature: 'kebab',
    customerKey: 'customer',
    envKey: 'env',
  },
  azure: {
    teamKey: 'Team',
    team: 'pascal',
    featureKey: 'Feature',
    feature: 'pascal',
    customerKey: 'Customer',
    envKey: 'Environment',
  },
  aws: {
    teamKey: 'team',
    team: 'display',
    featureKey: 'app',
    feature: 'snake',
    customerKey: 'tenant',
    envKey: 'env',
    costCenter: true,
  },
};

const TEAM_KEYS = ['team', 'Team', 'owner-team', 'team_name'];
const FEATURE_KEYS = ['feature', 'Feature', 'app', 'application'];
const TEAM_VARIANTS: readonly TeamSpelling[] = ['display', 'kebab', 'pascal', 'short'];
const FEATURE_VARIANTS: readonly FeatureSpelling[] = ['kebab', 'pascal', 'snake'];

/** The provider's house style, or with some odds an owner's own variation of it. */
export function pickTagStyle(rng: Rng, provider: ProviderId): TagStyle {
  const style = { ...HOUSE_STYLE[provider] };
  if (rng.chance(0.3)) style.teamKey = rng.pick(TEAM_KEYS);
  if (rng.chance(0.3)) style.team = rng.pick(TEAM_VARIANTS);
  if (rng.chance(0.2)) style.featureKey = rng.pick(FEATURE_KEYS);
  if (rng.chance(0.2)) style.feature = rng.pick(FEATURE_VARIANTS);
  if (rng.chance(0.07)) style.envOnly = true;
  return style;
}

export function spellFeature(feature: string, spelling: FeatureSpelling): string {
  if (spelling === 'snake') return feature.replaceAll('-', '_');
  if (spelling === 'kebab') return feature;
  return feature
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

export type TagSubject = { team: TeamId; feature?: string; customer?: string; env?: 'staging' };

/**
 * The tags an owner set, in their spelling. Key order is fixed so the same seed writes the same
 * bytes; each export then prints them its own way (JSON, EA's braceless pairs, "key:value" lists).
 */
export function tagRecord(style: TagStyle, subject: TagSubject): Record<string, string> {
  const prod = style.envKey === 'Environment' ? 'Production' : 'prod';
  const tags: Record<string, string> = {};
  if (!style.envOnly) {
    tags[style.teamKey] = TEAM_SPELLINGS[subject.team][style.team];
    if (subject.feature !== undefined) tags[style.featureKey] = spellFeature(subject.feature, style.feature);
    if (subject.customer !== undefined) tags[style.customerKey] = subject.customer;
    if (style.costCenter) tags['cost-center'] = COST_CENTERS[subject.team];
  }
  tags[style.envKey] = subject.env ?? prod;
  return tags;
}

/** Tags as a FOCUS JSON object. */
export function tagsJson(style: TagStyle, subject: TagSubject): string {
  return JSON.stringify(tagRecord(style, subject));
}
