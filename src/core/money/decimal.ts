/**
 * Exact money. An amount is kept as an integer number of picodollars (1e-12 of the currency unit)
 * split into two SQLite integers so that SQL SUM() stays exact and cannot overflow:
 *
 *   value × 1e12 = hi × 1e9 + lo,   0 ≤ lo < 1e9   (hi is in thousandths of the unit)
 *
 * SUM(lo) only overflows int64 past 9e9 rows and SUM(hi) past 9e12 units, far beyond a workspace.
 * Real bills carry up to 11 decimals (FOCUS sample); digits past the 12th are rounded half-up.
 * One amount may have at most 12 integer digits (under a trillion), so hi stays exact in a JS number.
 */

declare const picoBrand: unique symbol;
/** An exact amount in picodollars (1e-12 of the currency unit). */
export type Pico = bigint & { readonly [picoBrand]: true };

export type SplitAmount = { hi: number; lo: number };

export const SCALE_DIGITS = 12;
const LO_MOD = 1_000_000_000;
const LO_MOD_BIG = 1_000_000_000n;
const PICO_PER_UNIT = 10n ** 12n;
export const MAX_INT_DIGITS = 12;

const PLAIN = /^([+-]?)(\d*)(?:\.(\d*))?$/;
const EXPONENT = /^([+-]?)(\d*)(?:\.(\d*))?[eE]([+-]?\d{1,3})$/;

/** Powers of ten for padding a fraction's digit groups. */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * Parses a decimal string into hi/lo without BigInt on the common path. Returns null when the
 * text is not a plain decimal number (no thousands separators, currency symbols or spaces).
 * Plain text of up to 12 integer digits is read in one pass over its characters; anything else
 * (exponents, longer numbers, invalid text) goes through the regular expressions.
 */
export function parseDecimalSplit(text: string): SplitAmount | null {
  const n = text.length;
  let i = 0;
  const c = text.charCodeAt(0);
  const negative = c === 45; // -
  if (negative || c === 43) i = 1; // +
  let intPart = 0;
  let intDigits = 0; // significant ones: leading zeros do not count
  let digits = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    digits++;
    if (intDigits > 0 || d !== 0) {
      if (++intDigits > MAX_INT_DIGITS) return parseDecimalSplitSlow(text);
      intPart = intPart * 10 + d;
    }
  }
  let fracHi = 0; // the first 3 fraction digits
  let fracLo = 0; // the next 9
  let fracDigits = 0;
  let roundUp = false;
  if (i < n && text.charCodeAt(i) === 46) {
    for (i++; i < n; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      digits++;
      if (fracDigits < 3) fracHi = fracHi * 10 + d;
      else if (fracDigits < SCALE_DIGITS) fracLo = fracLo * 10 + d;
      else if (fracDigits === SCALE_DIGITS) roundUp = d >= 5;
      fracDigits++;
    }
  }
  if (i < n || digits === 0) return parseDecimalSplitSlow(text);
  if (fracDigits < 3) fracHi *= POW10[3 - fracDigits];
  if (fracDigits < SCALE_DIGITS) fracLo *= POW10[Math.min(9, SCALE_DIGITS - fracDigits)];
  return toSplit(negative, intPart * 1000 + fracHi, fracLo, roundUp);
}

/** hi/lo of a magnitude given as (hi, lo) before rounding: lo carries into hi, negatives floor. */
function toSplit(negative: boolean, hi: number, lo: number, roundUp: boolean): SplitAmount {
  let magHi = hi;
  let magLo = lo;
  if (roundUp) {
    magLo += 1;
    if (magLo === LO_MOD) {
      magLo = 0;
      magHi += 1;
    }
  }
  if (!negative || (magHi === 0 && magLo === 0)) return { hi: magHi, lo: magLo };
  // floor division for negatives keeps 0 ≤ lo < 1e9
  return magLo === 0 ? { hi: -magHi, lo: 0 } : { hi: -magHi - 1, lo: LO_MOD - magLo };
}

