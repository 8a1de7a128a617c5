/**
 * One allocation: the cube the rule set needs (cached), its virtual tags, then its splits over
 * the allocated lines. Everything the handlers report (result, lines, trail, preview) is read
 * from an `AllocationRun`.
 */
import type { AllocationColumn, AllocationRuleSet, FieldRef, RuleSetProblem } from '../../shared/allocation-contract';
import { EngineError } from '../../shared/errors';
import type { Workspace } from '../db/workspace';
import { CubeCache, cubeSpecOf, groupAmount, SplitSum, type Cube, type CubeSpec, type Measure } from './cube';
import type { ReadMetricWeights } from './metric-source';
import { compileRuleSet, ruleSetFields } from './rules';
import type { CompiledRuleSet, CompiledSplit } from './rules/types';
import { combinations, groupTuples } from './row-fields';
import { runSplits, type Line, type SplitOutcome } from './splits';
import { tagCube, type Tagged } from './tagging';

/** Columns every cube carries so the preview can say what is left unallocated. */
export const IDENTIFIER_COLUMNS: readonly AllocationColumn[] = ['ProviderName', 'SubAccountName', 'x_Project'];

export type AllocationRun = {
  set: AllocationRuleSet;
  compiled: CompiledRuleSet;
  cube: Cube;
  tagged: Tagged;
  /** Allocated lines of invoiced cost after every split (in the period, when one was asked). */
  lines: Line[];
  outcomes: SplitOutcome[];
  /** Cube groups from usage sources (no cost, usage weights only). */
  usageRows: number[];
};

export type RunOptions = {
  /** yyyymm to keep, or null for everything. */
  month: number | null;
  /** Currency id whose per-value figures each split keeps (-1: none). */
  trackCurrency?: number;
  /**
   * Only what one key's figures need (see `focusOn`); absent: every key and every split. With
   * `rules`, lines also keep apart the tag rules of that key (for per-rule figures and lines).
   */
  focus?: { key: number; rules: boolean };
  throwIfCancelled(): void;
};

/**
 * The splits a key's figures depend on, in order, and the keys whose values those splits read;
 * `lead` is the key itself (-1: every key).
 */
export type Focus = { splits: CompiledSplit[]; keys: Set<number>; lead: number };

/**
 * A split moves cost between values of its own key only, and the shares of a line keep every
 * other key's value and sum exactly to it; so a key's totals depend on the splits on that key
 * and, through their pools, on the splits on keys those pools read before them, and on no other.
 * Walked backwards: a split counts when its key is needed by a split that counts after it.
 */
export function focusOn(compiled: CompiledRuleSet, keyIndex: (key: string) => number | undefined, k: number): Focus {
  const keys = new Set([k]);
  const splits: CompiledSplit[] = [];
  for (let i = compiled.splits.length - 1; i >= 0; i--) {
    const s = compiled.splits[i];
    const sk = keyIndex(s.rule.key);
    if (sk === undefined || !keys.has(sk)) continue;
    splits.push(s);
    for (const f of s.fields) {
      const read = f.startsWith('vtag:') ? keyIndex(f.slice(5)) : undefined;
      if (read !== undefined) keys.add(read);
    }
  }
  return { splits: splits.reverse(), keys, lead: k };
}

/**
 * What the cube must hold for a rule set: the fields its enabled rules and splits read, by day
 * when any split measures per day or any rule or split is date-bound, else by month.
 */
export function cubeSpecFor(set: AllocationRuleSet): CubeSpec {
  const { fields, usesDates } = ruleSetFields(set);
  const daily = usesDates || set.splits.some((s) => s.enabled !== false && s.period === 'day');
  return cubeSpecOf(fields, daily ? 'day' : 'month', IDENTIFIER_COLUMNS);
}

/** Rule-set problems travel in `details.problems`, where a file's row problems travel too. */
export function problemDetails(problems: RuleSetProblem[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...extra, problems };
}

/** "<lead>: <first problem> (at keys[0].rules[1].when) (3 problems in all)." */
export function problemsMessage(problems: readonly RuleSetProblem[], lead: string): string {
  const p = problems[0];
  const more = problems.length > 1 ? ` (${problems.length} problems in all)` : '';
  return `${lead}: ${p.message.replace(/\.$/, '')}${p.path ? ` (at ${p.path})` : ''}${more}.`;
}

