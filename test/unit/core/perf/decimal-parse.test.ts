import { describe, expect, it } from 'vitest';
import { parseDecimalSplit, splitPico } from '../../../../src/core/money/decimal';

/** The regular-expression parser as it was before the one-pass fast path, kept as the reference. */
function reference(text: string): { hi: number; lo: number } | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (m === null) {
    const e = /^([+-]?)(\d*)(?:\.(\d*))?[eE]([+-]?\d{1,3})$/.exec(text);
    if (e === null) return null;
    const [, sign, intDigits, fracDigits = '', expText] = e;
    const digits = (intDigits + fracDigits).replace(/^0+(?=\d)/, '') || '0';
    const pointAt = intDigits.length + Number(expText);
    const [i, f] =
      pointAt <= 0 ? ['0', '0'.repeat(-pointAt) + digits] : pointAt >= digits.length ? [digits + '0'.repeat(pointAt - digits.length), ''] : [digits.slice(0, pointAt), digits.slice(pointAt)];
    let mag = BigInt(i || '0') * 10n ** 12n + BigInt(f.slice(0, 12).padEnd(12, '0'));
    if (f.length > 12 && f.charCodeAt(12) >= 53) mag += 1n;
    const p = sign === '-' ? -mag : mag;
    return (p < 0n ? -p : p) >= 10n ** 24n ? null : splitPico(p);
  }
  const [, sign, intDigits, fracDigits = ''] = m;
  if (intDigits === '' && fracDigits === '') return null;
  if (intDigits.replace(/^0+/, '').length > 12) return null;
  let mag = BigInt(intDigits || '0') * 10n ** 12n + BigInt(fracDigits.slice(0, 12).padEnd(12, '0'));
  if (fracDigits.length > 12 && fracDigits.charCodeAt(12) >= 53) mag += 1n;
  return splitPico(sign === '-' ? -mag : mag);
}

describe('the one-pass decimal parser', () => {
  it.each([
    '0', '-0', '+0', '12.34', '-12.34', '.5', '-.5', '5.', '+3.25', '', '-', '+', '.', '-.', '1..2', '1.2.3', ' 1', '1 ',
    '1,5', '$1', '0.000000000001', '-0.000000000001', '0.0000000000005', '-0.0000000000005', '0.0000000000004999',
    '999999999999.9999999999995', '-999999999999.9999999999995', '123456789012', '1234567890123', '0001234567890123',
    '000000000000000000.5', '1e3', '1.5E-7', '-2e+3', '1e', '١٢', '12\n', '0x10', 'NaN', 'Infinity', '1_000',
  ])('reads %j as the regular expressions did', (text) => {
    expect(parseDecimalSplit(text)).toEqual(reference(text));
  });

  it('agrees with the reference on random decimal text', () => {
    const alphabet = '0123456789.-+eE';
    let x = 12345;
    const next = (n: number) => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x % n;
    };
    for (let k = 0; k < 50_000; k++) {
      let s = '';
      const len = next(22);
      for (let i = 0; i < len; i++) s += i > 0 && next(3) > 0 ? String(next(10)) : alphabet[next(alphabet.length)];
      const got = parseDecimalSplit(s);
      const want = reference(s);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ s, got }).toEqual({ s, got: want });
    }
  });
});
