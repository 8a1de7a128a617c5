/**
 * Split rules over allocated lines. Each split, in order, takes the lines its pool matches (a
 * pool reads the current values, so a later split can split what an earlier one produced) and
 * shares each of them among the targets, in proportion to the targets' weights in the line's
 * period: the largest-remainder method at the picodollar, for billed, effective and list cost
 * separately, so the shares of every line sum exactly to it.
 */
import type { SplitRule } from '../../shared/allocation-contract';
import { largestRemainder } from './largest-remainder';
import { poolTest } from './pool-memo';
import type { ReadMetricWeights } from './metric-source';
import type { CompiledKey, CompiledSplit } from './rules/types';
import type { Tagged } from './tagging';

/** How a line came to its value: the split that moved it, from which value, with what weight. */
export type Step = { split: number; from: number; weight: bigint; total: bigint; prev: Step | null };

export type Line = {
  /**
   * A cube group standing for all of `members`: they share period, currency, every key's value
   * and rule, and everything a split's pool reads, so the line reads the same through any of them.
   */
  row: number;
  /** The cube groups whose charges the line holds (a share: a part of them). */
  members: Int32Array;
  /** Current value id per key (evaluation order). */
  vals: number[];
  billed: bigint;
  effective: bigint;
  list: bigint;
  /** Usage moves with cost, so a later usage split sees where it went. */
  tokens: number;
  requests: number;
  /** Charges behind the line. */
  count: number;
  step: Step | null;
};

/** Targets (value ids, in value order) and positive weights; null: the pool stays where it is. */
export type Plan = { targets: number[]; names: string[]; weights: bigint[]; total: bigint; even: boolean } | null;

export type SplitOutcome = {
  split: CompiledSplit;
  keyIndex: number;
  /** Whether plans are per UTC day (unix day numbers) or per month (yyyymm). */
  grain: 'day' | 'month';
  /** The plan for a period (unix day or yyyymm, by the split's period) and currency id. */
  planFor(period: number, currency: number): Plan;
  /** Per currency id: charges and billed cost taken from the pool, and billed cost left in place. */
  pooled: Map<number, { rows: number; billed: bigint }>;
  kept: Map<number, bigint>;
  notes: string[];
  /** Billed cost per value of the split's key in the tracked currency, before and after. */
  before: Map<number, bigint>;
  after: Map<number, bigint>;
};

export type SplitInput = {
  tagged: Tagged;
  splits: readonly CompiledSplit[];
  lines: Line[];
  /** Cube groups from usage sources: weights only. */
  usageRows: readonly number[];
  readMetric: ReadMetricWeights;
  /** Currency id whose before/after figures are kept (-1: none). */
  trackCurrency: number;
  throwIfCancelled(): void;
};

const NOTES_KEPT = 12;
/** Period and currency in one map key; string ids stay far below 2^26. */
const CURRENCY_SPAN = 67_108_864;

/** Weights are compared as integers: usage quantities (possibly fractional) at a micro-unit scale. */
function weightOf(x: number): bigint {
  if (!(x > 0)) return 0n;
  const scaled = x * 1e6;
  return scaled < 9e15 ? BigInt(Math.round(scaled)) : BigInt(Math.round(x)) * 1_000_000n;
}

function periodLabel(period: number, grain: 'day' | 'month'): string {
  if (grain === 'month') return `${Math.floor(period / 100)}-${String(period % 100).padStart(2, '0')}`;
  return new Date(period * 86_400_000).toISOString().slice(0, 10);
}

function measureLabel(rule: SplitRule): string {
  switch (rule.method) {
    case 'cost':
      return 'cost';
    case 'usage':
      return rule.usage === undefined || rule.usage === 'tokens' ? 'tokens' : rule.usage === 'requests' ? 'requests' : rule.usage.slice(7);
    default:
      return 'weight';
  }
}

function addTo<K>(m: Map<K, bigint>, k: K, v: bigint): void {
  m.set(k, (m.get(k) ?? 0n) + v);
}