/** Compiles a rule set the caller means to apply; problems refuse it with every problem listed. */
export function compileOrRefuse(set: AllocationRuleSet): CompiledRuleSet {
  const compiled = compileRuleSet(set);
  if (compiled.problems.length) {
    throw new EngineError('allocation/invalid-rules', problemsMessage(compiled.problems, 'The rules have a problem'), problemDetails(compiled.problems));
  }
  return compiled;
}

/** Allocation over one workspace: cubes cached by data version. */
export class AllocationRuntime {
  private readonly cubes = new CubeCache();
  private readonly runs = new RunMemo();

  constructor(
    private readonly dataVersion: () => number,
    private readonly metrics: (ws: Workspace) => ReadMetricWeights,
  ) {}

  cube(ws: Workspace, set: AllocationRuleSet): Cube {
    return this.cubes.get(ws, this.dataVersion(), cubeSpecFor(set));
  }

  run(ws: Workspace, set: AllocationRuleSet, compiled: CompiledRuleSet, opts: RunOptions): AllocationRun {
    const cube = this.cube(ws, set);
    opts.throwIfCancelled();
    const tagged = tagCube(ws, cube, set, compiled, opts.throwIfCancelled);
    opts.throwIfCancelled();
    const focus: Focus = opts.focus ? focusOn(compiled, tagged.keyIndex, opts.focus.key) : { splits: compiled.splits, keys: new Set(compiled.keys.map((_, i) => i)), lead: -1 };
    const ruleKey = opts.focus?.rules ? opts.focus.key : -1;
    const trackCurrency = opts.trackCurrency ?? -1;
    const memo = this.runs.key(tagged, focus, ruleKey, opts.month, trackCurrency);
    let done = memo === null ? undefined : this.runs.get(cube, memo);
    if (done === undefined) {
      const { lines, usageRows } = collapse(tagged, focus, ruleKey, opts.month);
      const { lines: allocated, outcomes } = runSplits({
        tagged,
        splits: focus.splits,
        lines,
        usageRows,
        readMetric: this.metrics(ws),
        trackCurrency,
        throwIfCancelled: opts.throwIfCancelled,
      });
      done = { lines: allocated, outcomes, usageRows };
      if (memo !== null) this.runs.set(cube, memo, done);
    }
    return { set, compiled, cube, tagged, ...done };
  }
}

type RunParts = Pick<AllocationRun, 'lines' | 'outcomes' | 'usageRows'>;

/** Runs kept per cube: a preview makes one per key, and a draft changes one or two of them. */
const RUNS_KEPT = 8;

/**
 * Lines and split outcomes by what they were computed from: the cube, the value (and rule)
 * arrays of the keys the focus needs (arrays are never changed once made, and tagging hands out
 * the same arrays for the same key definitions), the splits and the period. A keystroke in the
 * rule builder changes one key, so the runs of keys that do not depend on it are reused.
 * Runs reading business metrics are not kept: metrics can be imported without the data changing.
 */
class RunMemo {
  private readonly byCube = new WeakMap<Cube, Map<string, RunParts>>();
  private readonly arrayIds = new WeakMap<Int32Array, number>();
  private nextId = 1;

  private idOf(a: Int32Array): number {
    let id = this.arrayIds.get(a);
    if (id === undefined) this.arrayIds.set(a, (id = this.nextId++));
    return id;
  }

  key(tagged: Tagged, focus: Focus, ruleKey: number, month: number | null, track: number): string | null {
    if (focus.splits.some((s) => s.rule.method === 'usage' && (s.rule.usage ?? 'tokens').startsWith('metric:'))) return null;
    const arrays = [...focus.keys].sort((a, b) => a - b).map((k) => `${k}:${this.idOf(tagged.value[k])}`);
    const rules = ruleKey >= 0 ? this.idOf(tagged.rule[ruleKey]) : 0;
    return JSON.stringify([arrays, ruleKey, rules, month, track, focus.splits.map((s) => [s.index, s.rule])]);
  }

  get(cube: Cube, key: string): RunParts | undefined {
    const byKey = this.byCube.get(cube);
    const found = byKey?.get(key);
    if (byKey !== undefined && found !== undefined) {
      byKey.delete(key);
      byKey.set(key, found);
    }
    return found;
  }

