/**
 * List prices the generators bill at, in $ per 1M tokens. Taken from the providers' public price
 * pages as mirrored by pydantic/genai-prices (2026-08 snapshot); a demo only needs them realistic,
 * the real catalog lives in pricing/.
 */
import { parseScaled, PRICE_SCALE, scalePrice } from './decimal-text';
import type { ServiceTier, TokenClass } from './focus-csv';

export type ProviderId = 'openai' | 'anthropic' | 'azure' | 'aws';

/** A value per provider, built without casting a partial object. */
export function byProvider<T>(make: (p: ProviderId) => T): Record<ProviderId, T> {
  return { openai: make('openai'), anthropic: make('anthropic'), azure: make('azure'), aws: make('aws') };
}

type PricedClass = Exclude<TokenClass, 'reasoning'>;

export type DemoModel = {
  /** As the provider reports it in usage (x_Model). Native ids on purpose: aliasing is the app's job. */
  id: string;
  label: string;
  publisher: string;
  /** How billing meters spell the model: Azure "gpt-4o-1120", AWS usage type "Claude4Sonnet". */
  meterStem: string;
  /** Scale-4 prices ($ per 1M × 1e4); a missing class is not sold for this model. */
  prices: Partial<Record<PricedClass, number>>;
};

type PriceText = { input: string; output?: string; cached_read?: string; cache_write?: string };

function model(id: string, label: string, publisher: string, meterStem: string, p: PriceText): DemoModel {
  const prices: Partial<Record<PricedClass, number>> = {};
  for (const [k, v] of Object.entries(p) as [PricedClass, string | undefined][]) {
    if (v !== undefined) prices[k] = parseScaled(v, PRICE_SCALE);
  }
  return { id, label, publisher, meterStem, prices };
}

const gpt4o = { input: '2.5', cached_read: '1.25', output: '10' };
const gpt4oMini = { input: '0.15', cached_read: '0.075', output: '0.6' };
const gpt41 = { input: '2', cached_read: '0.5', output: '8' };
const gpt41Mini = { input: '0.4', cached_read: '0.1', output: '1.6' };
const o3Mini = { input: '1.1', cached_read: '0.55', output: '4.4' };
const sonnet4 = { input: '3', cache_write: '3.75', cached_read: '0.3', output: '15' };
const haiku35 = { input: '0.8', cache_write: '1', cached_read: '0.08', output: '4' };