function addNum<K>(m: Map<K, number>, k: K, v: number): void {
  m.set(k, (m.get(k) ?? 0) + v);
}

function nested<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) m.set(k, (v = make()));
  return v;
}

class SplitRun {
  readonly key: CompiledKey;
  readonly grain: 'day' | 'month';
  readonly rule: SplitRule;
  readonly byCost: boolean;
  private readonly plans = new Map<number, Plan>();
  /** Values holding cost (or usage, for usage splits) outside the pool, per period. */
  private readonly present = new Map<number, Set<number>>();
  private readonly cost = new Map<number, Map<number, bigint>>();
  private readonly usage = new Map<number, Map<number, number>>();
  readonly notes: string[] = [];
  private readonly pendingNotes: { period: number; currency: number; text: string }[] = [];
  private readonly defaultId: number;

  constructor(
    private readonly input: SplitInput,
    readonly split: CompiledSplit,
    readonly k: number,
  ) {
    this.key = input.tagged.keys[k];
    this.rule = split.rule;
    const cube = input.tagged.fields.cube;
    this.grain = split.rule.period === 'day' && cube.spec.grain === 'day' ? 'day' : 'month';
    this.byCost = split.rule.method === 'cost';
    this.defaultId = input.tagged.values.intern(this.key.defaultValue);
  }

  periodOf(row: number): number {
    const cube = this.input.tagged.fields.cube;
    return this.grain === 'day' ? cube.period[row] : cube.month[row];
  }

  /** Weights measured on what the pool does not hold. */
  measure(others: readonly Line[]): void {
    const { rule, k } = this;
    const cube = this.input.tagged.fields.cube;
    const usageMeasure = rule.method === 'usage' ? (rule.usage ?? 'tokens') : null;
    for (const l of others) {
      const p = this.periodOf(l.row);
      const v = l.vals[k];
      if (usageMeasure === 'tokens' || usageMeasure === 'requests') {
        const u = usageMeasure === 'tokens' ? l.tokens : l.requests;
        if (u !== 0) addNum(nested(this.usage, p, () => new Map()), v, u);
      } else if (l.billed !== 0n) nested(this.present, p, () => new Set()).add(v);
      if (this.byCost) addTo(nested(this.cost, p * CURRENCY_SPAN + cube.currency[l.row], () => new Map()), v, l.billed);
    }
    if (usageMeasure === 'tokens' || usageMeasure === 'requests') {
      const value = this.input.tagged.value[k];
      for (const row of this.input.usageRows) {
        const u = usageMeasure === 'tokens' ? cube.tokens[row] : cube.requests[row];
        if (u !== 0) addNum(nested(this.usage, this.periodOf(row), () => new Map()), value[row], u);
      }
    } else if (usageMeasure !== null) {
      const weights = this.input.readMetric(usageMeasure.slice(7), this.key.key, this.grain);
      const values = this.input.tagged.values;
      for (const [p, byValue] of weights) {
        const period = this.grain === 'day' ? Math.floor(p / 86_400) : p;
        const out = nested(this.usage, period, () => new Map());
        for (const [v, q] of byValue) if (q > 0) addNum(out, values.intern(this.key.normalize(v)), q);
      }
    }
  }

  private note(period: number, currency: number, text: string): void {
    this.pendingNotes.push({ period, currency, text });
  }

  /**
   * The first periods' notes, earliest first (then by currency), whatever order the lines came
   * in; "... and 40 more periods" when notes were left out.
   */
  finishNotes(): void {
    const all = this.pendingNotes.sort((a, b) => a.period - b.period || a.currency - b.currency);
    for (const { period, currency, text } of all.slice(0, NOTES_KEPT)) {
      const cur = this.byCost && currency > 0 ? ` (${this.input.tagged.fields.ws.strings.valueOf(currency)})` : '';
      this.notes.push(`${periodLabel(period, this.grain)}${cur}: ${text}`);
    }
    const more = all.length - this.notes.length;
    if (more > 0) this.notes.push(`… and ${more} more period${more === 1 ? '' : 's'} like these.`);
  }

