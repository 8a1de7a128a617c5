import { ownString } from '../db/strings';
import { type ChargeDraft, IDS_PER_ROW, NULL_ID, NUMBERS_PER_ROW, RAW_ID, SAME_ID, TEXT_COLUMNS } from './charge-writer';
import { ColumnIds } from './perf/column-ids';
import type { DraftSink } from './read-source';

/**
 * Charges as they cross from a reading thread to the engine: numbers in one Float64Array (the
 * writer's BATCH_NUMBERS; NaN is null) and text as ids in one Int32Array (IDS_PER_ROW per
 * charge: the text columns, then the tag set). Both arrays move between threads without a copy.
 *
 * A text id is one of:
 * - a positive number: the reading thread's id of a value; the value itself travels once, in
 *   `strings`, in the batch where it first appears (ids count from 1 over the whole file);
 * - `NULL_ID`: no value;
 * - `SAME_ID`: the value of the previous charge in the same column;
 * - `RAW_ID`: the next string of `raw`, which the engine looks up itself.
 * The reading thread numbers the values of columns with few distinct ones: a bill repeats them,
 * so few strings travel. Columns with many distinct values (resource ids, API keys) and tag sets
 * are sent raw when they change: looking them up misses the processor's caches, and that work
 * is better spent on the engine's thread, which waits for the reading one.
 */
export type RowBatch = {
  count: number;
  numbers: Float64Array;
  ids: Int32Array;
  strings: string[];
  raw: string[];
  /** The file's bytes read so far. */
  bytesRead: number;
};

const TAGS_AT = TEXT_COLUMNS.length;
/** A column with more distinct values than this is sent raw from then on. */
const NUMBERED_VALUES = 256;

/** Hands out the reading thread's text ids: one per value met, in order (ColumnIds dedupes). */
class SentStrings {
  private count = 0;
  pending: string[] = [];

  idOf(value: string): number {
    this.pending.push(ownString(value));
    return ++this.count;
  }

  /** Only the values of the batch being built are at hand: ColumnIds asks for the one it just added. */
  valueOf(id: number): string | null {
    const at = this.pending.length - (this.count - id) - 1;
    return at >= 0 ? this.pending[at] : null;
  }
}

const nn = (v: number | null): number => (v === null ? NaN : v);

/**
 * Encodes each charge written to it into the batch being built; `take` hands that batch over, and
 * a batch that reaches `capacity` charges goes to `onFull` at once (a JSON document is mapped in
 * one go: its charges still cross in batches, and the engine inserts while the rest is mapped).
 */
export class RowEncoder implements DraftSink {
  private numbers: Float64Array;
  private ids: Int32Array;
  private count = 0;
  private readonly strings = new SentStrings();
  private readonly columnIds: ColumnIds;
  private raw: string[] = [];
  /** Columns whose values are now sent raw. */
  private readonly rawColumn: boolean[] = new Array<boolean>(TEXT_COLUMNS.length).fill(false);
  private lastTags: string | null = null;
  private bytesRead = 0;
  private readonly lastText: (string | null)[] = new Array<string | null>(TEXT_COLUMNS.length).fill(null);

  constructor(
    private readonly onFull: (batch: RowBatch) => void,
    private readonly capacity = 4096,
  ) {
    this.numbers = new Float64Array(capacity * NUMBERS_PER_ROW);
    this.ids = new Int32Array(capacity * IDS_PER_ROW);
    this.columnIds = new ColumnIds(this.strings, TEXT_COLUMNS.length);
  }

  write(d: ChargeDraft, month: number): void {
    if (this.count === this.capacity) this.onFull(this.take());
    const n = this.numbers;
    let o = this.count * NUMBERS_PER_ROW;
    n[o++] = d.rowNumber;
    n[o++] = month;
    n[o++] = d.chargePeriodStart;
    n[o++] = nn(d.chargePeriodEnd);
    n[o++] = nn(d.billingPeriodStart);
    n[o++] = nn(d.billingPeriodEnd);
    n[o++] = d.billed.hi;
    n[o++] = d.billed.lo;
    n[o++] = d.effective.hi;
    n[o++] = d.effective.lo;
    n[o++] = d.list.hi;
    n[o++] = d.list.lo;
    n[o++] = d.contracted === null ? NaN : d.contracted.hi;
    n[o++] = d.contracted === null ? NaN : d.contracted.lo;
    n[o++] = nn(d.pricingQuantity);
    n[o++] = nn(d.consumedQuantity);
    n[o++] = nn(d.tokens);
    n[o] = nn(d.requests);
    const ids = this.ids;
    const at = this.count * IDS_PER_ROW;
    const lastText = this.lastText;
    for (let i = 0; i < TEXT_COLUMNS.length; i++) {
      const v = d.text[i];
      if (v === null) {
        ids[at + i] = NULL_ID;
        lastText[i] = null;
      } else if (v === lastText[i]) {
        // Bills repeat a column's value from row to row: only a changed value is looked up.
        ids[at + i] = SAME_ID;
      } else if (this.rawColumn[i]) {
        lastText[i] = v;
        ids[at + i] = RAW_ID;
        this.raw.push(v);
      } else {
        lastText[i] = v;
        ids[at + i] = this.columnIds.idOf(i, v);
        if (this.columnIds.sizeOf(i) > NUMBERED_VALUES) this.rawColumn[i] = true;
      }
    }
    const tags = d.tagsJson;
    if (tags === null) {
      ids[at + TAGS_AT] = NULL_ID;
    } else if (tags === this.lastTags) {
      ids[at + TAGS_AT] = SAME_ID;
    } else {
      ids[at + TAGS_AT] = RAW_ID;
      this.raw.push(tags);
    }
    this.lastTags = tags;
    this.count++;
  }

  /** The charges encoded since the last call, and the bytes read so far; starts a new batch. */
  take(bytesRead = this.bytesRead): RowBatch {
    this.bytesRead = bytesRead;
    const batch: RowBatch = {
      count: this.count,
      numbers: this.numbers.slice(0, this.count * NUMBERS_PER_ROW),
      ids: this.ids.slice(0, this.count * IDS_PER_ROW),
      strings: this.strings.pending,
      raw: this.raw,
      bytesRead,
    };
    this.strings.pending = [];
    this.raw = [];
    this.count = 0;
    return batch;
  }
}
