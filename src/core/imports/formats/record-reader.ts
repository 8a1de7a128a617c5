import type { RowProblem } from '../../../shared/errors';
import { parseDecimalSplit, type SplitAmount } from '../../money/decimal';
import { parseInstant } from '../dates';
import type { Report } from './types';

export const NULL_TOKENS = new Set(['', 'NULL', 'null']);
const QUANTITY = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** One of NULL_TOKENS, told without hashing the field (a Set lookup hashes every field read). */
function isNullToken(v: string): boolean {
  return v.length === 0 || (v.length === 4 && (v === 'NULL' || v === 'null'));
}

/** QUANTITY's test for the common shape, digits with at most one point; the regex otherwise. */
function isQuantity(v: string): boolean {
  let i = v.charCodeAt(0) === 43 || v.charCodeAt(0) === 45 ? 1 : 0; // + -
  let digits = 0;
  let points = 0;
  for (; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && points === 0) points++;
    else return QUANTITY.test(v);
  }
  return digits > 0;
}

/**
 * Typed reading of one record's fields, shared by the table importers. Problems name the file,
 * the physical line, the file's own column name, the value and what was expected. The record
 * is kept on the reader so the per-field helpers allocate nothing per row.
 */
export class RecordReader {
  protected f: string[] = [];
  protected line = 0;
  protected ok = true;
  private report: Report = () => undefined;

  constructor(
    protected readonly file: string,
    protected readonly header: string[],
  ) {}

  protected begin(fields: string[], line: number, report: Report): void {
    this.f = fields;
    this.line = line;
    this.ok = true;
    this.report = report;
  }

  protected problem(col: number, expected: string): void {
    this.ok = false;
    const p: RowProblem = { file: this.file, row: this.line, column: this.header[col] ?? null, value: this.f[col] ?? null, expected };
    this.report(p);
  }

  /** The field's text, or null when the column is absent or the value is one of the null tokens. */
  protected text(col: number): string | null {
    if (col < 0) return null;
    const v = this.f[col];
    return v === undefined || isNullToken(v) ? null : v;
  }

  protected money(col: number, required: boolean): SplitAmount | null {
    const v = this.text(col);
    if (v === null) {
      if (required && col >= 0) this.problem(col, 'a decimal amount (it is required)');
      return null;
    }
    const s = parseDecimalSplit(v);
    if (s === null) this.problem(col, 'a plain decimal number such as 12.34 or -0.5 (no currency symbol or thousands separator)');
    return s;
  }

  protected instant(col: number, required: boolean): number | null {
    const v = this.text(col);
    if (v === null) {
      if (required && col >= 0) this.problem(col, 'a date and time such as 2025-01-31T00:00:00Z (it is required)');
      return null;
    }
    const t = parseInstant(v);
    if (t === null) this.problem(col, 'a date and time such as 2025-01-31T00:00:00Z or 2025-01-31');
    return t;
  }

  protected quantity(col: number): number | null {
    const v = this.text(col);
    if (v === null) return null;
    if (!isQuantity(v)) {
      this.problem(col, 'a plain decimal number');
      return null;
    }
    return Number(v);
  }

  protected count(col: number): number | null {
    const q = this.quantity(col);
    if (q !== null && !Number.isInteger(q)) this.problem(col, 'a whole number');
    return q;
  }
}
