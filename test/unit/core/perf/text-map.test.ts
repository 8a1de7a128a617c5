import { describe, expect, it } from 'vitest';
import { fullHash, sampledHash, TextMap } from '../../../../src/core/imports/perf/text-map';

/** A key as a parser hands it out: a fresh string cut from a longer text, never the same object. */
const fresh = (key: string): string => `«${key}»`.slice(1, -1);

describe('the import’s string table', () => {
  it('agrees with a Map over random sets, replacements, look-ups of missing keys and clears', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const keyOf = (n: number) =>
      n % 3 === 0 ? `k${n}` : n % 3 === 1 ? `/subscriptions/0000/resourceGroups/rg/providers/x/accounts/acct-${n}` : `{"team":"t${n}","env":"prod"}`;
    const map = new TextMap<number>();
    const ref = new Map<string, number>();
    for (let op = 0; op < 60_000; op++) {
      const key = keyOf(rand(5_000));
      const r = rand(10);
      if (r < 4) {
        map.set(key, op);
        ref.set(key, op);
      } else if (op === 30_000) {
        map.clear();
        ref.clear();
      } else {
        expect(map.get(fresh(key))).toBe(ref.get(key));
        expect(map.has(fresh(key))).toBe(ref.has(key));
      }
      expect(map.size).toBe(ref.size);
    }
    for (const [key, value] of ref) expect(map.get(fresh(key))).toBe(value);
  });

  it('hashes every character once keys differ only where the sample does not look', () => {
    // 200 characters, the last 16 the same, the counter only in characters the sample skips.
    const keyOf = (n: number) => {
      const chars = ('x'.repeat(184) + 'same-suffix-0000').split('');
      const digits = String(n).padStart(6, '0');
      for (let d = 0; d < 6; d++) chars[1 + d * 2] = digits[d];
      return chars.join('');
    };
    expect(sampledHash(keyOf(1))).toBe(sampledHash(keyOf(2)));
    expect(fullHash(keyOf(1))).not.toBe(fullHash(keyOf(2)));
    const map = new TextMap<number>();
    for (let n = 0; n < 20_000; n++) map.set(keyOf(n), n);
    for (let n = 0; n < 20_000; n++) expect(map.get(fresh(keyOf(n)))).toBe(n);
    expect(map.get(keyOf(20_001))).toBeUndefined();
    expect(map.size).toBe(20_000);
  });

  it('keeps a stored undefined apart from a missing key', () => {
    const map = new TextMap<string | undefined>();
    map.set('bad tags', undefined);
    expect(map.has(fresh('bad tags'))).toBe(true);
    expect(map.has('other')).toBe(false);
    expect(map.get('bad tags')).toBeUndefined();
  });
});
