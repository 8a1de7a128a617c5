/**
 * Exact shares of an amount: the largest-remainder method at the picodollar. Every share is the
 * exact proportional amount rounded down or up by one picodollar, and the shares always sum to
 * the amount, so an allocated workbook reconciles to the invoice. Presentation rounding to a
 * currency's minor unit uses the same method over groups.
 */

/**
 * Shares of `amount` in proportion to `weights` (non-negative; their sum must be positive).
 * The picodollars left after rounding down go to the largest remainders; equal remainders go to
 * the smaller key (or, without keys, the earlier position), so the result does not depend on the
 * order the targets come in. A negative amount is split as its magnitude, then negated: credits
 * split the same way as charges. A zero weight always gets zero.
 */
export function largestRemainder(amount: bigint, weights: readonly bigint[], keys?: readonly string[]): bigint[] {
  const n = weights.length;
  const out = new Array<bigint>(n).fill(0n);
  if (amount === 0n || n === 0) return out;
  let total = 0n;
  for (const w of weights) total += w;
  if (total <= 0n) throw new Error('Shares need at least one positive weight.');
  const negative = amount < 0n;
  const mag = negative ? -amount : amount;
  const m = Number(mag);
  const t = Number(total);
  // Products below 2^53: the same arithmetic in doubles is exact, and allocates no BigInt.
  if ((m + 1) * t < SAFE) return smallShares(m, t, weights, keys, negative, out);
  const rems: bigint[] = new Array<bigint>(n);
  let given = 0n;
  for (let i = 0; i < n; i++) {
    const p = mag * weights[i];
    const base = p / total;
    out[i] = base;
    rems[i] = p - base * total;
    given += base;
  }
  let left = Number(mag - given);
  if (left > 0) {
    const order: number[] = [];
    for (let i = 0; i < n; i++) if (rems[i] > 0n) order.push(i);
    order.sort((a, b) => {
      if (rems[a] !== rems[b]) return rems[a] > rems[b] ? -1 : 1;
      if (keys === undefined) return a - b;
      return keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b;
    });
    for (let k = 0; left > 0; k++, left--) out[order[k]] += 1n;
  }
  if (negative) for (let i = 0; i < n; i++) out[i] = -out[i];
  return out;
}

/** 2^53: integers below it are exact doubles. */
const SAFE = 9_007_199_254_740_992;

/**
 * `largestRemainder` when (magnitude + 1) × total weight < 2^53: every product magnitude × weight,
 * remainder and share is then an exact double, and a quotient p / total that is not an integer
 * lies at least 1 / total from the integers around it, more than half a rounding step there, so
 * flooring the rounded quotient gives the exact share. The shares are the same, without BigInts.
 */
function smallShares(mag: number, total: number, weights: readonly bigint[], keys: readonly string[] | undefined, negative: boolean, out: bigint[]): bigint[] {
  const n = weights.length;
  const base = new Array<number>(n);
  const rems = new Array<number>(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const p = mag * Number(weights[i]);
    const b = Math.floor(p / total);
    base[i] = b;
    rems[i] = p - b * total;
    given += b;
  }
  let left = mag - given;
  if (left > 0) {
    const order: number[] = [];
    for (let i = 0; i < n; i++) if (rems[i] > 0) order.push(i);
    order.sort((a, b) => {
      if (rems[a] !== rems[b]) return rems[a] > rems[b] ? -1 : 1;
      if (keys === undefined) return a - b;
      return keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b;
    });
    for (let k = 0; left > 0; k++, left--) base[order[k]] += 1;
  }
  for (let i = 0; i < n; i++) out[i] = BigInt(negative ? -base[i] : base[i]);
  return out;
}

/** ⌊a / unit⌋ for any sign (BigInt division truncates toward zero). */
export function floorDiv(a: bigint, unit: bigint): bigint {
  const q = a / unit;
  return q * unit > a ? q - 1n : q;
}

/** `a` rounded to a multiple of `unit`, half to even (banker's rounding, as accounting totals are). */
export function roundHalfEven(a: bigint, unit: bigint): bigint {
  const q = floorDiv(a, unit);
  const twice = 2n * (a - q * unit);
  if (twice > unit || (twice === unit && q % 2n !== 0n)) return (q + 1n) * unit;
  return q * unit;
}

/**
 * Amounts rounded to multiples of `unit` so that they sum exactly to the rounded total: each is
 * rounded down, then the units still missing go to the largest remainders (ties: smaller key).
 */
export function roundToUnit(amounts: readonly bigint[], unit: bigint, keys: readonly string[]): bigint[] {
  let total = 0n;
  let floors = 0n;
  const out: bigint[] = [];
  const rems: bigint[] = [];
  for (const a of amounts) {
    const f = floorDiv(a, unit) * unit;
    out.push(f);
    rems.push(a - f);
    total += a;
    floors += f;
  }
  let missing = Number((roundHalfEven(total, unit) - floors) / unit);
  if (missing > 0) {
    const order = amounts.map((_, i) => i).sort((a, b) => {
      if (rems[a] !== rems[b]) return rems[a] > rems[b] ? -1 : 1;
      return keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b;
    });
    for (let k = 0; missing > 0; k++, missing--) out[order[k]] += unit;
  }
  return out;
}

const SIGNIFICANT = 12;
const MAX_MANTISSA = 10n ** BigInt(SIGNIFICANT - 1);

/**
 * `part / whole` as decimal text, exact when it ends within 12 significant digits, otherwise
 * rounded half-up to 12: "0.25", "0.333333333333". For display and the allocation trail; the
 * money itself is split exactly.
 */
export function ratioText(part: bigint, whole: bigint): string {
  if (whole === 0n || part === 0n) return '0';
  const negative = part < 0n !== whole < 0n;
  const p = part < 0n ? -part : part;
  const w = whole < 0n ? -whole : whole;
  let places = 0;
  let scaled = p;
  let n = scaled / w;
  // Scale until the quotient has 12 digits or the division is exact.
  while (n < MAX_MANTISSA && scaled % w !== 0n) {
    places++;
    scaled *= 10n;
    n = scaled / w;
  }
  if (2n * (scaled - n * w) >= w) n += 1n;
  let digits = n.toString();
  if (places > 0) {
    digits = digits.padStart(places + 1, '0');
    const int = digits.slice(0, digits.length - places);
    const frac = digits.slice(digits.length - places).replace(/0+$/, '');
    digits = frac ? `${int}.${frac}` : int;
  }
  return negative ? `-${digits}` : digits;
}
