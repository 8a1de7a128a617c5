import type { Database, SqlJsStatic, Statement } from 'sql.js';
import type { PriceOverride } from '../../shared/contract';
import type { SplitAmount } from '../money/decimal';
import type { StringTable } from '../db/strings';
import { COMBINATION_COLUMNS } from '../pricing/combination';
import { InsertPricer, PRICING_COLUMNS } from '../pricing/insert-pricer';
import { MONEY_PARTS } from '../db/charge-money';
import { RowInserter } from '../db/row-inserter';
import { ColumnIds } from './perf/column-ids';
import { ChargeTotals } from './perf/charge-totals';
import type { RowBatch } from './row-batch';
import type { PriceBook } from '../pricing/resolve';

/** Text columns of `charges`, each stored as an id into `strings`. Order is the insert order. */
export const TEXT_COLUMNS = [
  'BillingCurrency',
  'ProviderName',
  'PublisherName',
  'InvoiceIssuerName',
  'InvoiceId',
  'BillingAccountId',
  'BillingAccountName',
  'SubAccountId',
  'SubAccountName',
  'ServiceName',
  'ServiceCategory',
  'ServiceSubcategory',
  'ChargeCategory',
  'ChargeClass',
  'ChargeFrequency',
  'ChargeDescription',
  'PricingCategory',
  'PricingUnit',
  'ListUnitPrice',
  'ContractedUnitPrice',
  'ConsumedUnit',
  'RegionId',
  'RegionName',
  'AvailabilityZone',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'SkuId',
  'SkuPriceId',
  'SkuMeter',
  'CommitmentDiscountId',
  'CommitmentDiscountName',
  'CommitmentDiscountCategory',
  'CommitmentDiscountType',
  'CommitmentDiscountStatus',
  'x_Model',
  'x_TokenClass',
  'x_Project',
  'x_ApiKey',
  'x_User',
  'x_ServiceTier',
] as const;

export type TextColumn = (typeof TEXT_COLUMNS)[number];
export const TEXT_INDEX: Record<TextColumn, number> = Object.fromEntries(
  TEXT_COLUMNS.map((c, i) => [c, i]),
) as Record<TextColumn, number>;

/** TEXT_INDEX as a Map for setText: one call site looks up every column name, which a plain object's inline caches cannot follow. */
const TEXT_AT = new Map<string, number>(TEXT_COLUMNS.map((c, i) => [c, i]));

const ZERO: SplitAmount = { hi: 0, lo: 0 };

/** One normalized charge, filled by an importer's row mapper and reused for every row. */
export class ChargeDraft {
  rowNumber = 0;
  chargePeriodStart = 0;
  chargePeriodEnd: number | null = null;
  billingPeriodStart: number | null = null;
  billingPeriodEnd: number | null = null;
  billed: SplitAmount = ZERO;
  effective: SplitAmount = ZERO;
  list: SplitAmount = ZERO;
  contracted: SplitAmount | null = null;
  pricingQuantity: number | null = null;
  consumedQuantity: number | null = null;
  /** Canonical tags JSON (keys sorted), or null. */
  tagsJson: string | null = null;
  tokens: number | null = null;
  requests: number | null = null;
  readonly text: (string | null)[] = new Array(TEXT_COLUMNS.length).fill(null);

  /** Clears every field so a mapper starts each charge from nothing. */
  reset(): this {
    this.rowNumber = 0;
    this.chargePeriodStart = 0;
    this.chargePeriodEnd = null;
    this.billingPeriodStart = null;
    this.billingPeriodEnd = null;
    this.billed = ZERO;
    this.effective = ZERO;
    this.list = ZERO;
    this.contracted = null;
    this.pricingQuantity = null;
    this.consumedQuantity = null;
    this.tagsJson = null;
    this.tokens = null;
    this.requests = null;
    this.text.fill(null);
    return this;
  }

  setText(column: TextColumn, value: string | null): void {
    this.text[TEXT_AT.get(column) as number] = value === '' ? null : value;
  }
}


const FIXED = [
  'x_ImportId',
  'x_RowNumber',
  'x_Month',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  ...MONEY_PARTS,
  'ContractedCost_hi',
  'ContractedCost_lo',
  'PricingQuantity',
  'ConsumedQuantity',
  'Tags',
  'x_Tokens',
  'x_Requests',
];

/**
 * A charge's numbers as a reading thread encodes them (see RowBatch), in this order: the FIXED
 * columns from x_RowNumber to ConsumedQuantity, then x_Tokens and x_Requests. NaN stands for
 * null (SQLite stores a NaN as NULL too).
 */
