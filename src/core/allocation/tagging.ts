/**
 * Virtual tags over the cube: every key, in evaluation order, rule by rule, each rule once per
 * distinct combination of the fields it reads (and the day, when it is date-bound) among the
 * groups no earlier rule took; the value and rule are kept per cube group. A key's result is also kept per cube under the key's
 * definition (and those of the keys it reads), so editing one key in the preview re-evaluates
 * that key and the keys that read it, not every key.
 */
import type { AllocationRuleSet, ConditionGroup, FieldRef, TagKeyDef, TagRule } from '../../shared/allocation-contract';
import type { Cube } from './cube';
import { allRows, combinations, CubeFields, ValueTable } from './row-fields';
import { foldCase } from './rules';
import type { CompiledKey, CompiledRuleSet } from './rules/types';

export type KeyResult = { value: Int32Array; rule: Int32Array };

export type Tagged = {
  keys: CompiledKey[];
  /** Position of a key (any case) in evaluation order. */
  keyIndex(key: string): number | undefined;
  /** Per key: value id per cube group. */
  value: Int32Array[];
  /** Per key: the index in `keys[k].rules` of the rule that set the value, -1 for the default. */
  rule: Int32Array[];
  fields: CubeFields;
  values: ValueTable;
};

/** A key's result with the shape it was evaluated for, which an edit of one rule can start from. */
type Kept = { key: string; shape: KeyShape; result: KeyResult };
type CubeSession = { values: ValueTable; results: Map<string, Kept> };

/** Key results kept per cube (two Int32Arrays of the cube's size each): a rule set's keys and a few drafts. */
const RESULTS_KEPT = 16;
const sessions = new WeakMap<Cube, CubeSession>();

function session(cube: Cube): CubeSession {
  let s = sessions.get(cube);
  if (s === undefined) sessions.set(cube, (s = { values: new ValueTable(), results: new Map() }));
  return s;
}

export function keyIndexOf(keys: readonly { key: string }[]): (key: string) => number | undefined {
  const at = new Map(keys.map((k, i) => [foldCase(k.key), i]));
  return (key) => at.get(foldCase(key));
}

/** What a key's result depends on: its definition and, recursively, those of the keys it reads. */
function signatures(set: AllocationRuleSet, keys: readonly CompiledKey[], keyIndex: (key: string) => number | undefined): string[] {
  const defs = new Map(set.keys.map((d) => [foldCase(d.key), d]));
  const out: string[] = [];
  keys.forEach((k, i) => {
    const deps = k.dependsOn
      .map((d) => keyIndex(d))
      .filter((d): d is number => d !== undefined && d < i)
      .map((d) => out[d]);
    out.push(JSON.stringify([defs.get(foldCase(k.key)) ?? k.key, deps]));
  });
  return out;
}

/** The fields one rule reads: its conditions and its value. */
function ruleFields(rule: TagRule): FieldRef[] {
  const out = new Set<FieldRef>();
  const walk = (group: ConditionGroup): void => {
    for (const item of group.items) {
      if ('items' in item) walk(item);
      else out.add(item.field);
    }
  };
  walk(rule.when);
  if (rule.value.kind !== 'literal') out.add(rule.value.field);
  return [...out];
}

/**
 * First match wins, so rule by rule: each rule is tried on the groups no earlier rule took, once
 * per distinct combination of the fields that rule reads. A rule on a tag with a few values
 * decides most groups in a few evaluations, and a rule on a wide column (API keys, resources)
 * only sees what is left. Rules `from` to `to` (exclusive) are tried on `open`; the groups none
 * of them took are returned.
 */
/** Largest id in a field's array, once per array (arrays never change once made). */
const limits = new WeakMap<ArrayLike<number>, number>();

function limitOf(a: ArrayLike<number>): number {
  let max = limits.get(a);
  if (max === undefined) {
    max = -1;
    for (let i = 0; i < a.length; i++) if (a[i] > max) max = a[i];
    limits.set(a, max);
  }
  return max;
}

/** One table of per-value answers, reused by every rule; only the slots a rule filled are cleared. */
class Scratch {
  private buffer = new Int32Array(1024);
  readonly touched: number[] = [];

  table(size: number): Int32Array {
    if (this.buffer.length < size) this.buffer = new Int32Array(Math.max(size, this.buffer.length * 2));
    return this.buffer;
  }