  set(cube: Cube, key: string, parts: RunParts): void {
    let byKey = this.byCube.get(cube);
    if (byKey === undefined) this.byCube.set(cube, (byKey = new Map()));
    byKey.set(key, parts);
    if (byKey.size > RUNS_KEPT) byKey.delete(byKey.keys().next().value as string);
  }
}

/** Per cube: combination ids of period, currency and the fields pools read, by those fields. */
const staticIds = new WeakMap<Cube, Map<string, Int32Array>>();
/** Combinations kept per cube: a few sets of pool fields, by day or month. */
const STATIC_KEPT = 16;

/** What does not change with the tag rules, combined once per cube, grain and set of pool fields. */
function staticCombos(tagged: Tagged, poolFields: readonly FieldRef[], daily: boolean): Int32Array {
  const { cube } = tagged.fields;
  let byFields = staticIds.get(cube);
  if (byFields === undefined) staticIds.set(cube, (byFields = new Map()));
  const sig = `${daily ? 'd' : 'm'}\u0000${[...poolFields].sort().join('\u0000')}`;
  let id = byFields.get(sig);
  if (id === undefined) {
    id = combinations([daily ? cube.period : cube.month, cube.currency, ...poolFields.map((f) => tagged.fields.ids(f))], cube.size).id;
    byFields.set(sig, id);
    if (byFields.size > STATIC_KEPT) byFields.delete(byFields.keys().next().value as string);
  }
  return id;
}

/** Combinations of arrays that outlive a draft, per cube, by the arrays' identities. */
const settled = new WeakMap<Cube, Map<string, { id: Int32Array; reps: number[] }>>();
const arrayIds = new WeakMap<Int32Array, number>();
let nextArrayId = 1;
const SETTLED_KEPT = 8;

function settledCombos(cube: Cube, arrays: Int32Array[]): { id: Int32Array; reps: number[] } {
  let byArrays = settled.get(cube);
  if (byArrays === undefined) settled.set(cube, (byArrays = new Map()));
  const sig = arrays
    .map((a) => {
      let id = arrayIds.get(a);
      if (id === undefined) arrayIds.set(a, (id = nextArrayId++));
      return id;
    })
    .join(',');
  let found = byArrays.get(sig);
  if (found === undefined) {
    found = groupTuples(arrays, cube.size);
    byArrays.set(sig, found);
    if (byArrays.size > SETTLED_KEPT) byArrays.delete(byArrays.keys().next().value as string);
  }
  return found;
}

/** What a line adds up from its cube groups. */
type LineSums = Pick<Line, 'members' | 'billed' | 'effective' | 'list' | 'tokens' | 'requests' | 'count'>;

/**
 * Sums of the lines last made from each cube, by their first group. An edited rule moves a few
 * groups; every other line holds the same groups as before, and its sums (three BigInts each)
 * are not made again.
 */
const lineSums = new WeakMap<Cube, Map<number, LineSums>>();

