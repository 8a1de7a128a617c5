/**
 * How rules read a cube group: a field's text for the rule, and per field an array of small
 * integers, equal for two groups exactly when the field reads the same, so a rule is evaluated
 * once per distinct combination of the fields it reads.
 */
import { ALLOCATION_COLUMNS, ALLOCATION_NUMERIC_COLUMNS, type AllocationColumn, type AllocationNumericColumn, type FieldRef } from '../../shared/allocation-contract';
import type { Workspace } from '../db/workspace';
import type { RowView } from './rules/types';
import type { Cube } from './cube';

/** Texts interned to small integers: tag values, numeric texts, and the values rules give. */
export class ValueTable {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  text(id: number): string {
    return this.values[id];
  }
}

/** The current value id of key `k` for whatever the view is looking at. */
export type KeyValues = (k: number) => number;

const TEXT = new Set<string>(ALLOCATION_COLUMNS);
const NUMERIC = new Set<string>(ALLOCATION_NUMERIC_COLUMNS);
/** Identity of a missing value. */
const NONE = -1;
/** Largest lookup table `combinations` uses before falling back to a map (16 MiB). */
const TABLE_LIMIT = 4_194_304;

/** 0, 1, ... n - 1. */
export function allRows(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) out[r] = r;
  return out;
}

/**
 * Dense ids of the combinations of `arrays` over the given rows (position by position: rows
 * equal in every array share an id), and one row holding each combination. `rows` defaults to
 * every row below `n`.
 */
export function combinations(arrays: readonly ArrayLike<number>[], n: number, rows?: Int32Array): { id: Int32Array; reps: number[] } {
  const at = rows ?? allRows(n);
  const m = at.length;
  let id = new Int32Array(m);
  let count = m > 0 ? 1 : 0;
  for (const a of arrays) {
    const next = new Int32Array(m);
    // The field's value + 1 per position (0: missing).
    const v = new Int32Array(m);
    let max = -1;
    for (let p = 0; p < m; p++) {
      const x = a[at[p]];
      v[p] = x + 1;
      if (x > max) max = x;
    }
    let width = max + 2;
    if (count * width > TABLE_LIMIT) {
      // Wide ids (text columns): numbered afresh by first appearance, so the pairs fit a table more
      // often. The combination ids do not change: they follow the first appearance of each pair.
      let d = 0;
      if (width <= TABLE_LIMIT) {
        const dense = new Int32Array(width);
        for (let p = 0; p < m; p++) {
          let x = dense[v[p]];
          if (x === 0) dense[v[p]] = x = ++d;
          v[p] = x;
        }
      } else {
        // Ids too large for a table (a huge workspace's strings): numbered through a map.
        const dense = new Map<number, number>();
        for (let p = 0; p < m; p++) {
          let x = dense.get(v[p]);
          if (x === undefined) dense.set(v[p], (x = ++d));
          v[p] = x;
        }
      }
      width = d + 1;
    }
    let c = 0;
    if (count * width <= TABLE_LIMIT) {
      // Small ids: a flat table instead of a map (most fields: periods, currencies, values).
      const table = new Int32Array(count * width).fill(-1);
      for (let p = 0; p < m; p++) {
        const slot = id[p] * width + v[p];
        let found = table[slot];
        if (found === -1) table[slot] = found = c++;
        next[p] = found;
      }
    } else {
      // Too many pairs for a flat table: an open-addressing hash of the pairs (id × width + value,
      // exact in a double), its size following the combinations found, not the rows.
      let cap = 1024;
      let mask = cap - 1;
      let keys = new Float64Array(cap).fill(-1);
      let outs = new Int32Array(cap);
      const slotOf = (key: number): number => {
        const hi = Math.floor(key / width);
        let h = Math.imul(hi, 0x9e3779b1) ^ Math.imul(key - hi * width + 0x7f4a7c15, 0x85ebca6b);
        h ^= h >>> 15;
        return h & mask;
      };
      for (let p = 0; p < m; p++) {
        const key = id[p] * width + v[p];
        let slot = slotOf(key);
        for (;;) {
          const k = keys[slot];
          if (k === key) {
            next[p] = outs[slot];
            break;
          }
          if (k === -1) {
            keys[slot] = key;
            outs[slot] = c;
            next[p] = c++;
            if (c * 2 > cap) {
              const oldKeys = keys;
              const oldOuts = outs;
              cap *= 2;
              mask = cap - 1;
              keys = new Float64Array(cap).fill(-1);
              outs = new Int32Array(cap);
              for (let e = 0; e < oldKeys.length; e++) {
                if (oldKeys[e] === -1) continue;
                let s2 = slotOf(oldKeys[e]);
                while (keys[s2] !== -1) s2 = (s2 + 1) & mask;
                keys[s2] = oldKeys[e];
                outs[s2] = oldOuts[e];
              }
            }
            break;
          }
          slot = (slot + 1) & mask;
        }
      }
    }
    id = next;
    count = c;
  }
  const reps = new Array<number>(count).fill(-1);
  for (let p = 0; p < m; p++) if (reps[id[p]] === -1) reps[id[p]] = at[p];
  return { id, reps };
}

