/**
 * Amazon Bedrock usage types in the Cost and Usage Report (formats.md §2.4). Each token type is
 * its own line item, told by the usage type's suffix:
 *
 *   USE1-Claude4.6Sonnet-input-tokens           input
 *   USW2-Claude3Haiku-output-tokens             output
 *   USE1-NovaPro-mantle-input-tokens-<tail>     input ("mantle" form)
 *   USE1-Claude3Sonnet-cache-read-input-token-count   cached_read
 *   USE1-Claude3Sonnet-cache-write-input-token-count  cache_write
 *
 * The prefix is the region code and the middle the model. AWS says service tier, batch and
 * cross-region inference are "reflected in the usage type" without naming the words, so the
 * markers read here (batch, priority, flex, CrossRegion, Global) are an informed reading, not a
 * documented grammar; what is left after removing them is the model.
 */

export type TokenClass = 'input' | 'output' | 'cached_read' | 'cache_write';
export type ServiceTier = 'standard' | 'batch' | 'priority' | 'flex';

export type BedrockUsage = {
  /** Readable model id, e.g. "claude-3-sonnet"; null when the usage type names none. */
  model: string | null;
  tokenClass: TokenClass | null;
  /** Null for lines that are not on-demand tokens (provisioned throughput, other features). */
  tier: ServiceTier | null;
  /** Provisioned throughput (model units billed by the hour): never tokens. */
  provisioned: boolean;
};

const REGION_PREFIX = /^[A-Z]{2,4}\d{0,2}-/;

/** Suffixes in the order they must be tried: the cache forms also contain "input". */
const TOKEN_SUFFIXES: [RegExp, TokenClass][] = [
  [/-cache-read-input-token-count(?:-(.*))?$/i, 'cached_read'],
  [/-cache-write-input-token-count(?:-(.*))?$/i, 'cache_write'],
  [/-(?:mantle-)?input-tokens?(?:-(.*))?$/i, 'input'],
  [/-(?:mantle-)?output-tokens?(?:-(.*))?$/i, 'output'],
];

const TIER_WORDS: Record<string, ServiceTier> = { batch: 'batch', priority: 'priority', flex: 'flex', standard: 'standard' };
const ROUTING_WORD = /^(?:cross-?region(?:al)?|global|geo|cris|inference-?profile)$/i;
const GLUED_ROUTING = /^cross-?region(?:al)?(?:global)?-?/i;
const PROVISIONED_WORD = /^(?:provisioned(?:-?throughput)?|throughput|model-?units?|mu|pt|no-?commit(?:ment)?|\d+-?months?(?:-?commit(?:ment)?)?|commit(?:ment)?|hours?|hrs?)$/i;
const PROVISIONED_HINT = /provisioned|model-?units?/i;

/** "Claude4.6Sonnet" -> "claude-4.6-sonnet", "Llama3-70B" -> "llama-3-70b", "Mistral7BInstruct" -> "mistral-7b-instruct". */
export function readableModelId(name: string): string {
  return name
    .trim()
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/([a-z])(\d)/g, '$1-$2')
    .replace(/(\d)([A-Z][a-z])/g, '$1-$2')
    .replace(/[\s_:/]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

/** Splits the model part into words, moving tier and routing markers out of it. */
function modelAndTier(middle: string, tail: string): { model: string | null; tier: ServiceTier } {
  let tier: ServiceTier = 'standard';
  const words: string[] = [];
  for (const w of middle.replace(GLUED_ROUTING, '').split('-')) {
    const t = TIER_WORDS[w.toLowerCase()];
    if (t !== undefined) tier = t;
    else if (w !== '' && !ROUTING_WORD.test(w)) words.push(w);
  }
  for (const w of tail.split('-')) {
    const t = TIER_WORDS[w.toLowerCase()];
    if (t !== undefined) tier = t;
  }
  return { model: words.length ? readableModelId(words.join('-')) : null, tier };
}

/** Reads a Bedrock usage type; null when it is neither a token line nor provisioned throughput. */
export function parseBedrockUsageType(usageType: string): BedrockUsage | null {
  const rest = usageType.trim().replace(REGION_PREFIX, '');
  for (const [re, tokenClass] of TOKEN_SUFFIXES) {
    const m = re.exec(rest);
    if (m === null) continue;
    const { model, tier } = modelAndTier(rest.slice(0, m.index), m[1] ?? '');
    return { model, tokenClass, tier, provisioned: false };
  }
  if (PROVISIONED_HINT.test(rest)) {
    const words = rest.replace(GLUED_ROUTING, '').split('-').filter((w) => w !== '' && !PROVISIONED_WORD.test(w) && !ROUTING_WORD.test(w));
    return { model: words.length ? readableModelId(words.join('-')) : null, tokenClass: null, tier: null, provisioned: true };
  }
  return null;
}

const MARKETPLACE_EDITION = /\s*\(Amazon Bedrock Edition\)\s*$/i;

/**
 * Third-party models once sold through AWS Marketplace: product name "Claude 3 Sonnet (Amazon
 * Bedrock Edition)" and usage types such as "USE1-MP:USE1_InputTokenCount-Units". Neither form
 * is confirmed by a sample (formats.md §2.4 marks it unverified), so only that shape is read.
 */
export function parseMarketplaceBedrock(usageType: string, productName: string | null): BedrockUsage | null {
  if (productName === null || !MARKETPLACE_EDITION.test(productName)) return null;
  const model = readableModelId(productName.replace(MARKETPLACE_EDITION, ''));
  const tokenClass: TokenClass | null = /input_?token/i.test(usageType) ? 'input' : /output_?token/i.test(usageType) ? 'output' : null;
  return { model, tokenClass, tier: tokenClass === null ? null : 'standard', provisioned: false };
}

const TOKEN_UNIT = /^(?:(\d+)\s*([km])?\s+)?tokens?$/i;
const COUNT_UNIT = /^(?:units?|count|requests?)?$/i;

/**
 * Tokens per unit of usage amount. Bedrock CUR lines have been seen with unit "Units" and
 * per-token rates, so a plain count unit means tokens; "1K tokens" and "1M tokens" scale.
 * Null for units that are not token counts (hours, images).
 */
export function tokensPerUnit(unit: string | null): { perUnit: number; explicit: boolean } | null {
  const u = (unit ?? '').trim();
  const m = TOKEN_UNIT.exec(u);
  if (m !== null) {
    const scale = m[2] === undefined ? 1 : m[2].toLowerCase() === 'k' ? 1000 : 1_000_000;
    return { perUnit: Number(m[1] ?? 1) * scale, explicit: true };
  }
  return COUNT_UNIT.test(u) ? { perUnit: 1, explicit: false } : null;
}

/** Per-token prices stay below $0.0002 (i.e. $200 per million); a higher rate per "unit" hints at 1K-token units. */
export const PER_TOKEN_RATE_CEILING = 0.0002;