function sameRows(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sumLine(cube: Cube, members: Int32Array): LineSums {
  let tokens = 0;
  let requests = 0;
  let count = 0;
  for (const m of members) {
    tokens += cube.tokens[m];
    requests += cube.requests[m];
    count += cube.count[m];
  }
  // Amounts added as split doubles: a BigInt per line, none per group.
  const amount = (m: Measure): bigint => {
    if (members.length === 1) return groupAmount(cube, m, members[0]);
    const { hi, lo } = cube.split[m];
    const sum = new SplitSum();
    for (const g of members) sum.add(hi[g], lo[g]);
    return sum.pico();
  };
  return { members, billed: amount('billed'), effective: amount('effective'), list: amount('list'), tokens, requests, count };
}

/**
 * The allocated lines before any split: cube groups that nothing downstream tells apart (same
 * period, currency and value of every key the focus needs, the same text in every field a
 * split's pool reads, and the same rule of `ruleKey` when one is asked for) are one line. Splits
 * then work on a few thousand lines, not on every group, and each line's shares still sum
 * exactly to it. The period is the day only when a split or pool needs it. Keys outside the
 * focus read -1 on every line. Usage-source groups are kept aside as weights.
 */
function collapse(tagged: Tagged, focus: Focus, ruleKey: number, month: number | null): { lines: Line[]; usageRows: number[] } {
  const { cube } = tagged.fields;
  const poolFields = [...new Set(focus.splits.flatMap((s) => s.fields))].filter((f) => !f.startsWith('vtag:'));
  const daily = cube.spec.grain === 'day' && focus.splits.some((s) => s.rule.period === 'day' || s.usesDates);
  const kept = tagged.value.map((v, i) => (focus.keys.has(i) ? v : null));
  const valueArrays = kept.filter((v): v is Int32Array => v !== null);
  // The focus key's values (and rules) change with every draft of it; what else tells lines apart
  // is combined once and kept, so a draft costs one pass over the groups, not one per field.
  const lead = focus.lead;
  // Rules are kept apart only for the focus key (ruleKey is the lead or -1).
  const moving = lead < 0 ? [] : [tagged.value[lead], ...(ruleKey === lead ? [tagged.rule[lead]] : [])];
  const still = [staticCombos(tagged, poolFields, daily), ...valueArrays.filter((v) => lead < 0 || v !== tagged.value[lead])];
  const base = settledCombos(cube, still);
  const { id, reps } = moving.length ? combinations([base.id, ...moving], cube.size) : base;
  // One value list per combination of values: lines never change a list, and splits share theirs.
  const valsId = combinations(valueArrays, cube.size, Int32Array.from(reps));
  const valsOfRep = new Map<number, number>();
  reps.forEach((row, c) => valsOfRep.set(row, valsId.id[c]));
  const valsOf: number[][] = [];
  const usageRows: number[] = [];
  // Members of each combination, in row order, as slices of one array (a counting sort by line).
  const counts = new Int32Array(reps.length + 1);
  for (let row = 0; row < cube.size; row++) {
    if (month !== null && cube.month[row] !== month) continue;
    if (cube.usage[row] === 1) usageRows.push(row);
    else counts[id[row] + 1]++;
  }
  for (let c = 0; c < reps.length; c++) counts[c + 1] += counts[c];
  const order = new Int32Array(counts[reps.length]);
  const fill = counts.slice(0, reps.length);
  for (let row = 0; row < cube.size; row++) {
    if ((month !== null && cube.month[row] !== month) || cube.usage[row] === 1) continue;
    order[fill[id[row]]++] = row;
  }
  let known = lineSums.get(cube);
  if (known === undefined) lineSums.set(cube, (known = new Map()));
  const lines: Line[] = [];
  for (let c = 0; c < reps.length; c++) {
    if (counts[c + 1] === counts[c]) continue;
    const members = order.subarray(counts[c], counts[c + 1]);
    const row = members[0];
    let sums = known.get(row);
    if (sums === undefined || !sameRows(sums.members, members)) {
      sums = sumLine(cube, members);
      known.set(row, sums);
    }
    lines.push({
      row,
      members,
      vals: (valsOf[valsOfRep.get(row) as number] ??= kept.map((v) => (v === null ? -1 : v[row]))),
      billed: sums.billed,
      effective: sums.effective,
      list: sums.list,
      tokens: sums.tokens,
      requests: sums.requests,
      count: sums.count,
      step: null,
    });
  }
  return { lines, usageRows };
}

/**
 * One run per key, each with only the splits that key's figures depend on, and every split's
 * outcome taken from the run of its own key, in the rule set's order: what the results of each
 * key saw, so a charge's trail and the preview agree with them.
 */
export function runsByKey(
  runtime: AllocationRuntime,
  ws: Workspace,
  set: AllocationRuleSet,
  compiled: CompiledRuleSet,
  opts: Omit<RunOptions, 'focus'>,
): { runs: AllocationRun[]; outcomes: SplitOutcome[] } {
  const runs = compiled.keys.map((_, i) => runtime.run(ws, set, compiled, { ...opts, focus: { key: i, rules: false } }));
  const keyIndex = runs[0]?.tagged.keyIndex ?? (() => undefined);
  const outcomes = compiled.splits.flatMap((split) => {
    const k = keyIndex(split.rule.key);
    return (k === undefined ? [] : runs[k].outcomes).filter((o) => o.split.index === split.index);
  });
  return { runs, outcomes };
}

/** 'YYYY-MM' as yyyymm; null when absent. */
export function monthArg(period: string | null | undefined): number | null {
  if (period === null || period === undefined || period === '') return null;
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m === null || Number(m[2]) < 1 || Number(m[2]) > 12) {
    throw new EngineError('engine/internal', `The period must be written YYYY-MM, e.g. 2026-03; got “${period}”.`, { period });
  }
  return Number(m[1]) * 100 + Number(m[2]);
}
