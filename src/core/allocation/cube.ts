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
import { groupTuples } from './row-fields';
import { formatPico, joinSplit } from '../money/decimal';
import { MONEY_COLUMNS, MONEY_PARTS } from '../db/charge-money';

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
  /** The same as numbers equal exactly when the texts are (-1: no value). */
  numericIds: Map<AllocationNumericColumn, Int32Array>;
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
  /**
   * Billed, effective and list cost per group, as picodollars = hi × 1e9 + lo, both exact doubles
   * (0 ≤ lo < 1e9): adding many groups this way allocates nothing, where BigInt additions would.
   * `groupAmount` gives one group's as a BigInt.
   */
  split: Record<Measure, { hi: Float64Array; lo: Float64Array }>;
  tokens: Float64Array;
  requests: Float64Array;
  /** Source tags by tag set id: key as written -> value. */
  tagItems: Map<number, Map<string, string | null>>;
  /** Milliseconds the build took. */
  buildMs: number;
};

function isMoney(col: AllocationNumericColumn): boolean {
  return (MONEY_COLUMNS as readonly string[]).includes(col);
}

/** How a numeric key column is read per charge: money as its exact hi/lo pair. */
const NUMERIC_SQL: Record<AllocationNumericColumn, string[]> = {
  BilledCost: ['BilledCost_hi', 'BilledCost_lo'],
  EffectiveCost: ['EffectiveCost_hi', 'EffectiveCost_lo'],
  ListCost: ['ListCost_hi', 'ListCost_lo'],
  ConsumedQuantity: ['ConsumedQuantity'],
  x_Tokens: ['x_Tokens'],
  x_Requests: ['x_Requests'],
};

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

