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

type CubeSession = { values: ValueTable; results: Map<string, KeyResult> };

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
 * only sees what is left.
 */
function evaluateKey(fields: CubeFields, key: CompiledKey, def: TagKeyDef | undefined, done: readonly Int32Array[]): KeyResult {
  const { cube, values } = fields;
  const n = cube.size;
  const value = new Int32Array(n);
  const rule = new Int32Array(n).fill(-1);
  const missing = new Int32Array(n).fill(-1);
  const arrayOf = (f: FieldRef): ArrayLike<number> => {
    if (!f.startsWith('vtag:')) return fields.ids(f);
    const k = fields.vtagKey(f);
    return k === undefined || done[k] === undefined ? missing : done[k];
  };
  const view = fields.view();
  let open = allRows(n);
  key.rules.forEach((compiled, r) => {
    if (open.length === 0) return;
    const source = def?.rules[compiled.index];
    const arrays = (source ? ruleFields(source) : key.fields).map(arrayOf);
    if (source ? Boolean(source.from || source.to) : key.usesDates) arrays.push(cube.period);
    const { id, reps } = combinations(arrays, n, open);
    const got = reps.map((row) => {
      const v = compiled.apply(view.at(row, (k) => done[k]?.[row] ?? -1));
      return v === null ? -1 : values.intern(v);
    });
    const left = new Int32Array(open.length);
    let kept = 0;
    for (let p = 0; p < open.length; p++) {
      const row = open[p];
      const g = got[id[p]];
      if (g < 0) left[kept++] = row;
      else {
        value[row] = g;
        rule[row] = r;
      }
    }
    open = left.subarray(0, kept);
  });
  const fallback = values.intern(key.defaultValue);
  for (const row of open) value[row] = fallback;
  return { value, rule };
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
    let r = s.results.get(sigs[i]);
    if (r === undefined) {
      throwIfCancelled();
      r = evaluateKey(fields, key, defs.get(foldCase(key.key)), value);
      s.results.set(sigs[i], r);
      if (s.results.size > RESULTS_KEPT) s.results.delete(s.results.keys().next().value as string);
    } else {
      // Most recently used last, so the oldest is dropped first.
      s.results.delete(sigs[i]);
      s.results.set(sigs[i], r);
    }
    value.push(r.value);
    rule.push(r.rule);
  });
  return { keys: compiled.keys, keyIndex, value, rule, fields, values: s.values };
}
