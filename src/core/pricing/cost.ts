import { parseDecimal } from '../money/decimal';

/**
 * Exact cost arithmetic. A rate is decimal USD per 1M tokens; the cost of one token is kept as
 * the fraction num/den picodollars, so a discount of any decimal percent stays exact and the
 * cost of a charge is rounded once, to the picodollar (half away from zero).
 */
export type PerToken = { num: bigint; den: bigint };

const PER_MILLION = 1_000_000n;
const HUNDRED_PICO = 100n * 10n ** 12n; // 100 % in the picounits parseDecimal gives

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

function reduced(num: bigint, den: bigint): PerToken {
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

/** Per-token cost of a rate in USD per 1M tokens; null when the text is not a plain decimal. */
export function perToken(rate: string): PerToken | null {
  const pico = parseDecimal(rate);
  return pico === null ? null : reduced(pico, PER_MILLION);
}

/** The per-token cost after a discount of `percent` (decimal text, 0–100). */
export function discounted(p: PerToken, percent: string): PerToken | null {
  const off = parseDecimal(percent);
  if (off === null) return null;
  return reduced(p.num * (HUNDRED_PICO - off), p.den * HUNDRED_PICO);
}

/** tokens × per-token cost, rounded half away from zero to the picodollar. */
export function costOf(tokens: bigint, p: PerToken): bigint {
  const n = tokens * p.num;
  const neg = n < 0n;
  const mag = neg ? -n : n;
  const q = (mag * 2n + p.den) / (2n * p.den);
  return neg ? -q : q;
}

/**
 * The whole picodollars of one token when the cost is whole and small enough (≤ 1e9, i.e. at
 * most $1,000 per 1M tokens) for SQLite to multiply by any token count without leaving int64;
 * null when the rows must be priced one by one.
 */
export function wholePicoPerToken(p: PerToken): number | null {
  return p.den === 1n && p.num >= 0n && p.num <= 1_000_000_000n ? Number(p.num) : null;
}
