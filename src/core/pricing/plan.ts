import type { PriceMeter, PriceOverride, PricingStatus } from '../../shared/contract';
import { discounted, perToken, type PerToken } from './cost';
import { overrideFor } from './overrides';
import { catalogProvider } from './providers';
import type { Coordinate, PriceBook } from './resolve';
import { TIERS, TOKEN_METERS, type PriceRecord, type Tier } from './types';

/** How every charge of one combination of billing strings, token class, tier and day is priced. */
export type Plan = {
  status: PricingStatus;
  /** The record or override used; for an unpriced combination, why. */
  ref: string;
  model: string | null;
  perToken: PerToken | null;
};

/** The raw strings a charge keeps, as the bill wrote them (importers only normalise x_Model). */
export type RawStrings = { provider: string | null; skuMeter: string | null; model: string | null; description: string | null };

type Resolved = { provider: string; model: string; coordinate: Coordinate } | { reason: string };

const CLASS_METER: Record<string, PriceMeter> = {
  input: 'input',
  output: 'output',
  cached_read: 'cachedInput',
  cache_write: 'cacheWrite',
  reasoning: 'reasoning',
};
/** The 1-hour cache write, as Anthropic's exports and the Admin API name its meter. */
const ONE_HOUR = /(?:^|[^0-9])1h(?:$|[^a-z0-9])|1[-_ ]hour/i;

const isTier = (t: string): t is Tier => (TIERS as readonly string[]).includes(t);
const isMeter = (m: string): m is PriceMeter => (TOKEN_METERS as readonly string[]).includes(m);

export const recordRef = (provider: string, model: string, r: PriceRecord): string => `${provider}/${model}@${r.from} ${r.tier} ${r.scope}`;

/**
 * Resolves a model from the bill's own strings, most specific first: SkuMeter (Azure meter name,
 * Bedrock usage type, Vertex SKU, OpenAI line item: they also say meter, tier and scope), then
 * x_Model (the model column, snapshot ids such as claude-sonnet-4-5-20250929), then
 * ChargeDescription. The first that names exactly one model wins.
 */
export function resolveRaw(book: PriceBook, raw: RawStrings): Resolved {
  const provider = catalogProvider(book, raw.provider);
  if (provider === null) return { reason: `the catalog has no price list for the seller "${raw.provider ?? '(none)'}"` };
  let ambiguous: string | null = null;
  for (const text of [raw.skuMeter, raw.model, raw.description]) {
    if (text === null) continue;
    const r = book.resolveModel(text, provider);
    if (r.status === 'matched') return { provider, model: r.model, coordinate: r.coordinate };
    if (r.status === 'ambiguous' && ambiguous === null) {
      ambiguous = `"${text}" could be ${[...new Set(r.candidates.map((c) => c.model))].join(' or ')} at ${provider}`;
    }
  }
  return { reason: ambiguous ?? `no catalog model at ${provider} matches "${raw.model ?? raw.skuMeter ?? raw.description ?? ''}"` };
}

/** The catalog meter of a token class; the bill's own meter (from its alias) wins when it says one. */
export function meterOf(tokenClass: string, coordinate: Coordinate, raw: RawStrings): PriceMeter | null {
  if (coordinate.meter !== undefined && isMeter(coordinate.meter)) return coordinate.meter;
  const meter = CLASS_METER[tokenClass];
  if (meter === 'cacheWrite' && [raw.skuMeter, raw.description].some((t) => t !== null && ONE_HOUR.test(t))) return 'cacheWrite1h';
  return meter ?? null;
}

function noPriceReason(book: PriceBook, provider: string, model: string, tier: string, day: string): string {
  const same = book.records(provider, model).filter((r) => r.tier === tier && r.unit === '1M tokens');
  if (same.length === 0) return `${provider} lists no ${tier} price for ${model}`;
  const first = same.reduce((a, r) => (r.from < a ? r.from : a), same[0].from);
  if (day < first) return `${provider} lists no ${tier} price for ${model} before ${first}`;
  return `${provider} lists no ${tier} price for ${model} in this scope on that day`;
}

/**
 * Prices one combination. Overrides win over the catalog within their dates: explicit rates
 * replace the catalog rate (and price days the catalog has none for), a discount applies to it.
 * A day with no valid record stays unpriced: a later price is never used for an earlier day.
 * Long-context records are not chosen: rows are daily or per-request totals whose request sizes
 * are unknown, so the base record prices them (the report's reasons say so where it matters).
 */
export function planFor(
  book: PriceBook,
  overrides: PriceOverride[],
  resolved: Resolved,
  raw: RawStrings,
  tokenClass: string,
  rowTier: string | null,
  day: string,
): Plan {
  if ('reason' in resolved) return { status: 'unmatched', ref: resolved.reason, model: null, perToken: null };
  const { provider, model, coordinate } = resolved;
  const meter = meterOf(tokenClass, coordinate, raw);
  if (meter === null) return { status: 'no-rate', ref: `the token class "${tokenClass}" has no catalog meter`, model, perToken: null };
  const tier = rowTier ?? coordinate.tier ?? 'standard';
  const override = overrideFor(overrides, provider, model, meter, day);
  if (override?.kind === 'rates') {
    const rate = override.rates?.[meter] ?? '';
    return { status: 'override', ref: `override #${override.id}: ${meter} ${rate} per 1M tokens`, model, perToken: perToken(rate) };
  }
  const record = isTier(tier) ? book.priceAt(provider, model, day, { tier, scope: coordinate.scope }) : null;
  if (record === null) return { status: 'no-price-at-date', ref: noPriceReason(book, provider, model, tier, day), model, perToken: null };
  // Thinking tokens are billed as output wherever the list has no meter of their own.
  const rate = record.rates[meter] ?? (meter === 'reasoning' ? record.rates.output : undefined);
  const ref = recordRef(provider, model, record);
  if (rate === undefined) return { status: 'no-rate', ref: `${ref} has no ${meter} rate`, model, perToken: null };
  const base = perToken(rate);
  if (override !== null && base !== null) {
    return { status: 'override', ref: `override #${override.id}: ${override.discountPercent ?? '0'}% off ${ref}`, model, perToken: discounted(base, override.discountPercent ?? '0') };
  }
  return { status: 'priced', ref, model, perToken: base };
}
