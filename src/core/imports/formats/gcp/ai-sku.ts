import { ownString } from '../../../db/strings';
/**
 * Vertex AI / Gemini SKU descriptions to model, token class and tier (formats.md §4.3). Google
 * encodes the token taxonomy in the SKU: "Gemini 2.5 Flash GA Text Input - Predictions",
 * "Gemini 3 Flash Text Output - Predictions", "Gemini 2.5 Flash GA Thinking Text Output",
 * "Gemini 3 Flash Text Input Caching" (cached read), "... Caching Storage" (storage hours),
 * "Gemini 2.5 Flash Text Input - Batch Predictions", "Gemini 3.5 Flash text input, flex",
 * "Cloud Vertex AI Model Garden Model as a Service Gemma-4 Input Token".
 *
 * The model is the words before the first classifier word, lower-cased and joined with "-"
 * (gemini-2.5-flash, gemini-2.0-flash-lite, gemma-4), which is how Vertex names the models.
 */

export type GoogleTokenClass = 'input' | 'output' | 'cached_read' | 'reasoning';
export type GoogleTier = 'standard' | 'batch' | 'flex' | 'priority';

export type GoogleAiSku = {
  model: string | null;
  /** Null for SKUs that bill no tokens in one direction (cache storage, grounding, tuning). */
  tokenClass: GoogleTokenClass | null;
  tier: GoogleTier | null;
  /** Cache storage is billed by time: its usage is never tokens. */
  storage: boolean;
};

const AI_SERVICE = /^(vertex ai|gemini api|generative language api)\b/i;
const MODEL_GARDEN = /^.*\bmodel as a service\s+/i;
/** Words that end the model name; everything after them classifies the SKU. */
const STOP = new Set([
  'input', 'output', 'text', 'image', 'images', 'video', 'audio', 'cached', 'cache', 'caching', 'context', 'batch', 'flex',
  'priority', 'predictions', 'prediction', 'token', 'tokens', 'character', 'characters', 'long', 'short', 'ga', 'global',
  'regional', 'thinking', 'reasoning', 'storage', 'provisioned', 'throughput', 'tuning', 'training', 'online', 'grounding',
  'and', 'with', 'for', 'multimodal', '-',
]);

export function isGoogleAiLine(service: string | null, sku: string | null): boolean {
  return (service !== null && AI_SERVICE.test(service)) || (sku !== null && /^gemini\b/i.test(sku));
}

const cache = new Map<string, GoogleAiSku>();

export function parseGoogleAiSku(description: string): GoogleAiSku {
  let hit = cache.get(description);
  if (hit === undefined) {
    hit = parseUncached(description);
    if (cache.size > 10_000) cache.clear();
    cache.set(ownString(description), hit);
  }
  return hit;
}

function parseUncached(description: string): GoogleAiSku {
  const words = description
    .replace(MODEL_GARDEN, '')
    .replace(/[,()]/g, ' ')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  const has = (w: string): boolean => words.includes(w);
  const modelParts: string[] = [];
  for (const w of words) {
    if (STOP.has(w)) break;
    modelParts.push(w);
  }
  const storage = has('storage');
  const cached = has('cached') || has('caching') || (has('cache') && !has('context'));
  const input = has('input');
  const output = has('output');
  let tokenClass: GoogleTokenClass | null = null;
  if (storage) tokenClass = null;
  else if (output) tokenClass = has('thinking') || has('reasoning') ? 'reasoning' : 'output';
  else if (cached) tokenClass = 'cached_read';
  else if (input) tokenClass = 'input';
  let tier: GoogleTier | null = null;
  if (tokenClass !== null && !(has('provisioned') && has('throughput'))) {
    tier = has('batch') ? 'batch' : has('flex') ? 'flex' : has('priority') ? 'priority' : 'standard';
  }
  return { model: modelParts.length ? modelParts.join('-') : null, tokenClass, tier, storage };
}

/** How many tokens one usage unit is; null for units that are not tokens (characters, hours, bytes). */
export function tokensPerUnit(unit: string): number | null {
  const u = unit.trim().toLowerCase().replace(/[{}\s]/g, '');
  // "count" is the unit Google's catalog gives token SKUs; the export's spelling is unverified.
  if (u === 'token' || u === 'tokens' || u === 'count') return 1;
  if (u === 'ktoken' || u === 'ktokens' || u === '1000tokens' || u === '1ktokens') return 1000;
  if (u === 'mtoken' || u === 'mtokens' || u === '1000000tokens' || u === '1mtokens') return 1_000_000;
  return null;
}

const CHARACTERS = /^(k\{?)?(char|chars|character|characters)\}?$|^1000\s*characters$/i;

export type AiFieldsNote = 'characters' | 'unit' | null;

/**
 * Fills ServiceCategory, x_Model, x_TokenClass, x_ServiceTier and tokens of a Vertex AI / Gemini
 * line. Tokens come from the usage amount when its unit counts tokens; Gemini 1.x billed per
 * character: those rows keep the characters as ConsumedQuantity and have no token count.
 * Returns what the caller should mention in its warnings.
 */
export function setGoogleAiFields(
  d: { tokens: number | null; setText(column: 'ServiceCategory' | 'x_Model' | 'x_TokenClass' | 'x_ServiceTier', value: string | null): void },
  service: string | null,
  sku: string | null,
  amount: number | null,
  unit: string | null,
): AiFieldsNote {
  if (!isGoogleAiLine(service, sku)) return null;
  d.setText('ServiceCategory', 'AI and Machine Learning');
  if (sku === null) return null;
  const parsed = parseGoogleAiSku(sku);
  const perUnit = unit === null ? null : tokensPerUnit(unit);
  // A combined "caching storage and cached input" SKU bills tokens when its unit counts them.
  const tokenClass = parsed.storage && perUnit !== null && /\bcached\s+input\b/i.test(sku) ? 'cached_read' : parsed.tokenClass;
  if (tokenClass === null && !parsed.storage) return null;
  d.setText('x_Model', parsed.model);
  d.setText('x_TokenClass', tokenClass);
  d.setText('x_ServiceTier', tokenClass === null ? null : parsed.tier ?? 'standard');
  if (tokenClass === null || amount === null) return null;
  if (perUnit !== null) {
    d.tokens = Math.round(amount * perUnit);
    return null;
  }
  return unit !== null && CHARACTERS.test(unit.trim()) ? 'characters' : 'unit';
}
