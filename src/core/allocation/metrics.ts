/**
 * Business metrics (requests served, resolved tickets, active customers ...) per UTC day and value
 * of a tag key, imported from CSV, for usage splits (`usage: "metric:<name>"`). A file is stored
 * whole or not at all; a row for a metric, day, tag key and value already stored replaces it.
 */
import type { BusinessMetricImport } from '../../shared/allocation-contract';
import type { ByteSource } from '../../shared/contract';
import { EngineError, type RowProblem } from '../../shared/errors';
import type { Clock, Workspace } from '../db/workspace';
import { readCsv } from '../imports/csv-reader';
import type { MetricWeights } from './metric-source';

export const METRIC_COLUMNS = ['day', 'metric', 'tag_key', 'tag_value', 'quantity'] as const;
type MetricColumn = (typeof METRIC_COLUMNS)[number];

/** As many as an import error reports. */
const MAX_REPORTED = 100;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Plain non-negative decimals only: no sign, exponent, separators or units. */
const QUANTITY = /^(\d+)(?:\.(\d+))?$/;

type MetricRow = { metric: string; day: number; tagKey: string; tagValue: string; quantity: string; line: number };

export type MetricImportContext = { clock: Clock; throwIfCancelled(): void };

/** Unix seconds of a YYYY-MM-DD UTC day, or null when the text is not a real day. */
export function parseMetricDay(text: string): number | null {
  const m = DAY.exec(text);
  if (m === null) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === text ? ms / 1000 : null;
}

