import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, randomId, randomUuid } from '../../../../src/core/demo/random';

const draw = (seed: number, label = '', n = 50) => {
  const rng = createRng(seed, label);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('repeats its sequence for a seed and differs across seeds and labels', () => {
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(1, 'usage')).not.toEqual(draw(1, 'tags'));
    expect(deriveSeed(5, 'a')).not.toBe(deriveSeed(5, 'b'));
  });

  it('stays inside its ranges', () => {
    const rng = createRng(3);
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      const k = rng.int(-2, 2);
      expect(Number.isInteger(k) && k >= -2 && k <= 2).toBe(true);
      expect(rng.noise(0.3)).toBeGreaterThan(0);
    }
  });

  it('hits every integer of a range and respects weights', () => {
    const rng = createRng(4);
    const seen = new Set<number>();
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 20_000; i++) {
      seen.add(rng.int(1, 6));
      counts[rng.weighted(['a', 'b'] as const, [3, 1])]++;
    }
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(counts.a / counts.b).toBeGreaterThan(2.6);
    expect(counts.a / counts.b).toBeLessThan(3.4);
  });

  it('has a normal of mean ~0 and sd ~1, and log-normal noise of mean ~1', () => {
    const rng = createRng(5);
    const xs = Array.from({ length: 20_000 }, () => rng.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    const ns = Array.from({ length: 20_000 }, () => rng.noise(0.2));
    expect(Math.abs(ns.reduce((a, b) => a + b, 0) / ns.length - 1)).toBeLessThan(0.01);
  });

  it('makes ids in the requested alphabet', () => {
    const rng = createRng(6);
    expect(randomId(rng, 12, 'digits')).toMatch(/^\d{12}$/);
    expect(randomId(rng, 8, 'hex')).toMatch(/^[0-9a-f]{8}$/);
    expect(randomUuid(rng)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(() => rng.pick([])).toThrow(RangeError);
  });
});
