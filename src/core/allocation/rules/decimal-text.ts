/**
 * Exact decimal text for rule conditions and split percentages. Conditions compare money such as
 * "0.000001" against "0.0000010", so numbers are compared digit by digit, never as floats.
 */

/** A decimal as digits: `int` without leading zeros, `frac` without trailing zeros; zero is never negative. */
export type DecimalText = { neg: boolean; int: string; frac: string };

const ZERO = 48;
const NINE = 57;

/**
 * Parses "12", "-0.5", "+.25", "3." (surrounding whitespace allowed). Thousands separators,
 * exponents, currency signs and anything else give null: "1,000" is not a number.
 */
export function parseDecimalText(text: string): DecimalText | null {
  const s = text.trim();
  let i = 0;
  const n = s.length;
  let neg = false;
  if (n > 0 && (s.charCodeAt(0) === 45 || s.charCodeAt(0) === 43)) {
    neg = s.charCodeAt(0) === 45;
    i = 1;
  }
  const intStart = i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  const intEnd = i;
  let fracStart = i;
  let fracEnd = i;
  if (i < n && s.charCodeAt(i) === 46) {
    fracStart = ++i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    fracEnd = i;
  }
  if (i !== n || (intEnd === intStart && fracEnd === fracStart)) return null;
  let a = intStart;
  while (a < intEnd && s.charCodeAt(a) === ZERO) a++;
  let b = fracEnd;
  while (b > fracStart && s.charCodeAt(b - 1) === ZERO) b--;
  const int = s.slice(a, intEnd);
  const frac = s.slice(fracStart, b);
  return { neg: neg && (int !== '' || frac !== ''), int, frac };
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareDecimal(a: DecimalText, b: DecimalText): number {
  if (a.neg !== b.neg) return a.neg ? -1 : 1;
  const mag = compareMagnitude(a, b);
  return a.neg ? -mag : mag;
}

function compareMagnitude(a: DecimalText, b: DecimalText): number {
  if (a.int.length !== b.int.length) return a.int.length < b.int.length ? -1 : 1;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  // Without trailing zeros, fraction digits order as text does: "5" > "45" as 0.5 > 0.45.
  if (a.frac === b.frac) return 0;
  return a.frac < b.frac ? -1 : 1;
}

/** A non-negative decimal as an integer count of 10^-scale units: "33.333" is 33333 at scale 3. */
export type ScaledDecimal = { units: bigint; scale: number };

export function toScaled(d: DecimalText): ScaledDecimal {
  return { units: BigInt((d.neg ? '-' : '') + (d.int + d.frac || '0')), scale: d.frac.length };
}

export function rescale(d: ScaledDecimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

/** Decimal text of units at a scale: 99999 at scale 3 is "99.999". */
export function formatScaled(units: bigint, scale: number): string {
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? '.' + frac : ''}`;
}
