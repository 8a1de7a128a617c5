import type { PriceMeter, PriceOverride, PriceScope, PriceTier, PricingRun, PricingStatus } from '../../../shared/contract';
import { formatCount } from '../../format';

/** Catalog meters in reading order, with the words an analyst uses. */
export const METERS: PriceMeter[] = ['input', 'cachedInput', 'cacheWrite', 'cacheWrite1h', 'output', 'reasoning'];

export const METER_LABELS: Record<PriceMeter, string> = {
  input: 'Input',
  cachedInput: 'Cached read',
  cacheWrite: 'Cache write',
  cacheWrite1h: 'Cache write 1 h',
  output: 'Output',
  reasoning: 'Reasoning',
};

/** Chart colours per meter: inputs in blues, outputs warm. */
export const METER_COLORS: Record<PriceMeter, string> = {
  input: '#1f4f7a',
  cachedInput: '#4aa3b5',
  cacheWrite: '#8a5a9e',
  cacheWrite1h: '#5c6bc0',
  output: '#d08a2e',
  reasoning: '#c0504d',
};

export const TIER_LABELS: Record<PriceTier, string> = { standard: 'Standard', batch: 'Batch', priority: 'Priority', flex: 'Flex' };
export const SCOPE_LABELS: Record<PriceScope, string> = { global: 'Global', 'data-zone': 'Data zone', regional: 'Regional' };

export const STATUS_LABELS: Record<Exclude<PricingStatus, 'priced' | 'override' | 'not-tokens'>, string> = {
  unmatched: 'No catalog model',
  'no-price-at-date': 'No price on its dates',
  'no-rate': 'Meter not priced',
};

export function meterLabel(m: string): string {
  const known = METERS.find((x) => x === m);
  return known === undefined ? m : METER_LABELS[known];
}

/** "https://www.anthropic.com/pricing#api" -> "anthropic.com/pricing#api": short enough for a table cell. */
export function sourceText(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/$/, '');
}

export function formatTokens(n: number): string {
  return formatCount(n);
}

/** "1.2B", "345M": token counts in narrow places; the exact count goes in a title. */
export function formatTokensShort(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toFixed(abs >= 1e11 ? 0 : 1)}B`;
  if (abs >= 1e6) return `${(n / 1e6).toFixed(abs >= 1e8 ? 0 : 1)}M`;
  if (abs >= 1e4) return `${(n / 1e3).toFixed(0)}k`;
  return formatCount(n);
}

/** Share of a whole as "42.3 %", from token counts (display only). */
export function shareText(part: number, whole: number): string {
  if (whole <= 0) return '–';
  return `${((part / whole) * 100).toFixed(1)} %`;
}

/** What an override does, in one line. */
export function overridePriceText(o: PriceOverride): string {
  if (o.kind === 'discount') return `${o.discountPercent ?? '0'} % off the catalog`;
  const rates = Object.entries(o.rates ?? {}).map(([m, r]) => `${meterLabel(m)} ${r}`);
  return `${rates.join(', ')} per 1M tokens`;
}

export function validityText(from: string, to: string | null): string {
  return to === null ? `from ${from}` : `${from} to ${to} (excl.)`;
}

/** What a re-pricing did, as a sentence. */
export function runText(run: PricingRun): string {
  const parts = [`${formatCount(run.priced)} at catalog prices`, `${formatCount(run.override)} with an override`, `${formatCount(run.unpriced)} unpriced`];
  return `Re-priced ${formatCount(run.tokenRows)} token rows: ${parts.join(', ')}.`;
}
