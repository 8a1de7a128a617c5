/**
 * Virtual tags over the cube: every key, in evaluation order, rule by rule, each rule once per
 * distinct combination of the fields it reads (and the day, when it is date-bound) among the
 * groups no earlier rule took; the value and rule are kept per cube group. A key's result is also kept per cube under the key's
 * definition (and those of the keys it reads), so editing one key in the preview re-evaluates
 * that key and the keys that read it, not every key.
 */
import type { AllocationRuleSet, ConditionGroup, FieldRef, TagKeyDef, TagRule } from '../../shared/allocation-contract';
import type { Cube } from './cube';
import { combinations, CubeFields, groupTuples, ValueTable } from './row-fields';
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
    const arrays = sorted.map((f) => fields.ids(f));
    if (dated) arrays.push(cube.period);
    id = groupTuples(arrays, cube.size).id;
    bySig.set(sig, id);
    if (bySig.size > COMBOS_KEPT) bySig.delete(bySig.keys().next().value as string);
  }
  return id;
}

/** Rows of each value of an array, grouped: the values present, and where each one's rows start. */
type ValueIndex = { present: Int32Array; starts: Int32Array; rows: Int32Array };
const indexes = new WeakMap<Int32Array, ValueIndex>();

/** Groups an array's positions by value (a counting sort), once per array. */
function valueIndex(a: Int32Array): ValueIndex {
  let ix = indexes.get(a);
  if (ix !== undefined) return ix;
  // Slot v + 1 for value v (v >= -1).
  const slots = limitOf(a) + 2;
  const starts = new Int32Array(slots + 1);
  for (let i = 0; i < a.length; i++) starts[a[i] + 2]++;
  let present = 0;
  for (let v = 1; v <= slots; v++) {
    if (starts[v] > 0) present++;
    starts[v] += starts[v - 1];
  }
  const rows = new Int32Array(a.length);
  const fill = starts.slice(0, slots);
  for (let i = 0; i < a.length; i++) rows[fill[a[i] + 1]++] = i;
  const list = new Int32Array(present);
  let at = 0;
  for (let v = 0; v < slots; v++) if (starts[v + 1] > starts[v]) list[at++] = v;
  ix = { present: list, starts, rows };
  indexes.set(a, ix);
  return ix;
}

/** How one rule is read over the cube: one array whose equal entries the rule answers alike. */
class RuleReader {
  private readonly missing: Int32Array;
  private readonly view;

  constructor(
    private readonly fields: CubeFields,
    private readonly key: CompiledKey,
    private readonly def: TagKeyDef | undefined,
    private readonly done: readonly Int32Array[],
  ) {
    this.missing = new Int32Array(fields.cube.size).fill(-1);
    this.view = fields.view();
  }

  private arrayOf(f: FieldRef): Int32Array {
    if (!f.startsWith('vtag:')) return this.fields.ids(f);
    const k = this.fields.vtagKey(f);
    return k === undefined || this.done[k] === undefined ? this.missing : this.done[k];
  }

  /** The array rule `r` is answered by: its one field, or the combination of what it reads. */
  array(r: number): Int32Array {
    const { cube } = this.fields;
    const source = this.def?.rules[this.key.rules[r].index];
    const read = source ? ruleFields(source) : this.key.fields;
    const dated = source ? Boolean(source.from || source.to) : this.key.usesDates;
    if (read.length + (dated ? 1 : 0) <= 1) return read.length ? this.arrayOf(read[0]) : this.missing;
    // Stored fields only: their combination is the same for every rule reading them, so it is
    // made once per cube over every group.
    if (!read.some((f) => f.startsWith('vtag:'))) return storedCombination(this.fields, read, dated);
    const arrays: ArrayLike<number>[] = read.map((f) => this.arrayOf(f));
    if (dated) arrays.push(cube.period);
    return combinations(arrays, cube.size).id;
  }

  /** Rule `r`'s value id at a row (-1: no match). */
  evaluate(r: number, row: number): number {
    const v = this.key.rules[r].apply(this.view.at(row, (k) => this.done[k]?.[row] ?? -1));
    return v === null ? -1 : this.fields.values.intern(v);
  }
}

/**
 * Rules `from` to `to` (exclusive), in order, over every group not taken by an earlier rule (a
 * group whose rule is -1, or `from` or later: what an edited rule may take over). Each rule is
 * asked once per value of what it reads, and only the groups of the values it matches are
 * visited: a specific rule costs its few matches, not a pass over the cube.
 */
function runRulesIndexed(reader: RuleReader, from: number, to: number, out: KeyResult): void {
  for (let r = from; r < to; r++) {
    const { present, starts, rows } = valueIndex(reader.array(r));
    for (let i = 0; i < present.length; i++) {
      const v = present[i];
      const first = starts[v];
      const end = starts[v + 1];
      const g = reader.evaluate(r, rows[first]);
      if (g < 0) continue;
      for (let p = first; p < end; p++) {
        const row = rows[p];
        const cur = out.rule[row];
        if (cur < 0 || cur >= r) {
          out.value[row] = g;
          out.rule[row] = r;
        }
      }
    }
  }
}

/** Rules `from` to `to` over a few groups (`open`); returns the groups none of them took. */
function runRulesOn(reader: RuleReader, from: number, to: number, open: Int32Array, out: KeyResult): Int32Array {
  for (let r = from; r < to && open.length > 0; r++) {
    const a = reader.array(r);
    const got = new Map<number, number>();
    const left = new Int32Array(open.length);
    let kept = 0;
    for (const row of open) {
      let g = got.get(a[row]);
      if (g === undefined) got.set(a[row], (g = reader.evaluate(r, row)));
      if (g < 0) left[kept++] = row;
      else {
        out.value[row] = g;
        out.rule[row] = r;
      }
    }
    open = left.subarray(0, kept);
  }
  return open;
}

function evaluateKey(fields: CubeFields, key: CompiledKey, def: TagKeyDef | undefined, done: readonly Int32Array[]): KeyResult {
  const n = fields.cube.size;
  const out: KeyResult = { value: new Int32Array(n), rule: new Int32Array(n).fill(-1) };
  runRulesIndexed(new RuleReader(fields, key, def, done), 0, key.rules.length, out);
  const fallback = fields.values.intern(key.defaultValue);
  for (let row = 0; row < n; row++) if (out.rule[row] < 0) out.value[row] = fallback;
  return out;
}

/**
 * The result of a key that differs from an evaluated one in one rule only (the analyst editing
 * a rule): groups an earlier rule took keep their value; the rest try the edited rule; those the
 * old rule had taken and the new one does not try the rules after it. The same answer as a full
 * evaluation, for the cost of one rule.
 */
function evaluateEdit(fields: CubeFields, key: CompiledKey, def: TagKeyDef | undefined, done: readonly Int32Array[], base: KeyResult, at: number): KeyResult {
  const n = fields.cube.size;
  const out: KeyResult = { value: base.value.slice(), rule: base.rule.slice() };
  // What the old rule took is open again.
  const was: number[] = [];
  for (let row = 0; row < n; row++) {
    if (base.rule[row] === at) {
      was.push(row);
      out.rule[row] = -1;
    }
  }
  const reader = new RuleReader(fields, key, def, done);
  runRulesIndexed(reader, at, at + 1, out);
  const retry = Int32Array.from(was.filter((row) => out.rule[row] < 0));
  const left = runRulesOn(reader, at + 1, key.rules.length, retry, out);
  const fallback = fields.values.intern(key.defaultValue);
  for (const row of left) out.value[row] = fallback;
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
