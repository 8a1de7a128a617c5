/**
 * One allocation: the cube the rule set needs (cached), its virtual tags, then its splits over
 * the allocated lines. Everything the handlers report (result, lines, trail, preview) is read
 * from an `AllocationRun`.
 */
import type { AllocationColumn, AllocationRuleSet, FieldRef, RuleSetProblem } from '../../shared/allocation-contract';
import { EngineError } from '../../shared/errors';
import type { Workspace } from '../db/workspace';
import { CubeCache, cubeSpecOf, SplitSum, type Cube, type CubeSpec } from './cube';
import type { ReadMetricWeights } from './metric-source';
import { compileRuleSet, ruleSetFields } from './rules';
import type { CompiledRuleSet } from './rules/types';
import { combinations } from './row-fields';
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
  /** Lines before the first split (tag rules only). */
  tagLines: Line[];
  outcomes: SplitOutcome[];
  /** Cube groups from usage sources (no cost, usage weights only). */
  usageRows: number[];
};

export type RunOptions = {
  /** yyyymm to keep, or null for everything. */
  month: number | null;
  /** Currency id whose per-value figures each split keeps (-1: none). */
  trackCurrency?: number;
  throwIfCancelled(): void;
};

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
    const { lines, usageRows } = collapse(tagged, compiled, opts.month);
    const { lines: allocated, outcomes } = runSplits({
      tagged,
      splits: compiled.splits,
      lines,
      usageRows,
      readMetric: this.metrics(ws),
      trackCurrency: opts.trackCurrency ?? -1,
      throwIfCancelled: opts.throwIfCancelled,
    });
    return { set, compiled, cube, tagged, lines: allocated, tagLines: lines, outcomes, usageRows };
  }
}

/** Per cube: combination ids of period, currency and the fields pools read, by those fields. */
const staticIds = new WeakMap<Cube, Map<string, Int32Array>>();

/** What does not change with the tag rules, combined once per cube and set of pool fields. */
function staticCombos(tagged: Tagged, poolFields: readonly FieldRef[]): Int32Array {
  const { cube } = tagged.fields;
  let byFields = staticIds.get(cube);
  if (byFields === undefined) staticIds.set(cube, (byFields = new Map()));
  const sig = [...poolFields].sort().join('\u0000');
  let id = byFields.get(sig);
  if (id === undefined) {
    id = combinations([cube.period, cube.currency, ...poolFields.map((f) => tagged.fields.ids(f))], cube.size).id;
    byFields.set(sig, id);
  }
  return id;
}

/**
 * The allocated lines before any split: cube groups that nothing downstream tells apart (same
 * period, currency, value and rule of every key, and the same text in every field a split's
 * pool reads) are one line. Splits then work on a few thousand lines, not on every group, and
 * each line's shares still sum exactly to it. Usage-source groups are kept aside as weights.
 */
function collapse(tagged: Tagged, compiled: CompiledRuleSet, month: number | null): { lines: Line[]; usageRows: number[] } {
  const { cube } = tagged.fields;
  const poolFields = [...new Set(compiled.splits.flatMap((s) => s.fields))].filter((f) => !f.startsWith('vtag:'));
  const { id, reps } = combinations([staticCombos(tagged, poolFields), ...tagged.value, ...tagged.rule], cube.size);
  const byCombo = new Array<Line | undefined>(reps.length);
  // One value list per combination of values: lines never change a list, and splits share theirs.
  const valsId = combinations(tagged.value, cube.size).id;
  const valsOf: number[][] = [];
  const lines: Line[] = [];
  const usageRows: number[] = [];
  for (let row = 0; row < cube.size; row++) {
    if (month !== null && cube.month[row] !== month) continue;
    if (cube.usage[row] === 1) {
      usageRows.push(row);
      continue;
    }
    const same = byCombo[id[row]];
    if (same !== undefined) {
      (same.members as number[]).push(row);
      same.tokens += cube.tokens[row];
      same.requests += cube.requests[row];
      same.count += cube.count[row];
      continue;
    }
    const line: Line = {
      row,
      members: [row],
      vals: (valsOf[valsId[row]] ??= tagged.value.map((v) => v[row])),
      billed: cube.billed[row],
      effective: cube.effective[row],
      list: cube.list[row],
      tokens: cube.tokens[row],
      requests: cube.requests[row],
      count: cube.count[row],
      step: null,
    };
    byCombo[id[row]] = line;
    lines.push(line);
  }
  // Amounts of merged groups, added as split doubles: no BigInt per group.
  for (const line of lines) {
    if (line.members.length === 1) continue;
    for (const m of ['billed', 'effective', 'list'] as const) {
      const { hi, lo } = cube.split[m];
      const sum = new SplitSum();
      for (const row of line.members) sum.add(hi[row], lo[row]);
      line[m] = sum.pico();
    }
  }
  return { lines, usageRows };
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
