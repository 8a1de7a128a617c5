import { parseDecimalSplit, type SplitAmount } from '../../money/decimal';
import { parseInstant } from '../dates';
import type { Report } from './types';

/**
 * Typed reading of admin-API JSON pages (OpenAI and Anthropic share the page-of-buckets shape).
 * Problems name the file, the 1-based record number (one record = one entry of a bucket's
 * `results`) and the JSON path of the value, e.g. "data[2].results[0].amount.value".
 */

export type JsonObject = { [key: string]: unknown };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at a dotted key ("amount.value") below `o`, or undefined when a step is missing. */
export function valueAt(o: JsonObject, key: string): unknown {
  let at: unknown = o;
  for (const step of key.split('.')) {
    if (!isObject(at)) return undefined;
    at = at[step];
  }
  return at;
}

/** A page's buckets: `doc.data` when it is an array of objects, else null. */
export function bucketsOf(doc: unknown): JsonObject[] | null {
  if (!isObject(doc) || !Array.isArray(doc.data)) return null;
  return doc.data.every(isObject) ? doc.data : null;
}

/** Every result object of every bucket, in document order. */
export function resultsOf(buckets: JsonObject[]): JsonObject[] {
  return buckets.flatMap((b) => (Array.isArray(b.results) ? b.results.filter(isObject) : []));
}

function shown(v: unknown): string | null {
  if (v === undefined) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export class JsonFieldReader {
  private row = 0;
  private base = '';
  ok = true;

  constructor(
    private readonly file: string,
    private readonly report: Report,
  ) {}

  /** Starts a record: later problems name this record number and paths below `base`. */
  at(row: number, base: string): void {
    this.row = row;
    this.base = base;
    this.ok = true;
  }

  /** Moves to paths below `base` within the same record. */
  within(base: string): void {
    this.base = base;
  }

  path(key: string): string {
    return this.base === '' ? key : `${this.base}.${key}`;
  }

  problem(key: string, value: unknown, expected: string): void {
    this.ok = false;
    this.report({ file: this.file, row: this.row, column: this.path(key), value: shown(value), expected });
  }

  /** A string, or null when the value is null or absent. */
  text(o: JsonObject, key: string): string | null {
    const v = valueAt(o, key);
    if (v === null || v === undefined) return null;
    if (typeof v === 'string') return v === '' ? null : v;
    this.problem(key, v, 'a text value or null');
    return null;
  }

  /** A whole number of at least zero (tokens, requests), or null when null or absent. */
  count(o: JsonObject, key: string, required = false): number | null {
    const v = valueAt(o, key);
    if (v === null || v === undefined) {
      if (required) this.problem(key, v, 'a whole number of at least 0 (it is required)');
      return null;
    }
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
    this.problem(key, v, 'a whole number of at least 0');
    return null;
  }

  bool(o: JsonObject, key: string): boolean | null {
    const v = valueAt(o, key);
    if (v === null || v === undefined) return null;
    if (typeof v === 'boolean') return v;
    this.problem(key, v, 'true, false or null');
    return null;
  }

  /** A plain number such as a quantity (not money), or null. */
  quantity(o: JsonObject, key: string): number | null {
    const v = valueAt(o, key);
    if (v === null || v === undefined) return null;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    this.problem(key, v, 'a number or null');
    return null;
  }

  /** Unix seconds (UTC), as OpenAI's buckets give them. */
  unixSeconds(o: JsonObject, key: string, required: boolean): number | null {
    const v = valueAt(o, key);
    if (v === null || v === undefined) {
      if (required) this.problem(key, v, 'a time in unix seconds such as 1730419200 (it is required)');
      return null;
    }
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v < 1e11) return v;
    this.problem(key, v, 'a time in unix seconds such as 1730419200');
    return null;
  }

  /** An RFC 3339 instant, as Anthropic's buckets give them. */
  instant(o: JsonObject, key: string, required: boolean): number | null {
    const v = valueAt(o, key);
    if (v === null || v === undefined) {
      if (required) this.problem(key, v, 'a date and time such as 2025-01-31T00:00:00Z (it is required)');
      return null;
    }
    const t = typeof v === 'string' ? parseInstant(v) : null;
    if (t === null) this.problem(key, v, 'a date and time such as 2025-01-31T00:00:00Z');
    return t;
  }

  /**
   * The exact decimal text of an amount. The importer gets the document already parsed, so a
   * JSON number arrives as a float; its text is taken as the float's shortest round-trip form
   * (`String(n)`), which has the same value as the document's text whenever that had at most 15
   * significant digits (0.06, 12.345678901234, 2.5e-7). Longer numbers may differ in their last
   * digits: the float is all JSON.parse kept of them. A string is taken as it is (exporters that
   * quote amounts keep them exact).
   */
  decimalText(o: JsonObject, key: string, required: boolean, expected: string): string | null {
    const v = valueAt(o, key);
    if (v === null || v === undefined) {
      if (required) this.problem(key, v, `${expected} (it is required)`);
      return null;
    }
    const text = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : null;
    if (text === null || parseDecimalSplit(text) === null) {
      this.problem(key, v, expected);
      return null;
    }
    return text;
  }

  /** An amount in currency units, exact. */
  money(o: JsonObject, key: string, required: boolean): SplitAmount | null {
    const text = this.decimalText(o, key, required, 'a decimal amount such as 0.06');
    return text === null ? null : parseDecimalSplit(text);
  }
}

/**
 * Walks a page's buckets and their results, numbering records from 1 in document order.
 * `readBucket` reads the bucket's own fields for each record, so a bad bucket time refuses each
 * of its records by number (and "import the valid rows" leaves none out unreported); when it
 * returns null or reports a problem, the record is not visited. Shape problems (a bucket that is
 * not an object, `results` that is not an array, a result that is not an object) name the
 * record number the entry holds or would hold.
 */
export function walkResults<B>(
  doc: unknown,
  r: JsonFieldReader,
  readBucket: (bucket: JsonObject) => B | null,
  visit: (bucket: B, result: JsonObject, row: number) => void,
): void {
  const data = isObject(doc) ? doc.data : undefined;
  let row = 0;
  if (!Array.isArray(data)) {
    r.at(1, '');
    r.problem('data', data, 'an array of time buckets');
    return;
  }
  data.forEach((bucket, b) => {
    if (!isObject(bucket)) {
      r.at(row + 1, '');
      r.problem(`data[${b}]`, bucket, 'a time bucket object');
      return;
    }
    if (!Array.isArray(bucket.results)) {
      r.at(row + 1, `data[${b}]`);
      r.problem('results', bucket.results, 'an array of results');
      return;
    }
    bucket.results.forEach((result, i) => {
      row++;
      r.at(row, `data[${b}]`);
      const read = readBucket(bucket);
      if (read === null || !r.ok) return;
      if (!isObject(result)) r.problem(`results[${i}]`, result, 'a result object');
      else {
        r.within(`data[${b}].results[${i}]`);
        visit(read, result, row);
      }
    });
  });
}
