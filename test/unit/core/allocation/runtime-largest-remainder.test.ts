import { describe, expect, it } from 'vitest';
import { largestRemainder, ratioText, roundHalfEven, roundToUnit } from '../../../../src/core/allocation/largest-remainder';
import { rng } from './runtime-fixtures';

function bigRandom(next: () => number, digits: number): bigint {
  let s = '';
  for (let i = 0; i < digits; i++) s += Math.floor(next() * 10);
  return BigInt(s || '0');
}

function randomCase(next: () => number) {
  const n = 1 + Math.floor(next() * 8);
  const weights = Array.from({ length: n }, () => (next() < 0.2 ? 0n : bigRandom(next, 1 + Math.floor(next() * 20))));
  if (!weights.some((w) => w > 0n)) weights[Math.floor(next() * n)] = 1n;
  // Equal weights on purpose now and then, so ties are common.
  if (next() < 0.3) weights.fill(weights.find((w) => w > 0n) as bigint);
  const keys = Array.from({ length: n }, (_, i) => `v${String.fromCharCode(97 + ((i * 7) % 26))}${i}`);
  const amount = (next() < 0.5 ? -1n : 1n) * bigRandom(next, Math.floor(next() * 22));
  return { amount, weights, keys };
}

function permute<T>(next: () => number, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('largest remainder', () => {
  it('splits exactly: shares sum to the amount, each within one unit of its exact share, zero weight gets zero', () => {
    const next = rng(20261115);
    for (let c = 0; c < 500; c++) {
      const { amount, weights, keys } = randomCase(next);
      const shares = largestRemainder(amount, weights, keys);
      const total = weights.reduce((s, w) => s + w, 0n);
      expect(shares.reduce((s, x) => s + x, 0n)).toBe(amount);
      shares.forEach((share, i) => {
        // |share × total − amount × weight| < total: share is the exact share rounded down or up.
        const gap = share * total - amount * weights[i];
        expect(gap < total && gap > -total).toBe(true);
        if (weights[i] === 0n) expect(share).toBe(0n);
      });
    }
  });

  it('splits a credit as the mirror of the same charge', () => {
    const next = rng(7);
    for (let c = 0; c < 300; c++) {
      const { amount, weights, keys } = randomCase(next);
      expect(largestRemainder(-amount, weights, keys)).toEqual(largestRemainder(amount, weights, keys).map((x) => -x));
    }
  });

  it('does not depend on the order of the targets: ties go to the smaller key', () => {
    const next = rng(42);
    for (let c = 0; c < 300; c++) {
      const { amount, weights, keys } = randomCase(next);
      const base = new Map(largestRemainder(amount, weights, keys).map((s, i) => [keys[i], s]));
      const order = permute(next, keys.map((_, i) => i));
      const shuffled = largestRemainder(
        amount,
        order.map((i) => weights[i]),
        order.map((i) => keys[i]),
      );
      order.forEach((i, at) => expect(shuffled[at]).toBe(base.get(keys[i])));
    }
    expect(largestRemainder(2n, [1n, 1n, 1n], ['c', 'a', 'b'])).toEqual([0n, 1n, 1n]);
  });

  it('refuses to split by weights that are all zero', () => {
    expect(() => largestRemainder(5n, [0n, 0n])).toThrow();
    expect(largestRemainder(0n, [0n, 0n])).toEqual([0n, 0n]);
  });
});

describe('rounding groups to a minor unit', () => {
  it('rounds half to even and makes the rounded groups sum to the rounded total', () => {
    expect(roundHalfEven(15n, 10n)).toBe(20n);
    expect(roundHalfEven(25n, 10n)).toBe(20n);
    expect(roundHalfEven(-15n, 10n)).toBe(-20n);
    expect(roundHalfEven(-25n, 10n)).toBe(-20n);
    expect(roundHalfEven(-26n, 10n)).toBe(-30n);
    const next = rng(99);
    for (let c = 0; c < 500; c++) {
      const n = 1 + Math.floor(next() * 10);
      const unit = 10n ** BigInt(Math.floor(next() * 13));
      const amounts = Array.from({ length: n }, () => (next() < 0.3 ? -1n : 1n) * bigRandom(next, Math.floor(next() * 16)));
      const keys = amounts.map((_, i) => `k${i}`);
      const rounded = roundToUnit(amounts, unit, keys);
      const total = amounts.reduce((s, a) => s + a, 0n);
      expect(rounded.reduce((s, a) => s + a, 0n)).toBe(roundHalfEven(total, unit));
      rounded.forEach((r, i) => {
        expect(r % unit).toBe(0n);
        const gap = r - amounts[i];
        expect(gap < unit && gap > -unit).toBe(true);
      });
    }
  });
});

describe('ratio text', () => {
  it('is exact when the decimal ends within 12 significant digits, else rounded to 12', () => {
    expect(ratioText(1n, 4n)).toBe('0.25');
    expect(ratioText(1n, 3n)).toBe('0.333333333333');
    expect(ratioText(2n, 3n)).toBe('0.666666666667');
    expect(ratioText(5n, 2n)).toBe('2.5');
    expect(ratioText(4n, 4n)).toBe('1');
    expect(ratioText(1n, 8000n)).toBe('0.000125');
    expect(ratioText(999_999_999_999_9n, 1_000_000_000_000_0n)).toBe('1');
    expect(ratioText(0n, 7n)).toBe('0');
    expect(ratioText(-1n, 4n)).toBe('-0.25');
    const next = rng(5);
    for (let c = 0; c < 300; c++) {
      const whole = 1n + bigRandom(next, 1 + Math.floor(next() * 15));
      const part = bigRandom(next, 1 + Math.floor(next() * 15)) % (whole + 1n);
      const text = ratioText(part, whole);
      const digits = text.replace(/^0\.0*|\./g, '').replace(/^0+/, '');
      expect(digits.length).toBeLessThanOrEqual(12);
      expect(Math.abs(Number(text) - Number(part) / Number(whole))).toBeLessThanOrEqual(1e-11 * Math.max(1, Number(part) / Number(whole)));
    }
  });
});