  private targetsAt(period: number): number[] {
    const { rule, key } = this;
    const values = this.input.tagged.values;
    if (rule.method === 'fixed') return [...(this.split.fixedWeights?.keys() ?? [])].map((t) => values.intern(key.normalize(t)));
    if (rule.targets.length) return rule.targets.map((t) => values.intern(key.normalize(t)));
    const source = rule.method === 'usage' ? this.usage.get(period)?.keys() : this.present.get(period)?.values();
    return [...(source ?? [])].filter((v) => v !== this.defaultId);
  }

  private weightsAt(period: number, currency: number, targets: number[]): bigint[] {
    const { rule, key } = this;
    switch (rule.method) {
      case 'even':
        return targets.map(() => 1n);
      case 'fixed': {
        const byValue = new Map<string, bigint>();
        for (const [t, w] of this.split.fixedWeights ?? []) byValue.set(key.normalize(t), (byValue.get(key.normalize(t)) ?? 0n) + w);
        return targets.map((t) => byValue.get(this.input.tagged.values.text(t)) ?? 0n);
      }
      case 'cost': {
        const c = this.cost.get(period * CURRENCY_SPAN + currency);
        return targets.map((t) => {
          const w = c?.get(t) ?? 0n;
          return w > 0n ? w : 0n;
        });
      }
      case 'usage': {
        const u = this.usage.get(period);
        return targets.map((t) => weightOf(u?.get(t) ?? 0));
      }
    }
  }

  planFor(period: number, currency: number): Plan {
    const id = this.byCost ? period * CURRENCY_SPAN + currency : period;
    if (this.plans.has(id)) return this.plans.get(id) as Plan;
    const values = this.input.tagged.values;
    const targets = [...new Set(this.targetsAt(period))].sort((a, b) => (values.text(a) < values.text(b) ? -1 : values.text(a) > values.text(b) ? 1 : 0));
    let weights = this.weightsAt(period, currency, targets);
    let even = false;
    if (!weights.some((w) => w > 0n)) {
      const what = measureLabel(this.rule);
      if (this.rule.noWeight === 'even' && targets.length > 0) {
        weights = targets.map(() => 1n);
        even = true;
        this.note(period, currency, `no target had ${what}; shared evenly among ${targets.length}.`);
      } else {
        this.plans.set(id, null);
        this.note(period, currency, targets.length ? `no target had ${what}; left in place.` : 'no target value; left in place.');
        return null;
      }
    }
    const keep = targets.map((_, i) => i).filter((i) => weights[i] > 0n);
    const plan: Plan = {
      targets: keep.map((i) => targets[i]),
      names: keep.map((i) => values.text(targets[i])),
      weights: keep.map((i) => weights[i]),
      total: keep.reduce((s, i) => s + weights[i], 0n),
      even,
    };
    this.plans.set(id, plan);
    return plan;
  }
}

/** Each target's part of a plan's total weight, for usage moving with cost; once per plan. */
const partsOf = new WeakMap<NonNullable<Plan>, number[]>();

function parts(plan: NonNullable<Plan>): number[] {
  let out = partsOf.get(plan);
  if (out === undefined) {
    const total = Number(plan.total);
    partsOf.set(plan, (out = plan.weights.map((w) => Number(w) / total)));
  }
  return out;
}

/** What every share of a line gets besides its amounts: its step and value list, per target. */
type Moves = { steps: Step[]; vals: number[][] };

/**
 * The steps and value lists of one split, shared by every line moved alike (same plan, same
 * value list, same earlier steps): neither is changed once made, and most lines of a period move
 * alike, so the lines hold a few thousand of each rather than one per share.
 */
class MoveCache {
  private readonly byPlan = new Map<NonNullable<Plan>, Map<Step | null, Map<readonly number[], Moves>>>();

  constructor(
    private readonly splitIndex: number,
    private readonly k: number,
  ) {}