function parseDecimalSplitSlow(text: string): SplitAmount | null {
  const m = PLAIN.exec(text);
  if (m === null) {
    const e = EXPONENT.exec(text);
    if (e === null) return null;
    const p = expToPico(e);
    return (p < 0n ? -p : p) >= PICO_PER_UNIT * 10n ** BigInt(MAX_INT_DIGITS) ? null : splitPico(p);
  }
  const [, sign, intDigits, fracDigits = ''] = m;
  if (intDigits === '' && fracDigits === '') return null;
  if (intDigits.replace(/^0+/, '').length > MAX_INT_DIGITS) return null;
  let frac = fracDigits;
  let roundUp = false;
  if (frac.length > SCALE_DIGITS) {
    roundUp = frac.charCodeAt(SCALE_DIGITS) >= 53; // '5'
    frac = frac.slice(0, SCALE_DIGITS);
  }
  frac = frac.padEnd(SCALE_DIGITS, '0');
  const intPart = intDigits === '' ? 0 : Number(intDigits);
  // magnitude = intPart×1e12 + frac12 = (intPart×1000 + frac[0..3])×1e9 + frac[3..12]
  return toSplit(sign === '-', intPart * 1000 + Number(frac.slice(0, 3)), Number(frac.slice(3)), roundUp);
}

function plainToPico(sign: string, intDigits: string, fracDigits: string): Pico {
  let frac = fracDigits;
  let roundUp = false;
  if (frac.length > SCALE_DIGITS) {
    roundUp = frac.charCodeAt(SCALE_DIGITS) >= 53;
    frac = frac.slice(0, SCALE_DIGITS);
  }
  let mag = BigInt(intDigits || '0') * PICO_PER_UNIT + BigInt(frac.padEnd(SCALE_DIGITS, '0'));
  if (roundUp) mag += 1n;
  return (sign === '-' ? -mag : mag) as Pico;
}

function expToPico(m: RegExpExecArray): Pico {
  const [, sign, intDigits, fracDigits = '', expText] = m;
  const digits = (intDigits + fracDigits).replace(/^0+(?=\d)/, '') || '0';
  const pointAt = intDigits.length + Number(expText); // digits before the decimal point
  if (pointAt <= 0) return plainToPico(sign, '0', '0'.repeat(-pointAt) + digits);
  if (pointAt >= digits.length) return plainToPico(sign, digits + '0'.repeat(pointAt - digits.length), '');
  return plainToPico(sign, digits.slice(0, pointAt), digits.slice(pointAt));
}

export function splitPico(p: Pico | bigint): SplitAmount {
  let hi = p / LO_MOD_BIG;
  let lo = p % LO_MOD_BIG;
  if (lo < 0n) {
    lo += LO_MOD_BIG;
    hi -= 1n;
  }
  return { hi: Number(hi), lo: Number(lo) };
}

export function joinSplit(hi: number | bigint, lo: number | bigint): Pico {
  return (BigInt(hi) * LO_MOD_BIG + BigInt(lo)) as Pico;
}

export function parseDecimal(text: string): Pico | null {
  const s = parseDecimalSplit(text);
  return s === null ? null : joinSplit(s.hi, s.lo);
}

/** Full-precision decimal text: "-12.5", "0.00000000603", "1500". */
export function formatPico(p: Pico | bigint): string {
  const neg = p < 0n;
  const mag = neg ? -p : p;
  const intPart = mag / PICO_PER_UNIT;
  const frac = (mag % PICO_PER_UNIT).toString().padStart(SCALE_DIGITS, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${intPart}${frac === '' ? '' : '.' + frac}`;
}

export const ZERO_PICO = 0n as Pico;

export function addPico(a: Pico, b: Pico): Pico {
  return (a + b) as Pico;
}

/**
 * Moves the decimal point of a plain decimal text by `places` (negative: to the left), exactly:
 * cents "12345.6" with -2 give "123.456". Returns null when the text is not a plain decimal.
 */
export function shiftDecimal(text: string, places: number): string | null {
  const m = PLAIN.exec(text.trim());
  if (m === null) return null;
  const [, sign, intDigits, fracDigits = ''] = m;
  if (intDigits === '' && fracDigits === '') return null;
  let digits = intDigits + fracDigits;
  let point = intDigits.length + places;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const frac = digits.slice(point).replace(/0+$/, '');
  const out = frac ? `${int}.${frac}` : int;
  return sign === '-' && /[1-9]/.test(out) ? `-${out}` : out;
}