/**
 * The same answer as `combinations` over every row below `n` (ids dense by first appearance),
 * made in one pass with an open-addressing hash of each row's tuple. For many wide columns (the
 * cube's key over every charge) this beats pairing column by column, which falls back to maps.
 */
export function groupTuples(arrays: readonly Int32Array[], n: number): { id: Int32Array; reps: number[] } {
  const k = arrays.length;
  const id = new Int32Array(n);
  // Per group: its first row and its hash (typed, so no hash is ever boxed).
  let reps = new Int32Array(1024);
  let hashes = new Int32Array(1024);
  let groups = 0;
  // The table grows with the groups, not the rows: a few hundred groups stay in the cache.
  let cap = 2048;
  let mask = cap - 1;
  let slots = new Int32Array(cap).fill(-1);
  for (let row = 0; row < n; row++) {
    let h = 0x811c9dc5 | 0;
    for (let j = 0; j < k; j++) {
      h = Math.imul(h ^ arrays[j][row], 0x9e3779b1);
      h = (h << 13) | (h >>> 19);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    let slot = h & mask;
    for (;;) {
      const g = slots[slot];
      if (g === -1) {
        if (groups === reps.length) {
          const r2 = new Int32Array(groups * 2);
          r2.set(reps);
          reps = r2;
          const h2 = new Int32Array(groups * 2);
          h2.set(hashes);
          hashes = h2;
        }
        reps[groups] = row;
        hashes[groups] = h;
        slots[slot] = groups;
        id[row] = groups++;
        if (groups * 2 > cap) {
          cap *= 2;
          mask = cap - 1;
          slots = new Int32Array(cap).fill(-1);
          for (let e = 0; e < groups; e++) {
            let s2 = hashes[e] & mask;
            while (slots[s2] !== -1) s2 = (s2 + 1) & mask;
            slots[s2] = e;
          }
        }
        break;
      }
      if (hashes[g] === h) {
        const rep = reps[g];
        let same = true;
        for (let j = 0; j < k && same; j++) same = arrays[j][rep] === arrays[j][row];
        if (same) {
          id[row] = g;
          break;
        }
      }
      slot = (slot + 1) & mask;
    }
  }
  return { id, reps: Array.from(reps.subarray(0, groups)) };
}

type CubeTexts = { texts: ValueTable; ids: Map<FieldRef, Int32Array> };
const cubeTexts = new WeakMap<Cube, CubeTexts>();

/**
 * Field readers over one cube. `keyIndex` resolves `vtag:` keys to the position of the key in
 * evaluation order (undefined: no such key, the field reads as missing).
 */
export class CubeFields {
  private readonly own: CubeTexts;

  constructor(
    readonly ws: Workspace,
    readonly cube: Cube,
    readonly values: ValueTable,
    private readonly keyIndex: (key: string) => number | undefined,
  ) {
    let t = cubeTexts.get(cube);
    if (t === undefined) cubeTexts.set(cube, (t = { texts: new ValueTable(), ids: new Map() }));
    this.own = t;
  }

  /** The position of the key a `vtag:` field reads, or undefined. */
  vtagKey(field: FieldRef): number | undefined {
    return field.startsWith('vtag:') ? this.keyIndex(field.slice(5)) : undefined;
  }

  /**
   * Per cube group, an integer standing for the field's text (NONE when missing). Computed once
   * per cube and field. Not for `vtag:` fields, whose values are the keys' own.
   */
  ids(field: FieldRef): Int32Array {
    let out = this.own.ids.get(field);
    if (out !== undefined) return out;
    const { cube } = this;
    const n = cube.size;
    if (TEXT.has(field)) {
      const col = cube.cols.get(field as AllocationColumn);
      if (col === undefined) throw new Error(`The allocation cube lacks ${field}.`);
      out = new Int32Array(n);
      for (let r = 0; r < n; r++) out[r] = col[r] === 0 ? NONE : col[r];
    } else {
      const texts = this.own.texts;
      out = new Int32Array(n).fill(NONE);
      if (field.startsWith('tag:')) {
        const key = field.slice(4);
        // The tag's text id per tag set id, + 2 (0: not looked up yet).
        let max = 0;
        for (let r = 0; r < n; r++) if (cube.tags[r] > max) max = cube.tags[r];
        const bySet = new Int32Array(max + 1);
        for (let r = 0; r < n; r++) {
          const set = cube.tags[r];
          let v = bySet[set];
          if (v === 0) {
            const text = cube.tagItems.get(set)?.get(key) ?? null;
            bySet[set] = v = (text === null ? NONE : texts.intern(text)) + 2;
          }
          out[r] = v - 2;
        }
      } else if (NUMERIC.has(field)) {
        const col = cube.numericIds.get(field as AllocationNumericColumn);
        if (col === undefined) throw new Error(`The allocation cube lacks ${field}.`);
        out = col;
      }
    }
    this.own.ids.set(field, out);
    return out;
  }

  read(field: FieldRef, row: number, kv: KeyValues): string | null {
    if (field.startsWith('vtag:')) {
      const k = this.keyIndex(field.slice(5));
      return k === undefined ? null : this.values.text(kv(k));
    }
    if (TEXT.has(field)) {
      const col = this.cube.cols.get(field as AllocationColumn);
      return col === undefined ? null : this.ws.strings.valueOf(col[row] || null);
    }
    if (field.startsWith('tag:')) return this.cube.tagItems.get(this.cube.tags[row])?.get(field.slice(4)) ?? null;
    return this.cube.numeric.get(field as AllocationNumericColumn)?.[row] ?? null;
  }

  /** Seconds of the group's UTC day (the first of the month on a month cube). */
  daySeconds(row: number): number {
    const p = this.cube.period[row];
    if (this.cube.spec.grain === 'day') return p * 86_400;
    return Date.UTC(Math.floor(p / 100), (p % 100) - 1, 1) / 1000;
  }

  /** A reusable view: point it at a row and its current key values, then hand it to the rules. */
  view(): MutableRowView {
    return new MutableRowView(this);
  }
}

export class MutableRowView implements RowView {
  row = 0;
  kv: KeyValues = () => NONE;

  constructor(private readonly fields: CubeFields) {}

  at(row: number, kv: KeyValues): this {
    this.row = row;
    this.kv = kv;
    return this;
  }

  text(field: FieldRef): string | null {
    return this.fields.read(field, this.row, this.kv);
  }

  get day(): number {
    return this.fields.daySeconds(this.row);
  }
}
