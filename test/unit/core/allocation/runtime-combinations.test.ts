/**
 * Grouping rows by the values of several arrays is what every allocation step stands on (the
 * cube, the rules' field combinations, the lines). Both ways of doing it must number the groups
 * exactly as a plain reading would: by first appearance, equal rows together, unequal rows apart,
 * whether the ids are few (flat tables) or many (hashing).
 */
import { describe, expect, it } from 'vitest';
import { combinations, groupTuples } from '../../../../src/core/allocation/row-fields';
import { rng } from './runtime-fixtures';

/** Group ids by first appearance, with text keys: obviously right, slow. */
function plain(arrays: readonly ArrayLike<number>[], rows: readonly number[]): { id: number[]; reps: number[] } {
  const seen = new Map<string, number>();
  const reps: number[] = [];
  const id = rows.map((row) => {
    const key = arrays.map((a) => a[row]).join(',');
    let g = seen.get(key);
    if (g === undefined) {
      seen.set(key, (g = reps.length));
      reps.push(row);
    }
    return g;
  });
  return { id, reps };
}

function randomArrays(next: () => number, n: number): Int32Array[] {
  return Array.from({ length: 1 + Math.floor(next() * 5) }, () => {
    // Few distinct values, many, or huge ids (string ids of a big workspace); -1 stands for none.
    const kind = next();
    const spread = kind < 0.4 ? 3 : kind < 0.8 ? n : 50_000_000;
    return Int32Array.from({ length: n }, () => (next() < 0.1 ? -1 : Math.floor(next() * spread)));
  });
}

describe('grouping rows by several arrays', () => {
  it('numbers groups by first appearance, the same whichever way (300 random cases)', () => {
    const next = rng(2_024);
    for (let c = 0; c < 300; c++) {
      const n = Math.floor(next() * 3_000);
      const arrays = randomArrays(next, n);
      const all = Array.from({ length: n }, (_, i) => i);
      const want = plain(arrays, all);
      const byPairs = combinations(arrays, n);
      expect(Array.from(byPairs.id), `case ${c} combinations`).toEqual(want.id);
      expect(byPairs.reps, `case ${c} combinations reps`).toEqual(want.reps);
      const byHash = groupTuples(arrays, n);
      expect(Array.from(byHash.id), `case ${c} groupTuples`).toEqual(want.id);
      expect(byHash.reps, `case ${c} groupTuples reps`).toEqual(want.reps);
      // A subset of rows, in a given order, as the rules and the lines ask.
      const rows = Int32Array.from(all.filter(() => next() < 0.5));
      const sub = combinations(arrays, n, rows);
      const wantSub = plain(arrays, Array.from(rows));
      expect(Array.from(sub.id), `case ${c} subset`).toEqual(wantSub.id);
      expect(sub.reps, `case ${c} subset reps`).toEqual(wantSub.reps);
    }
  });

  it('pairs more combinations than a flat table holds by hashing, still exactly', () => {
    // 3,000 × 3,000 distinct pairs is over the flat table's limit.
    const n = 200_000;
    const next = rng(77);
    const a = Int32Array.from({ length: n }, () => Math.floor(next() * 3_000));
    const b = Int32Array.from({ length: n }, () => Math.floor(next() * 3_000));
    const got = combinations([a, b], n);
    const want = plain([a, b], Array.from({ length: n }, (_, i) => i));
    expect(got.reps.length).toBe(want.reps.length);
    expect(Array.from(got.id)).toEqual(want.id);
  });
});
