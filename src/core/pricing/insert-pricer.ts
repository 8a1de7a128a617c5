import type { PriceOverride } from '../../shared/contract';
import type { StringTable } from '../db/strings';
import { splitPico } from '../money/decimal';
import { CombinationPlanner, DAY, maxWholeTokens } from './combination';
import { costOf, type PerToken } from './cost';
import type { PriceBook } from './resolve';
import { STATUS_CODE } from './status';

/** The pricing columns an import fills, in this order, after the text columns' ids. */
export const PRICING_COLUMNS = ['x_PricingStatus', 'x_PriceRef', 'x_CatalogModel', 'x_CatalogCost_hi', 'x_CatalogCost_lo'] as const;

/**
 * Where things are in the writer's rows: `keyText` indexes the COMBINATION_COLUMNS, in their
 * order, in the draft's text; their ids sit at `textAt` + that index in the parameter row, and
 * the pricing columns from `pricingAt` on.
 */
export type PricerLayout = { keyText: readonly number[]; textAt: number; pricingAt: number };

/** One planned combination; `k0`…`k5` are its text ids (0 for none), as in applyPricing's key; `next` chains a hash bucket. */
type Entry = {
  readonly k0: number;
  readonly k1: number;
  readonly k2: number;
  readonly k3: number;
  readonly k4: number;
  readonly k5: number;
  readonly day: number;
  readonly code: number;
  readonly ref: number;
  readonly model: number | null;
  readonly perToken: PerToken | null;
  readonly q: number;
  /** The largest token count priced in doubles (-1: none, the cost needs BigInt). */
  readonly maxWhole: number;
  next: Entry | null;
};

const NOT_TOKENS = STATUS_CODE['not-tokens'];
const LO = 1_000_000_000;

/**
 * Prices each charge as it is written, storing exactly what applyPricing would store for it, so
 * an import needs no pricing pass over its rows afterwards. Each combination of strings ids and
 * UTC day is planned once (a bill has a few thousand); rows only look their combination up.
 * The overrides are those of the moment the import starts: they cannot change inside its
 * transaction. A row whose token count or period start is not a safe integer (where JS and
 * SQLite arithmetic could part) is left unpriced and counted: the import then runs applyPricing.
 */
export class InsertPricer {
  /** Rows left unpriced for applyPricing. */
  deferred = 0;
  private readonly planner: CombinationPlanner;
  private readonly buckets = new Map<number, Entry>();
  private last: Entry | null = null;
  /** Where the key's ids sit in the parameter row. */
  private readonly at0: number;
  private readonly at1: number;
  private readonly at2: number;
  private readonly at3: number;
  private readonly at4: number;
  private readonly at5: number;
  private readonly out: number;

  constructor(
    private readonly strings: StringTable,
    book: PriceBook,
    overrides: PriceOverride[],
    layout: PricerLayout,
  ) {
    this.planner = new CombinationPlanner(book, overrides);
    const at = layout.keyText.map((i) => layout.textAt + i);
    [this.at0, this.at1, this.at2, this.at3, this.at4, this.at5] = at;
    this.out = layout.pricingAt;
  }

  /** Fills the pricing columns of `p`, whose text ids are already set. */
  fill(p: (number | null)[], tokens: number | null, periodStart: number): void {
    const at = this.out;
    // applyPricing's test: a token count and a token class (at4; its id is null when the text is).
    if (tokens === null || p[this.at4] === null) {
      p[at] = NOT_TOKENS;
      p[at + 1] = p[at + 2] = p[at + 3] = p[at + 4] = null;
      return;
    }
    if (!Number.isSafeInteger(tokens) || !Number.isSafeInteger(periodStart)) {
      this.deferred++;
      p[at] = p[at + 1] = p[at + 2] = p[at + 3] = p[at + 4] = null;
      return;
    }
    // SQLite's integer division truncates toward zero; so does this, exactly.
    const day = (periodStart - (periodStart % DAY)) / DAY;
    const e = this.entry(p, day);
    p[at] = e.code;
    p[at + 1] = e.ref;
    p[at + 2] = e.model;
    if (e.perToken === null) {
      p[at + 3] = p[at + 4] = null;
    } else if (tokens >= 0 && tokens <= e.maxWhole) {
      // tokens × q ≤ 2^53 - 1: exact in a double, and so are its parts; both are below 2^31
      // (hi ≤ 2^53 / 1e9), so `| 0` keeps them and they are stored as small integers, unboxed.
      const n = tokens * e.q;
      const lo = n % LO;
      p[at + 3] = ((n - lo) / LO) | 0;
      p[at + 4] = lo | 0;
    } else {
      const cost = splitPico(costOf(BigInt(tokens), e.perToken));
      p[at + 3] = cost.hi;
      p[at + 4] = cost.lo;
    }
  }

  private entry(p: (number | null)[], day: number): Entry {
    const k0 = p[this.at0] ?? 0;
    const k1 = p[this.at1] ?? 0;
    const k2 = p[this.at2] ?? 0;
    const k3 = p[this.at3] ?? 0;
    const k4 = p[this.at4] ?? 0;
    const k5 = p[this.at5] ?? 0;
    // Rows of a bill often repeat the previous row's combination.
    let e = this.last;
    if (e !== null && e.day === day && e.k0 === k0 && e.k1 === k1 && e.k2 === k2 && e.k3 === k3 && e.k4 === k4 && e.k5 === k5) return e;
    let h = Math.imul(day ^ k0, 0x9e3779b1);
    h = Math.imul(h ^ k1, 0x9e3779b1);
    h = Math.imul(h ^ k2, 0x9e3779b1);
    h = Math.imul(h ^ k3, 0x9e3779b1);
    h = Math.imul(h ^ k4, 0x9e3779b1);
    h = Math.imul(h ^ k5, 0x9e3779b1) & 0x3fffffff; // a small integer key
    const head = this.buckets.get(h) ?? null;
    for (e = head; e !== null; e = e.next) {
      if (e.day === day && e.k0 === k0 && e.k1 === k1 && e.k2 === k2 && e.k3 === k3 && e.k4 === k4 && e.k5 === k5) return (this.last = e);
    }
    // A new combination: its text is read back from the dictionary, by the ids just stored.
    const text = (id: number): string | null => this.strings.valueOf(id === 0 ? null : id);
    const raw = { provider: text(k0), skuMeter: text(k1), model: text(k2), description: text(k3) };
    const c = this.planner.plan(`${k0}|${k1}|${k2}|${k3}`, raw, text(k4) ?? '', text(k5), day);
    e = {
      k0, k1, k2, k3, k4, k5,
      day,
      code: c.code,
      ref: this.strings.idOf(c.ref),
      model: c.model === null ? null : this.strings.idOf(c.model),
      perToken: c.perToken,
      q: c.q ?? 0,
      maxWhole: maxWholeTokens(c.q),
      next: head,
    };
    this.buckets.set(h, e);
    return (this.last = e);
  }
}
