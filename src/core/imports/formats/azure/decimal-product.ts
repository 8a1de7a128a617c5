/**
 * Exact arithmetic on decimal texts for the few amounts a bill states as price × quantity (Azure
 * PayGPrice × Quantity, tokens = Quantity × block size). Floats would drift; BigInt does not.
 */

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/;

type Scaled = { n: bigint; scale: number };

function scaled(text: string): Scaled | null {
  const m = NUMBER.exec(text.trim());
  if (m === null) return null;
  const [, sign, intDigits, fracDigits = '', exp = '0'] = m;
  if (intDigits === '' && fracDigits === '') return null;
  let n = BigInt(intDigits + fracDigits || '0');
  let scale = fracDigits.length - Number(exp);
  if (scale < 0) {
    n *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { n: sign === '-' ? -n : n, scale };
}

function plain({ n, scale }: Scaled): string {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  const out = frac === '' ? int : `${int}.${frac}`;
  return neg && /[1-9]/.test(out) ? `-${out}` : out;
}

/** The exact product of two decimal texts as plain decimal text, or null when either is not a number. */
export function decimalProduct(a: string, b: string): string | null {
  const x = scaled(a);
  const y = scaled(b);
  if (x === null || y === null) return null;
  return plain({ n: x.n * y.n, scale: x.scale + y.scale });
}

export function isZeroDecimal(text: string): boolean {
  const x = scaled(text);
  return x !== null && x.n === 0n;
}
