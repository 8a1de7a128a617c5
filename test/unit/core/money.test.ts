import { describe, expect, it } from 'vitest';
import { formatPico, joinSplit, parseDecimal, parseDecimalSplit, shiftDecimal } from '../../../src/core/money/decimal';

describe('exact money', () => {
  it.each([
    ['0', '0'],
    ['12.34', '12.34'],
    ['-0.00000000603', '-0.00000000603'],
    ['0.00001605990', '0.0000160599'],
    ['-12.5', '-12.5'],
    ['1500', '1500'],
    ['.5', '0.5'],
    ['+3.25', '3.25'],
    ['123456789012.123456789012', '123456789012.123456789012'],
    ['-987654321098.000000000001', '-987654321098.000000000001'],
    ['1.5e-7', '0.00000015'],
    ['2E+3', '2000'],
  ])('reads %s exactly', (text, expected) => {
    expect(formatPico(parseDecimal(text)!)).toBe(expected);
  });

  it('keeps lo in [0, 1e9) for negatives so SQL sums stay exact', () => {
    const s = parseDecimalSplit('-0.000000000001')!;
    expect(s.lo).toBeGreaterThanOrEqual(0);
    expect(s.lo).toBeLessThan(1e9);
    expect(formatPico(joinSplit(s.hi, s.lo))).toBe('-0.000000000001');
  });

  it('rounds digits past the twelfth half-up', () => {
    expect(formatPico(parseDecimal('0.0000000000015')!)).toBe('0.000000000002');
    expect(formatPico(parseDecimal('0.0000000000014999')!)).toBe('0.000000000001');
  });

  it.each(['', '-', '1234567890123', '1e13', '1,234.50', '$5', '12 USD', '1.2.3', 'abc', '(12.50)', ' 1'])('refuses %j', (text) => {
    expect(parseDecimalSplit(text)).toBeNull();
  });

  it('sums a million cents without drift', () => {
    let hi = 0;
    let lo = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const s = parseDecimalSplit('0.01')!;
      hi += s.hi;
      lo += s.lo;
    }
    expect(formatPico(joinSplit(hi, lo))).toBe('10000');
  });
});

describe('shifting the decimal point', () => {
  it.each([
    ['12345.6', -2, '123.456'],
    ['5', -2, '0.05'],
    ['-0.5', -2, '-0.005'],
    ['0', -2, '0'],
    ['1.25', 3, '1250'],
    ['007.100', 0, '7.1'],
  ])('%s by %i is %s', (text, places, expected) => {
    expect(shiftDecimal(text, places)).toBe(expected);
  });
});