  clear(): void {
    for (const slot of this.touched) this.buffer[slot] = 0;
    this.touched.length = 0;
  }
}

const scratch = new Scratch();

/** Combination ids of stored fields (and the day) over every cube group, per cube and set of fields. */
const storedCombos = new WeakMap<Cube, Map<string, Int32Array>>();
const COMBOS_KEPT = 64;

function storedCombination(fields: CubeFields, read: readonly FieldRef[], dated: boolean): Int32Array {
  const { cube } = fields;
  let bySig = storedCombos.get(cube);
  if (bySig === undefined) storedCombos.set(cube, (bySig = new Map()));
  const sorted = [...new Set(read)].sort();
  const sig = `${dated ? 'd' : ''}\u0000${sorted.join('\u0000')}`;
  let id = bySig.get(sig);
  if (id === undefined) {
    const arrays: ArrayLike<number>[] = sorted.map((f) => fields.ids(f));
    if (dated) arrays.push(cube.period);
    id = combinations(arrays, cube.size).id;
    bySig.set(sig, id);
    if (bySig.size > COMBOS_KEPT) bySig.delete(bySig.keys().next().value as string);
  }
  return id;
}

function runRules(fields: CubeFields, key: CompiledKey, def: TagKeyDef | undefined, done: readonly Int32Array[], from: number, to: number, open: Int32Array, out: KeyResult): Int32Array {
  const { cube, values } = fields;
  const n = cube.size;
  const missing = new Int32Array(n).fill(-1);
  const arrayOf = (f: FieldRef): ArrayLike<number> => {
    if (!f.startsWith('vtag:')) return fields.ids(f);
    const k = fields.vtagKey(f);
    return k === undefined || done[k] === undefined ? missing : done[k];
  };
  const view = fields.view();
  for (let r = from; r < to && open.length > 0; r++) {
    const compiled = key.rules[r];
    const source = def?.rules[compiled.index];
    const read = source ? ruleFields(source) : key.fields;
    const dated = source ? Boolean(source.from || source.to) : key.usesDates;
    // Stored fields only: their combination is the same for every rule reading them, so it is
    // made once per cube over every group, and the rule is then answered per combination.
    const arrays = read.length + (dated ? 1 : 0) > 1 && !read.some((f) => f.startsWith('vtag:')) ? [storedCombination(fields, read, dated)] : read.map(arrayOf);
    if (dated && arrays.length === read.length) arrays.push(cube.period);
    const evaluate = (row: number): number => {
      const v = compiled.apply(view.at(row, (k) => done[k]?.[row] ?? -1));
      return v === null ? -1 : values.intern(v);
    };
    const left = new Int32Array(open.length);
    let kept = 0;
    if (arrays.length <= 1) {
      // One field (most rules): the answer per value of the field, in a table by its id.
      const a = arrays.length ? arrays[0] : null;
      // 0: not asked yet, 1: no match, else the value id + 2.
      const memo = scratch.table(a === null ? 1 : limitOf(a) + 2);
      try {
        for (let p = 0; p < open.length; p++) {
          const row = open[p];
          const slot = a === null ? 0 : a[row] + 1;
          let g = memo[slot];
          if (g === 0) {
            g = evaluate(row) + 2;
            memo[slot] = g;
            scratch.touched.push(slot);
          }
          if (g === 1) left[kept++] = row;
          else {
            out.value[row] = g - 2;
            out.rule[row] = r;
          }
        }
      } finally {
        scratch.clear();
      }
    } else {
      const { id, reps } = combinations(arrays, n, open);
      const got = reps.map(evaluate);
      for (let p = 0; p < open.length; p++) {
        const row = open[p];
        const g = got[id[p]];
        if (g < 0) left[kept++] = row;
        else {
          out.value[row] = g;
          out.rule[row] = r;
        }
      }
    }
    open = left.subarray(0, kept);
  }
  return open;
}

function evaluateKey(fields: CubeFields, key: CompiledKey, def: TagKeyDef | undefined, done: readonly Int32Array[]): KeyResult {
  const n = fields.cube.size;
  const out: KeyResult = { value: new Int32Array(n), rule: new Int32Array(n).fill(-1) };
  const left = runRules(fields, key, def, done, 0, key.rules.length, allRows(n), out);
  const fallback = fields.values.intern(key.defaultValue);
  for (const row of left) out.value[row] = fallback;
  return out;
}