export const BATCH_NUMBERS = [...FIXED.slice(1, FIXED.indexOf('Tags')), 'x_Tokens', 'x_Requests'];
export const NUMBERS_PER_ROW = BATCH_NUMBERS.length;
/** Ids per encoded charge: one per text column, then its tag set's. 0 stands for null. */
export const IDS_PER_ROW = TEXT_COLUMNS.length + 1;
/** Encoded text ids that are not a value's id (see RowBatch). */
export const NULL_ID = 0;
export const SAME_ID = -1;
export const RAW_ID = -2;
const TAGS_AT = FIXED.indexOf('Tags');
const TOKENS_AT = FIXED.indexOf('x_Tokens');

/** Where `write` keeps the month and the ids that key `charge_totals`, and its money parts. */
const TOTAL_KEY_AT = [
  FIXED.indexOf('x_Month'),
  ...(['ProviderName', 'ServiceName', 'SubAccountName', 'ChargeCategory', 'x_Model', 'BillingCurrency'] as const).map(
    (c) => FIXED.length + TEXT_INDEX[c],
  ),
];
const TOTAL_MONEY_AT = MONEY_PARTS.map((c) => FIXED.indexOf(c));

/** Interns tag sets: each distinct set of tags is stored once, with its items for querying. */
class TagSetTable {
  private readonly byJson = new Map<string, number>();
  private nextId = 0;
  private insertSet: Statement | null = null;
  private insertItem: Statement | null = null;
  private pending: string[] = [];

  constructor(
    private readonly db: Database,
    private readonly strings: StringTable,
  ) {}

  idOf(json: string): number {
    const known = this.byJson.get(json);
    if (known !== undefined) return known;
    const found = this.db.exec('SELECT id FROM tag_sets WHERE json = ?', [json]);
    if (found.length) {
      const id = Number(found[0].values[0][0]);
      this.byJson.set(json, id);
      return id;
    }
    if (this.nextId === 0) {
      this.nextId = Number(this.db.exec('SELECT coalesce(max(id), 0) + 1 FROM tag_sets')[0].values[0][0]);
    }
    const id = this.nextId++;
    this.insertSet ??= this.db.prepare('INSERT INTO tag_sets (id, json) VALUES (?, ?)');
    this.insertItem ??= this.db.prepare('INSERT INTO tag_set_items (tag_set_id, key_id, value_id) VALUES (?, ?, ?)');
    this.insertSet.run([id, json]);
    const tags = JSON.parse(json) as Record<string, string | null>;
    for (const [k, v] of Object.entries(tags)) {
      this.insertItem.run([id, this.strings.idOf(k), v === null ? null : this.strings.idOf(v)]);
    }
    this.byJson.set(json, id);
    this.pending.push(json);
    return id;
  }

  settle(committed: boolean): void {
    if (!committed) {
      for (const json of this.pending) this.byJson.delete(json);
      this.nextId = 0;
    }
    this.pending = [];
  }

  dispose(): void {
    this.insertSet?.free();
    this.insertItem?.free();
  }
}

/** Prices rows as they are written: the catalog and the overrides the import's transaction sees. */
export type InsertPricing = { book: PriceBook; overrides: PriceOverride[] };

/**
 * Writes drafts to `charges` with one prepared statement, turning text into dictionary ids. With
 * `pricing`, each row is also stored priced; without, its pricing columns stay null (not evaluated).
 */
export class ChargeWriter {
  private readonly stmt: Statement;
  private readonly inserter: RowInserter;
  private readonly params: (number | null)[];
  private readonly tagSets: TagSetTable;
  private readonly rawTagIds = new Map<string, number>();
  private readonly lastText: (string | null)[] = new Array(TEXT_COLUMNS.length).fill(null);
  private readonly pricer: InsertPricer | null;
  private readonly columnIds: ColumnIds;
  private readonly totals = new ChargeTotals();
  /** Workspace ids of a reading thread's text ids (index 0 unused). */
  private readonly textIds: number[] = [0];

