/**
 * The allocation cube: charges summed by only what the rules read (plus period, currency and
 * source kind). Allocation never rewrites the charges table; tag rules and splits run over these
 * groups, which a million-row workspace folds into tens or hundreds of thousands. Numeric fields
 * a condition compares are compared per charge, so they are part of the group key. Groups are
 * keyed by the import's source kind rather than its id: all allocation needs to know of an
 * import is whether its rows are invoiced cost or usage only, and daily files would otherwise
 * multiply the groups.
 */
import {
  ALLOCATION_COLUMNS,
  ALLOCATION_NUMERIC_COLUMNS,
  type AllocationColumn,
  type AllocationNumericColumn,
  type FieldRef,
} from '../../shared/allocation-contract';
import type { Workspace } from '../db/workspace';
import { formatPico, joinSplit } from '../money/decimal';

export type Grain = 'day' | 'month';

export type CubeSpec = {
  /** Text columns in the group key (ids into `strings`), in ALLOCATION_COLUMNS order. */
  columns: AllocationColumn[];
  /** Numeric columns in the group key: compared per charge. */
  numeric: AllocationNumericColumn[];
  /** Whether the tag set is in the group key (a rule reads a source tag). */
  tags: boolean;
  grain: Grain;
};

export type Measure = 'billed' | 'effective' | 'list';

export type Cube = {
  spec: CubeSpec;
  size: number;
  /** String id per group for each column in spec.columns; 0 for null. */
  cols: Map<AllocationColumn, Int32Array>;
  /** Decimal text per group for each column in spec.numeric (one charge's value). */
  numeric: Map<AllocationNumericColumn, (string | null)[]>;
  /** Tag set id per group (0: none); only when spec.tags. */
  tags: Int32Array;
  /** Day number (unix days) for grain 'day', yyyymm for 'month'. */
  period: Int32Array;
  /** yyyymm of every group. */
  month: Int32Array;
  currency: Int32Array;
  /** 1: the group comes from a usage source (proxy logs): no cost, usage only. */
  usage: Uint8Array;
  count: Int32Array;
  billed: bigint[];
  effective: bigint[];
  list: bigint[];
  /**
   * The same amounts split as picodollars = hi × 1e9 + lo, both exact doubles (0 ≤ lo < 1e9):
   * adding many groups this way allocates nothing, where BigInt additions would.
   */
  split: Record<Measure, { hi: Float64Array; lo: Float64Array }>;
  tokens: Float64Array;
  requests: Float64Array;
  /** Source tags by tag set id: key as written -> value. */
  tagItems: Map<number, Map<string, string | null>>;
  /** Milliseconds the build took. */
  buildMs: number;
};

/** Money is compared per charge by its exact hi/lo pair. */
const NUMERIC_KEY_SQL: Record<AllocationNumericColumn, string[]> = {
  BilledCost: ['c.BilledCost_hi', 'c.BilledCost_lo'],
  EffectiveCost: ['c.EffectiveCost_hi', 'c.EffectiveCost_lo'],
  ListCost: ['c.ListCost_hi', 'c.ListCost_lo'],
  ConsumedQuantity: ['c.ConsumedQuantity'],
  x_Tokens: ['c.x_Tokens'],
  x_Requests: ['c.x_Requests'],
};

function isMoney(col: AllocationNumericColumn): boolean {
  return col === 'BilledCost' || col === 'EffectiveCost' || col === 'ListCost';
}

const TEXT_COLUMNS = new Set<string>(ALLOCATION_COLUMNS);
const NUMERIC_COLUMNS = new Set<string>(ALLOCATION_NUMERIC_COLUMNS);

/** The cube that can answer rules reading `fields` at `grain`; `vtag:` fields need nothing stored. */
export function cubeSpecOf(fields: Iterable<FieldRef>, grain: Grain, extra: readonly AllocationColumn[] = []): CubeSpec {
  const cols = new Set<string>(extra);
  const numeric = new Set<string>();
  let tags = false;
  for (const f of fields) {
    if (f.startsWith('tag:')) tags = true;
    else if (TEXT_COLUMNS.has(f)) cols.add(f);
    else if (NUMERIC_COLUMNS.has(f)) numeric.add(f);
  }
  return {
    columns: ALLOCATION_COLUMNS.filter((c) => cols.has(c)),
    numeric: ALLOCATION_NUMERIC_COLUMNS.filter((c) => numeric.has(c)),
    tags,
    grain,
  };
}

