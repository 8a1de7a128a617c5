/**
 * Exact decimal text for the generators. Kept apart from the engine's money module on purpose:
 * tests check the engine's parsing against what the generator wrote, so the two must not share code.
 *
 * Scales used by the generators:
 *   unit prices  scale 4   ($ per 1M tokens × 1e4, every published AI price fits)
 *   costs        scale 10  (tokens × price(scale 4) / 1e6 lands exactly on 10 decimals)
 *   quantities   scale 6   (tokens / 1e6 = PricingQuantity in "1M Tokens")
 */

export const PRICE_SCALE = 4;
export const COST_SCALE = 10;
export const MTOK_SCALE = 6;

/** value / 10^scale as plain decimal text, trailing zeros trimmed: (12500n, 4) -> "1.25". */
export function formatScaled(value: bigint, scale: number): string {
  return value < 0n ? '-' + placePoint((-value).toString(), scale) : placePoint(value.toString(), scale);
}

/**
 * The same for a Number that holds an integer. The benchmark uses this to avoid BigInt per row;
 * beyond 2^53 a Number no longer holds every integer, so that is refused rather than misprinted.
 */
export function formatScaledInt(value: number, scale: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  return value < 0 ? '-' + placePoint(String(-value), scale) : placePoint(String(value), scale);
}

/**
 * Decimal text with at least `min` decimals: exporters that print money as "0.50" or rates as
 * "0.0000030000" pad; the value is unchanged.
 */
export function padDecimals(text: string, min: number): string {
  const dot = text.indexOf('.');
  const have = dot < 0 ? 0 : text.length - dot - 1;
  if (have >= min) return text;
  return (dot < 0 ? text + '.' : text) + '0'.repeat(min - have);
}

function placePoint(digits: string, scale: number): string {
  if (scale === 0) return digits;
  const padded = digits.length <= scale ? '0'.repeat(scale + 1 - digits.length) + digits : digits;
  const cut = padded.length - scale;
  let end = padded.length;
  while (end > cut && padded.charCodeAt(end - 1) === 48 /* '0' */) end--;
  return end === cut ? padded.slice(0, cut) : padded.slice(0, cut) + '.' + padded.slice(cut, end);
}

/**
 * "0.075" -> 750 at scale 4. For the generators' own price tables, so a price with more decimals
 * than the scale is a bug in the table and throws instead of being rounded silently.
 */
export function parseScaled(text: string, scale: number): number {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) throw new RangeError(`not a plain decimal: ${text}`);
  const frac = m[2] ?? '';
  if (frac.length > scale) throw new RangeError(`${text} has more than ${scale} decimals`);
  const value = Number(m[1] + frac.padEnd(scale, '0'));
  if (!Number.isSafeInteger(value)) throw new RangeError(`too large: ${text}`);
  return value;
}

/** n / d rounded half away from zero (d > 0). For invoice-level amounts such as tax in cents. */
export function roundDivide(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (2n * (r < 0n ? -r : r) < d) return q;
  return n < 0n ? q - 1n : q + 1n;
}

/** price(scale 4) × permille / 1000, rounded half up: derived prices (batch, discounts) stay at scale 4. */
export function scalePrice(priceE4: number, permille: number): number {
  return Math.floor((priceE4 * permille + 500) / 1000);
}