/** One group's amount, exact picodollars. */
export function groupAmount(cube: Cube, measure: Measure, row: number): bigint {
  const { hi, lo } = cube.split[measure];
  return joinSplit(BigInt(hi[row]), BigInt(lo[row]));
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

/** Two ids read as one value: first × 2^26 + second, exact in a double. */
const PACK = 67_108_864;

/** Whether every id the cube reads (strings, tag sets, imports) fits 26 bits. */
function idsFit(ws: Workspace): boolean {
  const [row] = ws.db.exec('SELECT (SELECT coalesce(max(id), 0) FROM strings), (SELECT coalesce(max(id), 0) FROM tag_sets), (SELECT coalesce(max(id), 0) FROM imports)')[0].values;
  return row.every((v) => Number(v) < PACK);
}

function grown(a: Int32Array, size: number): Int32Array {
  const out = new Int32Array(size);
  out.set(a);
  return out;
}

/** Committed imports by id: 1 for usage sources (proxy logs, estimates), 0 for invoices. */
function committedImports(ws: Workspace): Map<number, number> {
  const out = new Map<number, number>();
  for (const [id, kind] of ws.db.exec("SELECT id, source_kind FROM imports WHERE state = 'committed'")[0]?.values ?? []) {
    out.set(Number(id), kind === 'usage' ? 1 : 0);
  }
  return out;
}

/**
 * Builds the cube from the committed imports (invoices and usage sources). The charges are read
 * once, column by column into typed arrays, and grouped here: SQLite's GROUP BY sorts every row
 * and takes about four times as long on a million charges.
 */
export function buildCube(ws: Workspace, spec: CubeSpec): Cube {
  const started = Date.now();
  const imports = committedImports(ws);
  const where = imports.size ? `x_ImportId IN (${[...imports.keys()].join(', ')})` : '0';
  // Room for the charges the imports say they hold; grown if there are more.
  let cap = Math.max(16, Number(ws.db.exec("SELECT coalesce(sum(row_count), 0) FROM imports WHERE state = 'committed'")[0].values[0][0]));
  // Integer columns of the key, read two to a value when every id fits 26 bits (a million
  // charges cross the WebAssembly boundary in 16 values a row instead of 25).
  const idSql = [...spec.columns, spec.tags ? 'Tags' : '0', spec.grain === 'day' ? 'ChargePeriodStart / 86400' : 'x_Month', 'BillingCurrency', 'x_ImportId'];
  const idCount = idSql.length;
  const pack = idsFit(ws);
  const idSelect: string[] = [];
  for (let i = 0; i < idCount; i += pack ? 2 : 1) {
    const a = `coalesce(${idSql[i]}, 0)`;
    idSelect.push(pack && i + 1 < idCount ? `${a} * ${PACK} + coalesce(${idSql[i + 1]}, 0)` : a);
  }
  const select = [
    ...idSelect,
    ...spec.numeric.flatMap((c) => NUMERIC_SQL[c]),
    ...MONEY_PARTS,
    'x_Tokens',
    'x_Requests',
  ];
  // Per charge: the key's integer columns (text ids, tags, period, currency, import; 0 for null),
  // numeric key columns as text numbers, then what is added up.
  let ids: Int32Array[] = Array.from({ length: idCount }, () => new Int32Array(cap));
  let numericIds: Int32Array[] = spec.numeric.map(() => new Int32Array(cap));
  // Numeric key columns: each distinct value (money as its hi/lo pair) numbered, its text made once.
  const numericKeys = spec.numeric.map(() => new Map<number | string, number>());
  const numericRaw: [number, number][][] = spec.numeric.map(() => [[0, 0]]);
  let amounts = new Float64Array(cap * 8);
  const stmt = ws.db.prepare(`SELECT ${select.join(', ')} FROM charges WHERE ${where}`);
  let n = 0;
  try {
    while (stmt.step()) {
      if (n === cap) {
        cap *= 2;
        ids = ids.map((a) => grown(a, cap));
        numericIds = numericIds.map((a) => grown(a, cap));
        const more = new Float64Array(cap * 8);
        more.set(amounts);
        amounts = more;
      }
      const r = stmt.get();
      let at = 0;
      for (let i = 0; i < idCount; i += pack ? 2 : 1) {
        const v = Number(r[at++]);
        if (pack && i + 1 < idCount) {
          const low = v % PACK;
          ids[i][n] = (v - low) / PACK;
          ids[i + 1][n] = low;
        } else ids[i][n] = v;
      }
      for (let j = 0; j < spec.numeric.length; j++) {
        // 0: missing; otherwise the value's number among the column's distinct values.
        const money = isMoney(spec.numeric[j]);
        const x = r[at];
        const y = money ? Number(r[at + 1] ?? 0) : 0;
        at += money ? 2 : 1;
        let id = 0;
        if (x !== null) {
          const hi = Number(x);
          // One number while hi × 1e9 + lo is exact, text beyond.
          const key = !money ? hi : Math.abs(hi) < 9_000_000 ? hi * 1e9 + y : `${hi}:${y}`;
          id = numericKeys[j].get(key) ?? 0;
          if (id === 0) {
            id = numericRaw[j].length;
            numericKeys[j].set(key, id);
            numericRaw[j].push([hi, y]);
          }
        }
        numericIds[j][n] = id;
      }
      for (let m = 0; m < 8; m++) amounts[n * 8 + m] = Number(r[at++] ?? 0);
      n++;
    }
  } finally {
    stmt.free();
  }
  const textIds = ids.slice(0, spec.columns.length);
  const [rowTags, rowPeriod, rowCurrency, rowImport] = ids.slice(spec.columns.length);
  const rowUsage = new Int32Array(n);
  for (let row = 0; row < n; row++) rowUsage[row] = imports.get(rowImport[row]) ?? 0;
  const { id: groupOf, reps } = groupTuples([...textIds, ...numericIds, rowTags, rowPeriod, rowCurrency, rowUsage], n);
  const size = reps.length;
  const count = new Int32Array(size);
  // Usage sources are not invoiced: their amounts never add cost.
  const sums = new Float64Array(size * 6);
  const tokens = new Float64Array(size);
  const requests = new Float64Array(size);
  for (let row = 0; row < n; row++) {
    const g = groupOf[row];
    count[g]++;
    tokens[g] += amounts[row * 8 + 6];
    requests[g] += amounts[row * 8 + 7];
    if (rowUsage[row] === 1) continue;
    for (let m = 0; m < 6; m++) sums[g * 6 + m] += amounts[row * 8 + m];
  }
  const months = new Map<number, number>();
  const period = new Int32Array(size);
  const month = new Int32Array(size);
  for (let g = 0; g < size; g++) {
    const p = rowPeriod[reps[g]];
    period[g] = p;
    let m = spec.grain === 'month' ? p : months.get(p);
    if (m === undefined) months.set(p, (m = monthOfDay(p)));
    month[g] = m;
  }
  const numericText = spec.numeric.map((c, j) => {
    const byId = numericRaw[j].map(([x, y]) => (isMoney(c) ? formatPico(joinSplit(x, y)) : String(x)));
    return reps.map((row) => (numericIds[j][row] === 0 ? null : byId[numericIds[j][row]]));
  });
  // Per group, the number of its value among the column's distinct values (-1: none).
  const numericGroupIds = spec.numeric.map((_, j) => {
    const out = new Int32Array(size);
    for (let g = 0; g < size; g++) out[g] = numericIds[j][reps[g]] - 1;
    return out;
  });
  const split = (m: number): { hi: Float64Array; lo: Float64Array } => {
    const hi = new Float64Array(size);
    const lo = new Float64Array(size);
    for (let g = 0; g < size; g++) {
      // Carry whole billions of the low part into the high part: 0 <= lo < 1e9, as the type says.
      const l = sums[g * 6 + m * 2 + 1];
      const carry = Math.floor(l / 1_000_000_000);
      hi[g] = sums[g * 6 + m * 2] + carry;
      lo[g] = l - carry * 1_000_000_000;
    }
    return { hi, lo };
  };
  const money = { billed: split(0), effective: split(1), list: split(2) };
  // Each group's value of a per-charge array: its first charge's.
  const gather = (perRow: Int32Array): Int32Array => {
    const out = new Int32Array(size);
    for (let g = 0; g < size; g++) out[g] = perRow[reps[g]];
    return out;
  };
  return {
    spec,
    size,
    cols: new Map(spec.columns.map((c, j) => [c, gather(textIds[j])])),
    numeric: new Map(spec.numeric.map((c, j) => [c, numericText[j]])),
    numericIds: new Map(spec.numeric.map((c, j) => [c, numericGroupIds[j]])),
    tags: spec.tags ? gather(rowTags) : new Int32Array(0),
    period,
    month,
    currency: gather(rowCurrency),
    usage: Uint8Array.from(gather(rowUsage)),
    count,
    split: money,
    tokens,
    requests,
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