  constructor(
    db: Database,
    private readonly strings: StringTable,
    importId: number,
    pricing: InsertPricing | null = null,
    /** The sql.js module, for inserting through SQLite's own functions (see RowInserter). */
    sqlite: SqlJsStatic | null = null,
  ) {
    const cols = [...FIXED, ...TEXT_COLUMNS, ...PRICING_COLUMNS];
    this.stmt = db.prepare(`INSERT INTO charges (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    this.inserter = RowInserter.of(sqlite, db, this.stmt, cols.length);
    this.params = new Array(cols.length).fill(null);
    this.params[0] = importId;
    this.tagSets = new TagSetTable(db, strings);
    this.columnIds = new ColumnIds(strings, TEXT_COLUMNS.length);
    this.pricer =
      pricing === null
        ? null
        : new InsertPricer(strings, pricing.book, pricing.overrides, {
            keyText: COMBINATION_COLUMNS.map((c) => TEXT_INDEX[c]),
            textAt: FIXED.length,
            pricingAt: FIXED.length + TEXT_COLUMNS.length,
          });
  }

  /** Rows written unpriced although pricing was asked for: applyPricing must price the import. */
  get unpricedRows(): number {
    return this.pricer?.deferred ?? 0;
  }

  write(d: ChargeDraft, month: number): void {
    const p = this.params;
    p[1] = d.rowNumber;
    p[2] = month;
    p[3] = d.chargePeriodStart;
    p[4] = d.chargePeriodEnd;
    p[5] = d.billingPeriodStart;
    p[6] = d.billingPeriodEnd;
    p[7] = d.billed.hi;
    p[8] = d.billed.lo;
    p[9] = d.effective.hi;
    p[10] = d.effective.lo;
    p[11] = d.list.hi;
    p[12] = d.list.lo;
    p[13] = d.contracted === null ? null : d.contracted.hi;
    p[14] = d.contracted === null ? null : d.contracted.lo;
    p[15] = d.pricingQuantity;
    p[16] = d.consumedQuantity;
    p[17] = d.tagsJson === null ? null : this.tagSetId(d.tagsJson);
    p[18] = d.tokens;
    p[19] = d.requests;
    const base = FIXED.length;
    const lastText = this.lastText;
    for (let i = 0; i < TEXT_COLUMNS.length; i++) {
      const v = d.text[i];
      if (v === null) {
        p[base + i] = null;
        lastText[i] = null; // the parameter slot no longer holds the last value's id
      } else if (v !== lastText[i]) {
        // Bills repeat a column's value from row to row: skip the dictionary when it did not change.
        lastText[i] = v;
        p[base + i] = this.columnIds.idOf(i, v);
      }
    }
    this.pricer?.fill(p, d.tokens, d.chargePeriodStart);
    this.inserter.run(p);
    this.totals.add(p, TOTAL_KEY_AT, TOTAL_MONEY_AT);
  }

  /**
   * Writes charges encoded on a reading thread (see RowBatch): the batch's new strings get their
   * workspace ids first, then each row is written as `write` would write it.
   */
  writeBatch(batch: RowBatch): void {
    const strings = this.strings;
    const textIds = this.textIds;
    for (const s of batch.strings) textIds.push(strings.idOf(s));
    const p = this.params;
    const numbers = batch.numbers;
    const ids = batch.ids;
    const raw = batch.raw;
    let next = 0;
    const base = FIXED.length;
    for (let r = 0; r < batch.count; r++) {
      const n = r * NUMBERS_PER_ROW;
      // BATCH_NUMBERS: FIXED[1] up to the tags, then the two after them. NaN is null.
      for (let k = 0; k < TAGS_AT - 1; k++) {
        const v = numbers[n + k];
        p[1 + k] = v === v ? v : null;
      }
      for (let k = TAGS_AT - 1; k < NUMBERS_PER_ROW; k++) {
        const v = numbers[n + k];
        p[2 + k] = v === v ? v : null;
      }
      // A SAME_ID leaves the previous row's id in place.
      const at = r * IDS_PER_ROW;
      for (let i = 0; i < TEXT_COLUMNS.length; i++) {
        const id = ids[at + i];
        if (id > 0) p[base + i] = textIds[id];
        else if (id === NULL_ID) p[base + i] = null;
        else if (id === RAW_ID) p[base + i] = this.columnIds.idOf(i, raw[next++]);
      }
      const tag = ids[at + TEXT_COLUMNS.length];
      if (tag === NULL_ID) p[TAGS_AT] = null;
      else if (tag === RAW_ID) p[TAGS_AT] = this.tagSetId(raw[next++]);
      this.pricer?.fill(p, p[TOKENS_AT], p[3] as number);
      this.inserter.run(p);
      this.totals.add(p, TOTAL_KEY_AT, TOTAL_MONEY_AT);
    }
  }

  /** Stores the totals of every row written (see `charge_totals`); call once, before commit. */
  storeTotals(db: Database, importId: number): void {
    this.totals.store(db, importId);
  }

  private tagSetId(json: string): number {
    let id = this.rawTagIds.get(json);
    if (id === undefined) {
      id = this.tagSets.idOf(json);
      this.rawTagIds.set(json, id);
    }
    return id;
  }

  finish(committed: boolean): void {
    this.tagSets.settle(committed);
    this.tagSets.dispose();
    this.inserter.free();
  }
}