/** "007.50" -> "7.5": one spelling per quantity, so the stored text compares and reads cleanly. */
function normalizeQuantity(text: string): string | null {
  const m = QUANTITY.exec(text);
  if (m === null) return null;
  const int = m[1].replace(/^0+(?=\d)/, '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** Case folding as SQLite's NOCASE does it (ASCII letters), so the file and the table agree. */
function foldAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function dayText(day: number): string {
  return new Date(day * 1000).toISOString().slice(0, 10);
}

/** Column positions by header name, case-insensitively; problems for missing or repeated ones. */
function headerColumns(file: string, header: string[], problems: RowProblem[]): Map<MetricColumn, number> {
  const at = new Map<MetricColumn, number>();
  header.forEach((raw, i) => {
    const name = METRIC_COLUMNS.find((c) => c === raw.trim().toLowerCase());
    if (name === undefined) return;
    if (at.has(name)) problems.push({ file, row: 1, column: raw, value: raw, expected: `the column ${name} only once` });
    else at.set(name, i);
  });
  return at;
}

class RowChecker {
  readonly rows: MetricRow[] = [];
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly file: string,
    private readonly width: number,
    private readonly at: Map<MetricColumn, number>,
    private readonly problem: (p: RowProblem) => void,
  ) {}

  check(fields: string[], line: number): void {
    // Blank lines (an export's trailing padding) carry nothing.
    if (fields.every((f) => f.trim() === '')) return;
    const { file } = this;
    if (fields.length !== this.width) {
      this.problem({ file, row: line, column: null, value: null, expected: `${this.width} fields like the header, found ${fields.length}` });
      return;
    }
    const cell = (c: MetricColumn): string => fields[this.at.get(c) as number].trim();
    let ok = true;
    const bad = (column: MetricColumn, expected: string): void => {
      ok = false;
      this.problem({ file, row: line, column, value: cell(column), expected });
    };
    const day = parseMetricDay(cell('day'));
    if (day === null) bad('day', 'a UTC day as YYYY-MM-DD, e.g. 2026-03-31');
    const metric = cell('metric');
    if (metric === '') bad('metric', 'the name of the metric, e.g. requests');
    const tagKey = cell('tag_key');
    if (tagKey === '') bad('tag_key', 'the tag key the quantity is measured by, e.g. team');
    const tagValue = cell('tag_value');
    if (tagValue === '') bad('tag_value', 'the value of the tag key, e.g. Search');
    const quantity = normalizeQuantity(cell('quantity'));
    if (quantity === null) bad('quantity', 'a non-negative decimal number without separators, e.g. 1250 or 0.75');
    if (!ok || day === null || quantity === null) return;
    const id = `${foldAscii(metric)}\u0000${day}\u0000${foldAscii(tagKey)}\u0000${tagValue}`;
    const earlier = this.seen.get(id);
    if (earlier !== undefined) {
      this.problem({ file, row: line, column: 'tag_value', value: tagValue, expected: `one row per day, metric, tag key and value (line ${earlier} has the same)` });
      return;
    }
    this.seen.set(id, line);
    this.rows.push({ metric, day, tagKey, tagValue, quantity, line });
  }
}

function refuse(file: string, problems: RowProblem[], count: number, missing?: string[]): never {
  const p = problems[0];
  const where = `line ${p.row}${p.column ? `, column ${p.column}` : ''}${p.value === null ? '' : `: found "${p.value}"`}; expected ${p.expected}`;
  const first = count === 1 ? `: ${where}.` : `: ${count} problems found, the first on ${where}.`;
  throw new EngineError('allocation/invalid-metrics', `${file} was not imported${first}`, {
    file,
    problems: problems.slice(0, MAX_REPORTED),
    problemCount: count,
    ...(missing ? { missing } : {}),
  });
}

async function readMetricRows(source: ByteSource, ctx: MetricImportContext): Promise<MetricRow[]> {
  const file = source.name;
  const problems: RowProblem[] = [];
  let count = 0;
  const problem = (p: RowProblem): void => {
    count++;
    if (problems.length < MAX_REPORTED) problems.push(p);
  };
  let checker: RowChecker | null = null;
  for await (const batch of readCsv(source, { onBytes: () => undefined, throwIfCancelled: () => ctx.throwIfCancelled(), onProblem: problem, onNote: () => undefined })) {
    let first = 0;
    if (checker === null) {
      const header = batch.rows[0];
      const headerProblems: RowProblem[] = [];
      const at = headerColumns(file, header, headerProblems);
      const missing = METRIC_COLUMNS.filter((c) => !at.has(c));
      for (const c of missing) headerProblems.push({ file, row: 1, column: c, value: null, expected: `a column named ${c} (the header is ${METRIC_COLUMNS.join(',')})` });
      if (headerProblems.length) refuse(file, headerProblems, headerProblems.length, missing.length ? [...missing] : undefined);
      checker = new RowChecker(file, header.length, at, problem);
      first = 1;
    }
    for (let i = first; i < batch.rows.length; i++) checker.check(batch.rows[i], batch.lines[i]);
  }
  if (count > 0) refuse(file, problems, count);
  if (checker === null || checker.rows.length === 0) {
    refuse(file, [{ file, row: 2, column: null, value: null, expected: 'at least one row of day, metric, tag key, tag value and quantity' }], 1);
  }
  return checker.rows;
}

/** Per metric of the rows (spelled as first written), in order of first appearance. */
function summarizeRows(rows: MetricRow[]): BusinessMetricImport[] {
  const by = new Map<string, { metric: string; rows: number; first: number; last: number }>();
  for (const r of rows) {
    const id = foldAscii(r.metric);
    const s = by.get(id);
    if (s === undefined) by.set(id, { metric: r.metric, rows: 1, first: r.day, last: r.day });
    else {
      s.rows++;
      s.first = Math.min(s.first, r.day);
      s.last = Math.max(s.last, r.day);
    }
  }
  return [...by.values()].map((s) => ({ metric: s.metric, rows: s.rows, firstDay: dayText(s.first), lastDay: dayText(s.last) }));
}

/**
 * Reads a metric CSV (header day,metric,tag_key,tag_value,quantity in any case and order) and
 * stores its rows in one transaction. Metric names and tag keys match ignoring the case of ASCII
 * letters (SQLite's NOCASE), tag values exactly. Returns what the file held; a file with several metrics is summed up in one
 * entry whose `metric` lists their names (`allocation/metrics` lists them one by one).
 */
export async function importBusinessMetrics(ws: Workspace, source: ByteSource, ctx: MetricImportContext): Promise<BusinessMetricImport> {
  const rows = await readMetricRows(source, ctx);
  ctx.throwIfCancelled();
  const at = ctx.clock.now().toISOString();
  const { db } = ws;
  const remove = db.prepare('DELETE FROM business_metrics WHERE metric = ? COLLATE NOCASE AND day = ? AND tag_key = ? COLLATE NOCASE AND tag_value = ?');
  const insert = db.prepare('INSERT INTO business_metrics (metric, day, tag_key, tag_value, quantity, file_name, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  db.run('BEGIN');
  try {
    for (const r of rows) {
      remove.run([r.metric, r.day, r.tagKey, r.tagValue]);
      insert.run([r.metric, r.day, r.tagKey, r.tagValue, r.quantity, source.name, at]);
    }
    db.run('COMMIT');
  } catch (e) {
    db.run('ROLLBACK');
    throw e;
  } finally {
    remove.free();
    insert.free();
  }
  const metrics = summarizeRows(rows);
  if (metrics.length === 1) return metrics[0];
  return {
    metric: metrics.map((m) => m.metric).join(', '),
    rows: rows.length,
    firstDay: metrics.map((m) => m.firstDay).sort()[0],
    lastDay: metrics.map((m) => m.lastDay).sort()[metrics.length - 1],
  };
}

/** Every stored metric with its row count and day range, by name (spelled as last imported). */
export function listBusinessMetrics(ws: Workspace): BusinessMetricImport[] {
  const r = ws.db.exec(`
    SELECT (SELECT b2.metric FROM business_metrics b2 WHERE b2.metric = b.metric COLLATE NOCASE ORDER BY b2.id DESC LIMIT 1),
           count(*), min(day), max(day)
    FROM business_metrics b
    GROUP BY metric COLLATE NOCASE
    ORDER BY metric COLLATE NOCASE`);
  return (r[0]?.values ?? []).map(([metric, rows, first, last]) => ({
    metric: String(metric),
    rows: Number(rows),
    firstDay: dayText(Number(first)),
    lastDay: dayText(Number(last)),
  }));
}

/**
 * Quantities of one metric per period and value of a tag key, for a usage split: periods are UTC
 * days (unix seconds) or months (yyyymm). Exact decimals are summed as numbers: they are weights.
 */
export function readMetricWeights(ws: Workspace, metric: string, tagKey: string, grain: 'day' | 'month'): MetricWeights {
  const period = grain === 'day' ? 'day' : "CAST(strftime('%Y%m', day, 'unixepoch') AS INTEGER)";
  const stmt = ws.db.prepare(`SELECT ${period}, tag_value, quantity FROM business_metrics WHERE metric = ? COLLATE NOCASE AND tag_key = ? COLLATE NOCASE`);
  const out: MetricWeights = new Map();
  try {
    stmt.bind([metric, tagKey]);
    while (stmt.step()) {
      const [p, value, quantity] = stmt.get();
      const key = Number(p);
      let values = out.get(key);
      if (values === undefined) out.set(key, (values = new Map()));
      const v = String(value);
      values.set(v, (values.get(v) ?? 0) + Number(quantity));
    }
  } finally {
    stmt.free();
  }
  return out;
}
