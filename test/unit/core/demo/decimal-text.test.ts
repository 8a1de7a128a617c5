import { describe, expect, it } from 'vitest';
import { formatScaled, formatScaledInt, padDecimals, parseScaled, roundDivide, scalePrice } from '../../../../src/core/demo/decimal-text';
import { splitExactly } from '../../../../src/core/demo/litellm-spendlogs';

describe('decimal text', () => {
  it('places the point and trims trailing zeros', () => {
    expect(formatScaled(0n, 10)).toBe('0');
    expect(formatScaled(1n, 10)).toBe('0.0000000001');
    expect(formatScaled(30_000n, 4)).toBe('3');
    expect(formatScaled(12_500n, 4)).toBe('1.25');
    expect(formatScaled(-2_500_000_000_000n, 10)).toBe('-250');
    expect(formatScaled(-25n, 3)).toBe('-0.025');
    expect(formatScaled(123_456_789n, 0)).toBe('123456789');
    // The classic float artefact cannot happen: 0.1 + 0.2 as integers.
    expect(formatScaled(1_000_000_000n + 2_000_000_000n, 10)).toBe('0.3');
  });

  it('formats safe Number integers the same way and refuses unsafe ones', () => {
    for (const v of [0, 1, 7, 10, 999_999, 1_000_000, 123_456_789_012, -42]) {
      expect(formatScaledInt(v, 6)).toBe(formatScaled(BigInt(v), 6));
    }
    expect(() => formatScaledInt(2 ** 53, 2)).toThrow(RangeError);
    expect(() => formatScaledInt(0.5, 2)).toThrow(RangeError);
  });

  it('parses table prices and rejects ones that need more places', () => {
    expect(parseScaled('0.075', 4)).toBe(750);
    expect(parseScaled('15', 4)).toBe(150_000);
    expect(() => parseScaled('0.00875', 4)).toThrow(RangeError);
    expect(() => parseScaled('1e3', 4)).toThrow(RangeError);
  });

  it('rounds half away from zero', () => {
    expect(roundDivide(15n, 10n)).toBe(2n);
    expect(roundDivide(14n, 10n)).toBe(1n);
    expect(roundDivide(-15n, 10n)).toBe(-2n);
    expect(roundDivide(-14n, 10n)).toBe(-1n);
    expect(scalePrice(750, 500)).toBe(375);
    expect(scalePrice(13_750, 850)).toBe(11_688); // 1.16875 -> 1.1688
  });
});

describe('padDecimals and splitExactly', () => {
  it('pads decimals without changing the value', () => {
    expect(padDecimals('3', 2)).toBe('3.00');
    expect(padDecimals('0.000003', 10)).toBe('0.0000030000');
    expect(padDecimals('1.23456', 2)).toBe('1.23456');
    expect(padDecimals('-0.5', 2)).toBe('-0.50');
  });

  it('splits a count by weight into whole parts that add up to it, the remainder to the heaviest', () => {
    expect(splitExactly(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitExactly(7, [0.2, 3, 1])).toEqual([0, 6, 1]);
    const weights = Array.from({ length: 997 }, (_, i) => 0.05 + ((i * 7919) % 101) / 50);
    const parts = splitExactly(123_456_789, weights);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(123_456_789);
    expect(parts.every((p) => Number.isInteger(p) && p >= 0)).toBe(true);
  });
});