/**
 * The result of a key that differs from an evaluated one in one rule only (the analyst editing
 * a rule): groups an earlier rule took keep their value; the rest try the edited rule; those the
 * old rule had taken and the new one does not try the rules after it. The same answer as a full
 * evaluation, for the cost of one rule over the groups left at it.
 */
function evaluateEdit(fields: CubeFields, key: CompiledKey, def: TagKeyDef | undefined, done: readonly Int32Array[], base: KeyResult, at: number): KeyResult {
  const n = fields.cube.size;
  const out: KeyResult = { value: base.value.slice(), rule: base.rule.slice() };
  const open = new Int32Array(n);
  let m = 0;
  for (let row = 0; row < n; row++) if (base.rule[row] < 0 || base.rule[row] >= at) open[m++] = row;
  const missed = runRules(fields, key, def, done, at, at + 1, open.subarray(0, m), out);
  const retry = new Int32Array(missed.length);
  let t = 0;
  for (const row of missed) if (base.rule[row] === at) retry[t++] = row;
  const left = runRules(fields, key, def, done, at + 1, key.rules.length, retry.subarray(0, t), out);
  const fallback = fields.values.intern(key.defaultValue);
  for (const row of left) {
    out.value[row] = fallback;
    out.rule[row] = -1;
  }
  return out;
}

/** A key as evaluated: everything but its rules, and each enabled rule, as text for comparing. */
type KeyShape = { frame: string; rules: string[] };

function keyShape(key: CompiledKey, def: TagKeyDef | undefined, deps: string): KeyShape {
  const frame = JSON.stringify([key.key, key.defaultValue, def?.normalize ?? null, deps]);
  return { frame, rules: key.rules.map((r) => JSON.stringify(def?.rules[r.index] ?? r.id)) };
}

/** The one rule position where two shapes of a key differ, or -1 when they differ otherwise. */
function oneRuleApart(a: KeyShape, b: KeyShape): number {
  if (a.frame !== b.frame || a.rules.length !== b.rules.length) return -1;
  let at = -1;
  for (let i = 0; i < a.rules.length; i++) {
    if (a.rules[i] === b.rules[i]) continue;
    if (at >= 0) return -1;
    at = i;
  }
  return at;
}

/** Evaluates every key of a compiled rule set over the cube. */
export function tagCube(
  ws: CubeFields['ws'],
  cube: Cube,
  set: AllocationRuleSet,
  compiled: CompiledRuleSet,
  throwIfCancelled: () => void,
): Tagged {
  const s = session(cube);
  const keyIndex = keyIndexOf(compiled.keys);
  const fields = new CubeFields(ws, cube, s.values, keyIndex);
  const sigs = signatures(set, compiled.keys, keyIndex);
  const defs = new Map(set.keys.map((d) => [foldCase(d.key), d]));
  const value: Int32Array[] = [];
  const rule: Int32Array[] = [];
  compiled.keys.forEach((key, i) => {
    let kept = s.results.get(sigs[i]);
    if (kept === undefined) {
      throwIfCancelled();
      const def = defs.get(foldCase(key.key));
      const deps = key.dependsOn.map((d) => sigs[keyIndex(d) ?? -1] ?? d).join('\u0000');
      const name = foldCase(key.key);
      const shape = keyShape(key, def, deps);
      let result: KeyResult | null = null;
      for (const other of s.results.values()) {
        const at = other.key === name ? oneRuleApart(other.shape, shape) : -1;
        if (at >= 0) {
          result = evaluateEdit(fields, key, def, value, other.result, at);
          break;
        }
      }
      kept = { key: name, shape, result: result ?? evaluateKey(fields, key, def, value) };
      s.results.set(sigs[i], kept);
      if (s.results.size > RESULTS_KEPT) s.results.delete(s.results.keys().next().value as string);
    } else {
      // Most recently used last, so the oldest is dropped first.
      s.results.delete(sigs[i]);
      s.results.set(sigs[i], kept);
    }
    const r = kept.result;
    value.push(r.value);
    rule.push(r.rule);
  });
  return { keys: compiled.keys, keyIndex, value, rule, fields, values: s.values };
}
