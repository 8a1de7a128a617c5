import { ownString } from '../../../db/strings';
import { decimalProduct } from './decimal-product';

/**
 * Azure OpenAI / Foundry meter names (formats.md §3.4). Microsoft spells them differently per
 * model generation: "gpt-4o-0806-Inp-glbl Tokens", "gpt 4o 0513 Input global Tokens",
 * "gpt 4.1 mini cached Inp glbl", "gpt-4-8K-Batch-Inp-glbl Tokens", "GPT 5 Inpt Glbl",
 * "Provisioned Managed Global Unit". The rule:
 *
 * - x_Model is the words before the first classifier word, lower-cased and joined with "-",
 *   without the four-digit snapshot ("0806"): gpt-4o, gpt-4.1-mini, gpt-5, gpt-4-8k. The meter
 *   has the snapshot's month and day but not its year, so it is not turned into a dated model id;
 *   the full meter name stays in SkuMeter. Context-size markers (8K) stay: Azure prices them apart.
 * - x_TokenClass: Inp/Input/Inpt → input, Outp/Output/Out → output, cached (with input) →
 *   cached_read. A token meter that names no direction (embeddings) bills input tokens.
 * - x_ServiceTier: Batch → batch, otherwise standard; PTU meters have none.
 * - "Provisioned Managed" meters are PTU capacity hours: no model, no token class, no tokens.
 */

export type AzureTokenClass = 'input' | 'output' | 'cached_read';

export type AzureAiMeter = {
  model: string | null;
  tokenClass: AzureTokenClass | null;
  tier: 'standard' | 'batch' | null;
  /** PTU capacity (hours), not tokens. */
  provisioned: boolean;
};

const DIRECTION: ReadonlyMap<string, 'input' | 'output'> = new Map([
  ['inp', 'input'],
  ['input', 'input'],
  ['inpt', 'input'],
  ['outp', 'output'],
  ['output', 'output'],
  ['out', 'output'],
  ['outpt', 'output'],
]);
const CACHED = new Set(['cached', 'cache', 'cchd']);
/** Deployment scope (global, regional, data zone): not part of the model. */
const SCOPE = new Set(['glbl', 'global', 'gl', 'regnl', 'regional', 'rgnl', 'dzone', 'dz', 'datazone']);
/** Modality abbreviations; the full words (audio, text, image) occur inside model names. */
const MODALITY = new Set(['aud', 'txt', 'img']);
const OTHER = new Set(['tokens', 'token', 'batch', 'ptu']);
const SNAPSHOT = /^\d{4}$/;
const PROVISIONED = /\bprovisioned\s+managed\b/i;

const cache = new Map<string, AzureAiMeter>();

export function parseAzureAiMeter(name: string): AzureAiMeter {
  let hit = cache.get(name);
  if (hit === undefined) {
    hit = parseUncached(name);
    if (cache.size > 10_000) cache.clear();
    cache.set(ownString(name), hit);
  }
  return hit;
}

function parseUncached(name: string): AzureAiMeter {
  if (PROVISIONED.test(name)) return { model: null, tokenClass: null, tier: null, provisioned: true };
  const modelParts: string[] = [];
  let stopped = false;
  let direction: 'input' | 'output' | null = null;
  let cached = false;
  let batch = false;
  let ptu = false;
  let tokens = false;
  for (const word of name.trim().toLowerCase().split(/[\s-]+/)) {
    if (word === '') continue;
    const dir = DIRECTION.get(word);
    if (dir !== undefined) direction ??= dir;
    if (CACHED.has(word)) cached = true;
    if (word === 'batch') batch = true;
    if (word === 'ptu') ptu = true;
    if (word === 'tokens' || word === 'token') tokens = true;
    const classifier = dir !== undefined || CACHED.has(word) || SCOPE.has(word) || MODALITY.has(word) || OTHER.has(word);
    if (classifier) stopped = true;
    else if (!stopped && !(SNAPSHOT.test(word) && modelParts.length > 0)) modelParts.push(word);
  }
  let tokenClass: AzureTokenClass | null = null;
  if (cached && direction !== 'output') tokenClass = 'cached_read';
  else if (direction !== null) tokenClass = direction;
  else if (tokens) tokenClass = 'input';
  return {
    model: modelParts.length ? modelParts.join('-') : null,
    tokenClass,
    tier: tokenClass === null || ptu ? null : batch ? 'batch' : 'standard',
    provisioned: false,
  };
}

const TOKEN_UNIT = /^(\d+(?:\.\d+)?)?\s*([kKmM])?\s*(tokens?)?$/i;

/**
 * Tokens in one unit of an Azure UnitOfMeasure, as decimal text: "1K" → 1000, "1M" → 1000000,
 * "10K" → 10000, "1000 Tokens" → 1000, "Tokens" → 1. Null for units that are not a count
 * ("1 Hour", "1/Month"). Quantity is in these blocks (EA sample: Quantity × UnitPrice = Cost).
 */
export function tokenBlockSize(unit: string): string | null {
  const t = unit.trim();
  const m = TOKEN_UNIT.exec(t);
  if (t === '' || m === null) return null;
  const [, count, suffix, word] = m;
  if (count === undefined && suffix === undefined && word === undefined) return null;
  const scale = suffix === undefined ? '1' : /k/i.test(suffix) ? '1000' : '1000000';
  return decimalProduct(count ?? '1', scale);
}