export const DEMO_MODELS: Record<ProviderId, readonly DemoModel[]> = {
  openai: [
    model('gpt-4o-2024-08-06', 'GPT-4o', 'OpenAI', 'gpt-4o-2024-08-06', gpt4o),
    model('gpt-4o-mini-2024-07-18', 'GPT-4o mini', 'OpenAI', 'gpt-4o-mini-2024-07-18', gpt4oMini),
    model('gpt-4.1-2025-04-14', 'GPT-4.1', 'OpenAI', 'gpt-4.1-2025-04-14', gpt41),
    model('gpt-4.1-mini-2025-04-14', 'GPT-4.1 mini', 'OpenAI', 'gpt-4.1-mini-2025-04-14', gpt41Mini),
    model('gpt-4.1-nano-2025-04-14', 'GPT-4.1 nano', 'OpenAI', 'gpt-4.1-nano-2025-04-14', {
      input: '0.1',
      cached_read: '0.025',
      output: '0.4',
    }),
    model('o3-mini-2025-01-31', 'o3-mini', 'OpenAI', 'o3-mini-2025-01-31', o3Mini),
    model('o4-mini-2025-04-16', 'o4-mini', 'OpenAI', 'o4-mini-2025-04-16', {
      input: '1.1',
      cached_read: '0.275',
      output: '4.4',
    }),
    model('text-embedding-3-small', 'text-embedding-3-small', 'OpenAI', 'text-embedding-3-small', {
      input: '0.02',
    }),
  ],
  anthropic: [
    model('claude-sonnet-4-20250514', 'Claude Sonnet 4', 'Anthropic', 'claude-sonnet-4', sonnet4),
    model('claude-3-5-haiku-20241022', 'Claude Haiku 3.5', 'Anthropic', 'claude-3-5-haiku', haiku35),
    model('claude-opus-4-20250514', 'Claude Opus 4', 'Anthropic', 'claude-opus-4', {
      input: '15',
      cache_write: '18.75',
      cached_read: '1.5',
      output: '75',
    }),
    model('claude-sonnet-4-5-20250929', 'Claude Sonnet 4.5', 'Anthropic', 'claude-sonnet-4-5', sonnet4),
    model('claude-haiku-4-5-20251001', 'Claude Haiku 4.5', 'Anthropic', 'claude-haiku-4-5', {
      input: '1',
      cache_write: '1.25',
      cached_read: '0.1',
      output: '5',
    }),
  ],
  azure: [
    model('gpt-4o', 'GPT-4o', 'Microsoft', 'gpt-4o-1120', gpt4o),
    model('gpt-4o-mini', 'GPT-4o mini', 'Microsoft', 'gpt-4o-mini-0718', gpt4oMini),
    model('gpt-4.1', 'GPT-4.1', 'Microsoft', 'gpt 4.1', gpt41),
    model('gpt-4.1-mini', 'GPT-4.1 mini', 'Microsoft', 'gpt 4.1 mini', gpt41Mini),
    model('o3-mini', 'o3-mini', 'Microsoft', 'o3 mini 0131', o3Mini),
  ],
  aws: [
    model('anthropic.claude-sonnet-4-20250514-v1:0', 'Claude Sonnet 4', 'Anthropic', 'Claude4Sonnet', sonnet4),
    model('anthropic.claude-3-5-haiku-20241022-v1:0', 'Claude 3.5 Haiku', 'Anthropic', 'Claude3.5Haiku', haiku35),
    model('amazon.nova-pro-v1:0', 'Amazon Nova Pro', 'Amazon', 'NovaPro', {
      input: '0.8',
      cached_read: '0.2',
      output: '3.2',
    }),
    model('amazon.nova-lite-v1:0', 'Amazon Nova Lite', 'Amazon', 'NovaLite', {
      input: '0.06',
      cached_read: '0.015',
      output: '0.24',
    }),
    // Nova Micro's cache-read price ($0.00875) needs five decimals; the demo simply doesn't cache on it.
    model('amazon.nova-micro-v1:0', 'Amazon Nova Micro', 'Amazon', 'NovaMicro', { input: '0.035', output: '0.14' }),
    model('meta.llama3-3-70b-instruct-v1:0', 'Llama 3.3 70B Instruct', 'Meta', 'Llama3.3-70B', {
      input: '0.72',
      output: '0.72',
    }),
  ],
};

export function findModel(provider: ProviderId, id: string): DemoModel {
  const found = DEMO_MODELS[provider].find((m) => m.id === id);
  if (found === undefined) throw new RangeError(`no demo price for ${provider} ${id}`);
  return found;
}

/** Batch is half price at every provider here; priority is OpenAI's 1.75× for the GPT-4.1 family. */
const TIER_PERMILLE: Record<ServiceTier, number> = { standard: 1000, batch: 500, priority: 1750 };

/**
 * Scale-4 unit price for one token class, or undefined when the model doesn't sell it. Reasoning
 * tokens are billed as output. `upliftPermille` covers data-zone / regional premiums (1100 = +10%).
 */
export function unitPriceE4(
  m: DemoModel,
  tokenClass: TokenClass,
  tier: ServiceTier,
  upliftPermille = 1000,
): number | undefined {
  const base = m.prices[tokenClass === 'reasoning' ? 'output' : tokenClass];
  if (base === undefined) return undefined;
  return scalePrice(scalePrice(base, TIER_PERMILLE[tier]), upliftPermille);
}