  moves(plan: NonNullable<Plan>, prev: Step | null, vals: readonly number[]): Moves {
    let byPrev = this.byPlan.get(plan);
    if (byPrev === undefined) this.byPlan.set(plan, (byPrev = new Map()));
    let byVals = byPrev.get(prev);
    if (byVals === undefined) byPrev.set(prev, (byVals = new Map()));
    let out = byVals.get(vals);
    if (out === undefined) {
      const { weights, total, targets } = plan;
      const from = vals[this.k];
      out = {
        steps: weights.map((weight) => ({ split: this.splitIndex, from, weight, total, prev })),
        vals: targets.map((t) => {
          const moved = vals.slice();
          moved[this.k] = t;
          return moved;
        }),
      };
      byVals.set(vals, out);
    }
    return out;
  }
}

/** One line's shares under a plan (the plan's targets, in its order), appended to `out`. */
function shareLine(line: Line, plan: NonNullable<Plan>, cache: MoveCache, out: Line[]): void {
  const billed = largestRemainder(line.billed, plan.weights, plan.names);
  // Effective and list cost often equal billed cost: equal amounts get equal shares.
  const effective = line.effective === line.billed ? billed : largestRemainder(line.effective, plan.weights, plan.names);
  const list = line.list === line.billed ? billed : line.list === line.effective ? effective : largestRemainder(line.list, plan.weights, plan.names);
  const part = parts(plan);
  const { targets } = plan;
  const moves = cache.moves(plan, line.step, line.vals);
  for (let i = 0; i < targets.length; i++) {
    out.push({
      row: line.row,
      members: line.members,
      vals: moves.vals[i],
      billed: billed[i],
      effective: effective[i],
      list: list[i],
      tokens: line.tokens * part[i],
      requests: line.requests * part[i],
      count: line.count,
      step: moves.steps[i],
    });
  }
}

/** Applies the splits in order; returns the final lines and what each split did. */
export function runSplits(input: SplitInput): { lines: Line[]; outcomes: SplitOutcome[] } {
  const { tagged } = input;
  const cube = tagged.fields.cube;
  let lines = input.lines;
  const outcomes: SplitOutcome[] = [];
  for (const split of input.splits) {
    input.throwIfCancelled();
    const k = tagged.keyIndex(split.rule.key);
    if (k === undefined) continue;
    const run = new SplitRun(input, split, k);
    const inPool = poolTest(tagged, split);
    const moves = new MoveCache(split.index, k);
    const pooled: Line[] = [];
    const others: Line[] = [];
    const track = input.trackCurrency;
    const currency = cube.currency;
    // Before and after are kept for one currency only: added up in the passes that sort and share.
    const before = new Map<number, bigint>();
    const after = new Map<number, bigint>();
    for (const l of lines) {
      if (track >= 0 && currency[l.row] === track) addTo(before, l.vals[k], l.billed);
      (inPool(l) ? pooled : others).push(l);
    }
    run.measure(others);
    if (track >= 0) for (const l of others) if (currency[l.row] === track) addTo(after, l.vals[k], l.billed);
    const next: Line[] = others;
    const pooledBy = new Map<number, { rows: number; billed: bigint }>();
    const kept = new Map<number, bigint>();
    for (const l of pooled) {
      const cur = currency[l.row];
      const plan = run.planFor(run.periodOf(l.row), cur);
      if (plan === null) {
        addTo(kept, cur, l.billed);
        if (cur === track) addTo(after, l.vals[k], l.billed);
        next.push(l);
        continue;
      }
      const p = nested(pooledBy, cur, () => ({ rows: 0, billed: 0n }));
      p.rows += l.count;
      p.billed += l.billed;
      const first = next.length;
      shareLine(l, plan, moves, next);
      if (cur === track) for (let i = first; i < next.length; i++) addTo(after, next[i].vals[k], next[i].billed);
    }
    run.finishNotes();
    lines = next;
    outcomes.push({
      split,
      keyIndex: k,
      grain: run.grain,
      planFor: (period, currency) => run.planFor(period, currency),
      pooled: pooledBy,
      kept,
      notes: run.notes,
      before,
      after,
    });
  }
  return { lines, outcomes };
}
