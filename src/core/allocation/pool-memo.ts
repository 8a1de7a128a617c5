/**
 * Whether a line is in a split's pool, with the pool evaluated once per distinct combination of
 * what it reads: the cube fields (and the day, when date-bound) as one combination id per cube
 * group, computed once per cube, and the current values of the keys it reads. The memo key is a
 * number, so sorting a hundred thousand lines builds no text.
 */
import type { FieldRef } from '../../shared/allocation-contract';
import type { Cube } from './cube';
import { combinations } from './row-fields';
import type { CompiledSplit } from './rules/types';
import type { Line } from './splits';
import type { Tagged } from './tagging';

/** Combination ids per cube and signature of the fields read; a few sets of pool fields per cube. */
const staticIds = new WeakMap<Cube, Map<string, Int32Array>>();
const KEPT = 32;

function staticCombos(tagged: Tagged, fields: readonly FieldRef[], withDay: boolean): Int32Array {
  const { cube } = tagged.fields;
  let bySig = staticIds.get(cube);
  if (bySig === undefined) staticIds.set(cube, (bySig = new Map()));
  const sig = `${withDay ? 'd' : 'm'}\u0000${[...fields].sort().join('\u0000')}`;
  let id = bySig.get(sig);
  if (id === undefined) {
    const arrays: ArrayLike<number>[] = fields.map((f) => tagged.fields.ids(f));
    if (withDay) arrays.push(cube.period);
    id = arrays.length ? combinations(arrays, cube.size).id : new Int32Array(cube.size);
    bySig.set(sig, id);
    if (bySig.size > KEPT) bySig.delete(bySig.keys().next().value as string);
  }
  return id;
}

export function poolTest(tagged: Tagged, split: CompiledSplit): (l: Line) => boolean {
  const { fields } = tagged;
  const cube = fields.cube;
  const statics = split.fields.filter((f) => !f.startsWith('vtag:'));
  // Keys the pool reads; an unknown key reads as missing whatever the line holds.
  const keys = [...new Set(split.fields.filter((f) => f.startsWith('vtag:')).map((f) => fields.vtagKey(f)))].filter((k): k is number => k !== undefined);
  const sid = staticCombos(tagged, statics, split.usesDates);
  const view = fields.view();
  let current: readonly number[] = [];
  const kv = (k: number): number => current[k];
  const test = (l: Line): boolean => {
    current = l.vals;
    return split.pool(view.at(l.row, kv));
  };
  if (keys.length === 0) {
    // 0: not yet evaluated, 1: in the pool, 2: not.
    const seen = new Uint8Array(cube.size);
    return (l) => {
      const s = sid[l.row];
      let hit = seen[s];
      if (hit === 0) seen[s] = hit = test(l) ? 1 : 2;
      return hit === 1;
    };
  }
  // Value ids are below the table's size while lines are sorted (targets are interned later).
  const span = tagged.values.values.length + 1;
  let limit = cube.size;
  for (let i = 0; i < keys.length; i++) limit *= span;
  const memo = new Map<number | string, boolean>();
  const packed = limit < Number.MAX_SAFE_INTEGER;
  return (l) => {
    let m: number | string;
    if (packed) {
      m = sid[l.row];
      for (const k of keys) m = m * span + (l.vals[k] + 1);
    } else {
      m = String(sid[l.row]);
      for (const k of keys) m += `|${l.vals[k]}`;
    }
    let hit = memo.get(m);
    if (hit === undefined) memo.set(m, (hit = test(l)));
    return hit;
  };
}
