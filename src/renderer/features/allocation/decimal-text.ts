/**
 * Exact sums and differences of decimal text ("33.3333", "-12.5"), for percentages that must total
 * exactly 100 and for before/after differences of money. Never goes through a float.
 */

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

type Scaled = { units: bigint; scale: number };

function parse(text: string): Scaled | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const frac = m[3] ?? '';
  const units = BigInt(m[2] + frac);
  return { units: m[1] === '-' ? -units : units, scale: frac.length };
}

function rescale(v: Scaled, scale: number): bigint {
  return v.units * 10n ** BigInt(scale - v.scale);
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? digits.slice(digits.length - scale).replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${int}${frac ? '.' + frac : ''}`;
}

/** The exact sum, or null when any value is not a plain decimal number. */
export function sumDecimals(values: string[]): string | null {
  const parsed = values.map(parse);
  if (parsed.some((p) => p === null)) return null;
  const ok = parsed.filter((p): p is Scaled => p !== null);
  const scale = Math.max(0, ...ok.map((p) => p.scale));
  return format(
    ok.reduce((sum, p) => sum + rescale(p, scale), 0n),
    scale,
  );
}

/** a − b exactly; null when either is not a decimal. */
export function subtractDecimals(a: string, b: string): string | null {
  const pb = parse(b);
  if (!pb) return null;
  return sumDecimals([a, format(-pb.units, pb.scale)]);
}

export function isDecimal(text: string): boolean {
  return parse(text) !== null;
}

/** Whether a decimal text is exactly 100. */
export function isHundred(text: string | null): boolean {
  return text !== null && subtractDecimals(text, '100') === '0';
}