/** Whether a cube built for `have` answers everything `want` asks (a day cube serves months too). */
export function covers(have: CubeSpec, want: CubeSpec): boolean {
  return (
    want.columns.every((c) => have.columns.includes(c)) &&
    want.numeric.every((c) => have.numeric.includes(c)) &&
    (!want.tags || have.tags) &&
    (want.grain === 'month' || have.grain === 'day')
  );
}

const SUM_MONEY = ['BilledCost', 'EffectiveCost', 'ListCost']
  .map((m) => `sum(c.${m}_hi), sum(c.${m}_lo) / 1000000000, sum(c.${m}_lo) % 1000000000`)
  .join(', ');

/** hi/lo of a summed amount (as the query carries it: hi, lo ÷ 1e9, lo mod 1e9). */
function splitAt(r: unknown[], at: number): [number, number] {
  return [Number(r[at] ?? 0) + Number(r[at + 1] ?? 0), Number(r[at + 2] ?? 0)];
}

/** Adds picodollars split as hi/lo doubles; exact while the hi sums stay below 2^53. */
export class SplitSum {
  hi = 0;
  lo = 0;

  add(hi: number, lo: number): void {
    this.hi += hi;
    this.lo += lo;
  }

  pico(): bigint {
    return joinSplit(BigInt(this.hi), BigInt(this.lo));
  }
}

/** yyyymm of a unix day. */
export function monthOfDay(day: number): number {
  const d = new Date(day * 86_400_000);
  return d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;
}

function loadTagItems(ws: Workspace): Map<number, Map<string, string | null>> {
  const out = new Map<number, Map<string, string | null>>();
  const stmt = ws.db.prepare('SELECT tag_set_id, key_id, value_id FROM tag_set_items');
  try {
    while (stmt.step()) {
      const [set, key, value] = stmt.get() as [number, number, number | null];
      let items = out.get(set);
      if (items === undefined) out.set(set, (items = new Map()));
      items.set(ws.strings.valueOf(key) ?? '', ws.strings.valueOf(value));
    }
  } finally {
    stmt.free();
  }
  return out;
}

