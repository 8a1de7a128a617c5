import { parseDecimalSplit, type SplitAmount } from '../../../money/decimal';
import type { ChargeDraft } from '../../charge-writer';
import { canonicalTags } from '../focus';
import { RecordReader } from '../record-reader';
import type { ChargeSink } from '../types';

export type TokenClass = 'input' | 'output' | 'cached_read' | 'cache_write' | 'reasoning';

/** One charge of a record: a token class and its token count (null when the source has none). */
export type TokenLine = { tokenClass: TokenClass | null; tokens: number | null };

/** What a whole record costs and how many requests it stands for. */
export type RecordCost = { billed: SplitAmount; effective: SplitAmount; list: SplitAmount; requests: number | null };

export const ZERO: SplitAmount = { hi: 0, lo: 0 };

// Exports written through pandas turn integer columns with gaps into floats ("1200.0").
const WHOLE = /^\d+(?:\.0*)?$/;
// Cursor writes "$0.02"; a sign may come before or after the symbol.
const DOLLARS = /^([+-]?)\$\s?([+-]?)(\d*\.?\d*)$/;

/**
 * The record reader of the tools family: token counts, dollar amounts and JSON cells on top of
 * the shared typed helpers, with the same problem reporting (file, line, column, value, expected).
 */
export class ToolsReader extends RecordReader {
  /** A whole, non-negative count (tokens, requests). Null when absent or empty. */
  protected whole(col: number, what = 'tokens'): number | null {
    const v = this.text(col);
    if (v === null) return null;
    if (!WHOLE.test(v)) {
      this.problem(col, `a whole number of ${what} such as 1200`);
      return null;
    }
    return Number(v);
  }

  /** A US-dollar amount, plain ("0.19") or with a dollar sign ("$0.02", "-$1.50"). */
  protected usd(col: number, required: boolean): SplitAmount | null {
    const v = this.text(col);
    if (v === null) {
      if (required && col >= 0) this.problem(col, 'an amount in US dollars (it is required)');
      return null;
    }
    const m = DOLLARS.exec(v.trim());
    const plain = m === null ? v : m[1] !== '' && m[2] !== '' ? null : `${m[1] || m[2]}${m[3]}`;
    const s = plain === null ? null : parseDecimalSplit(plain);
    if (s === null) this.problem(col, 'an amount in US dollars such as 0.19 or $0.02 (no thousands separator)');
    return s;
  }

  /** A JSON cell. Undefined when the cell is absent or empty; null when it is JSON null. */
  protected json(col: number, expected: string): unknown {
    const v = this.text(col);
    if (v === null) return undefined;
    try {
      return JSON.parse(v);
    } catch {
      this.problem(col, expected);
      return undefined;
    }
  }

  /** A JSON object cell (map or struct exports); anything else but empty or null is a problem. */
  protected jsonObject(col: number, expected: string): Record<string, unknown> | null {
    const value = this.json(col, expected);
    if (value === undefined || value === null) return null;
    if (!isRecord(value)) {
      this.problem(col, expected);
      return null;
    }
    return value;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar member of a parsed JSON object as text, or null. */
export function textOf(obj: Record<string, unknown> | null, key: string): string | null {
  const v = obj?.[key];
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** A whole, non-negative number member of a parsed JSON object, or null. */
export function countOf(obj: Record<string, unknown> | null, key: string): number | null {
  const v = obj?.[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' && WHOLE.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** Canonical tags JSON from key/value pairs; null when there are none. */
export function tagsJson(tags: Map<string, string | null>): string | null {
  if (tags.size === 0) return null;
  return canonicalTags(JSON.stringify(Object.fromEntries(tags))) ?? null;
}

/**
 * The token lines of a record: the first (input) line always, the others only when they hold
 * tokens, so a record with no cache use is two charges rather than four.
 */
export function tokenLines(first: TokenLine, ...rest: TokenLine[]): TokenLine[] {
  return [first, ...rest.filter((l) => l.tokens !== null && l.tokens !== 0)];
}

/**
 * Emits one charge per token line. Sources give one cost per record, not per token class, so the
 * record's whole cost and request count go on its first line and the other lines cost 0: sums by
 * model, user or key stay exact and nothing is apportioned by guesswork. `fill` sets what every
 * line shares (dates, provider, model ...); `first` says whether it fills the record's first line.
 */
export function emitTokenLines(sink: ChargeSink, lines: TokenLine[], cost: RecordCost, fill: (d: ChargeDraft, first: boolean) => void): void {
  lines.forEach((line, k) => {
    const d = sink.next();
    fill(d, k === 0);
    d.billed = k === 0 ? cost.billed : ZERO;
    d.effective = k === 0 ? cost.effective : ZERO;
    d.list = k === 0 ? cost.list : ZERO;
    d.requests = k === 0 ? cost.requests : null;
    d.setText('x_TokenClass', line.tokenClass);
    d.tokens = line.tokens;
    if (line.tokens !== null) {
      d.consumedQuantity = line.tokens;
      d.setText('ConsumedUnit', 'Tokens');
    }
    sink.emit();
  });
}

const DAY = 86_400;

/** The exclusive end of a day that starts at `start` (FOCUS period ends are exclusive). */
export function dayAfter(start: number): number {
  return start + DAY;
}