/** Builds the cube from the committed imports (invoices and usage sources). */
export function buildCube(ws: Workspace, spec: CubeSpec): Cube {
  const started = Date.now();
  const keySql: string[] = spec.columns.map((c) => `c.${c}`);
  for (const n of spec.numeric) keySql.push(...NUMERIC_KEY_SQL[n]);
  if (spec.tags) keySql.push('c.Tags');
  keySql.push(spec.grain === 'day' ? 'c.ChargePeriodStart / 86400' : 'c.x_Month');
  keySql.push('c.BillingCurrency', "i.source_kind = 'usage'");
  const sql = `SELECT ${keySql.join(', ')}, count(*), ${SUM_MONEY}, sum(c.x_Tokens), sum(c.x_Requests)
    FROM charges c JOIN imports i ON i.id = c.x_ImportId AND i.state = 'committed'
    GROUP BY ${keySql.map((_, k) => k + 1).join(', ')}`;
  const cols = new Map<AllocationColumn, number[]>(spec.columns.map((c) => [c, []]));
  const numeric = new Map<AllocationNumericColumn, (string | null)[]>(spec.numeric.map((c) => [c, []]));
  const tags: number[] = [];
  const period: number[] = [];
  const currency: number[] = [];
  const usage: number[] = [];
  const count: number[] = [];
  const money: Record<Measure, { hi: number[]; lo: number[] }> = { billed: { hi: [], lo: [] }, effective: { hi: [], lo: [] }, list: { hi: [], lo: [] } };
  const tokens: number[] = [];
  const requests: number[] = [];
  const stmt = ws.db.prepare(sql);
  try {
    while (stmt.step()) {
      const r = stmt.get();
      let at = 0;
      for (const c of spec.columns) (cols.get(c) as number[]).push(Number(r[at++] ?? 0));
      for (const n of spec.numeric) {
        const out = numeric.get(n) as (string | null)[];
        if (isMoney(n)) {
          out.push(r[at] === null ? null : formatPico(joinSplit(Number(r[at]), Number(r[at + 1]))));
          at += 2;
        } else {
          const v = r[at++];
          out.push(v === null ? null : String(v));
        }
      }
      if (spec.tags) tags.push(Number(r[at++] ?? 0));
      period.push(Number(r[at++]));
      currency.push(Number(r[at++] ?? 0));
      const fromUsage = Number(r[at++]) === 1;
      usage.push(fromUsage ? 1 : 0);
      count.push(Number(r[at++]));
      // Usage sources (proxy logs, estimates) are not invoiced: their amounts never add cost.
      for (const m of ['billed', 'effective', 'list'] as const) {
        const [hi, lo] = fromUsage ? [0, 0] : splitAt(r, at);
        money[m].hi.push(hi);
        money[m].lo.push(lo);
        at += 3;
      }
      tokens.push(Number(r[at++] ?? 0));
      requests.push(Number(r[at++] ?? 0));
    }
  } finally {
    stmt.free();
  }
  const months = new Map<number, number>();
  const month = Int32Array.from(period, (p) => {
    if (spec.grain === 'month') return p;
    let m = months.get(p);
    if (m === undefined) months.set(p, (m = monthOfDay(p)));
    return m;
  });
  return {
    spec,
    size: period.length,
    cols: new Map([...cols].map(([c, v]) => [c, Int32Array.from(v)])),
    numeric,
    tags: Int32Array.from(tags),
    period: Int32Array.from(period),
    month,
    currency: Int32Array.from(currency),
    usage: Uint8Array.from(usage),
    count: Int32Array.from(count),
    billed: money.billed.hi.map((hi, i) => joinSplit(BigInt(hi), BigInt(money.billed.lo[i]))),
    effective: money.effective.hi.map((hi, i) => joinSplit(BigInt(hi), BigInt(money.effective.lo[i]))),
    list: money.list.hi.map((hi, i) => joinSplit(BigInt(hi), BigInt(money.list.lo[i]))),
    split: {
      billed: { hi: Float64Array.from(money.billed.hi), lo: Float64Array.from(money.billed.lo) },
      effective: { hi: Float64Array.from(money.effective.hi), lo: Float64Array.from(money.effective.lo) },
      list: { hi: Float64Array.from(money.list.hi), lo: Float64Array.from(money.list.lo) },
    },
    tokens: Float64Array.from(tokens),
    requests: Float64Array.from(requests),
    tagItems: spec.tags ? loadTagItems(ws) : new Map(),
    buildMs: Date.now() - started,
  };
}

type CubeCacheEntry = { version: number; cubes: Cube[] };

/** At most this many cubes per workspace: the saved rules' and a draft's that reads other fields. */
const CUBES_KEPT = 3;

/**
 * Cubes by workspace and data version (bumped whenever charges or imports change). A cached
 * cube whose fields cover the request serves it; otherwise one is built and the oldest dropped.
 */
export class CubeCache {
  private readonly entries = new WeakMap<Workspace, CubeCacheEntry>();

  get(ws: Workspace, version: number, spec: CubeSpec): Cube {
    let entry = this.entries.get(ws);
    if (entry === undefined || entry.version !== version) {
      entry = { version, cubes: [] };
      this.entries.set(ws, entry);
    }
    // The smallest cube that answers: a draft's wider day cube should not slow the saved rules. Of
    // cubes alike in size the most recently used, so that asking twice gives the same cube.
    let found: Cube | undefined;
    for (const c of entry.cubes) if (covers(c.spec, spec) && (found === undefined || c.size <= found.size)) found = c;
    if (found !== undefined) {
      // Most recently used last.
      entry.cubes = [...entry.cubes.filter((c) => c !== found), found];
      return found;
    }
    const cube = buildCube(ws, spec);
    entry.cubes = [...entry.cubes, cube].slice(-CUBES_KEPT);
    return cube;
  }
}
