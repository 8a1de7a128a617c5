import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { ByteSource, ImportFileResult, ImportProgress } from '../../shared/contract';
import { EngineError, type RowProblem } from '../../shared/errors';
import type { Clock, Workspace } from '../db/workspace';
import { formatPico, joinSplit } from '../money/decimal';
import { ChargeDraft, ChargeWriter, TEXT_INDEX } from './charge-writer';
import { readCsv } from './csv-reader';
import { isoDate, monthKey } from './dates';
import { detectFormat } from './formats';
import type { Detection, RowMapper } from './formats/types';

/** The first problems are kept for the report; the rest are only counted. */
export const MAX_REPORTED_PROBLEMS = 100;

export type ImportContext = {
  clock: Clock;
  throwIfCancelled(): void;
  progress(p: ImportProgress): void;
  fileIndex: number;
  fileCount: number;
};

type Totals = { hi: number; lo: number };

function addTo(t: Totals, hi: number, lo: number): void {
  t.hi += hi;
  t.lo += lo;
  if (t.lo >= 1_000_000_000) {
    const carry = Math.floor(t.lo / 1_000_000_000);
    t.hi += carry;
    t.lo -= carry * 1_000_000_000;
  }
}

function hashingSource(source: ByteSource, hash: ReturnType<typeof sha256.create>): ByteSource {
  return {
    name: source.name,
    size: source.size,
    async *chunks() {
      for await (const chunk of source.chunks()) {
        hash.update(chunk);
        yield chunk;
      }
    },
  };
}

function emptyResult(file: string): ImportFileResult {
  return {
    file,
    status: 'failed',
    format: null,
    formatLabel: null,
    rows: 0,
    periodStart: null,
    periodEnd: null,
    billedCost: null,
    currency: null,
    importId: null,
    duplicateOf: null,
    warnings: [],
    error: null,
  };
}

/**
 * Imports one file in one transaction, streaming from the source to prepared inserts. Any bad
 * record, a cancel or an unreadable file rolls the whole file back: the workspace is then exactly
 * as it was. Re-importing a file with the same bytes is detected by its hash and skipped.
 */
export async function importSource(ws: Workspace, source: ByteSource, ctx: ImportContext): Promise<ImportFileResult> {
  const file = source.name;
  const result = emptyResult(file);
  const db = ws.db;
  const hash = sha256.create();
  const problems: RowProblem[] = [];
  let problemCount = 0;
  const report = (p: RowProblem): void => {
    problemCount++;
    if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(p);
  };
  const notes: string[] = [];
  let detection: Detection | null = null;
  let mapper: RowMapper | null = null;
  let width = 0;
  let writer: ChargeWriter | null = null;
  let rows = 0;
  let bytes = 0;
  let minStart = Infinity;
  let maxStart = -Infinity;
  const billed: Totals = { hi: 0, lo: 0 };
  const currencies = new Set<string>();
  const draft = new ChargeDraft();
  const progress = (phase: ImportProgress['phase']): void =>
    ctx.progress({ file, fileIndex: ctx.fileIndex, fileCount: ctx.fileCount, bytesRead: bytes, totalBytes: source.size, rows, phase });

  db.run('BEGIN');
  let committed = false;
  try {
    const importId = Number(
      db.exec(
        `INSERT INTO imports (file_name, file_hash, file_size, format, format_label, row_count, billed_total, imported_at)
         VALUES (?, '', ?, '', '', 0, '0', ?) RETURNING id`,
        [file, source.size, ctx.clock.now().toISOString()],
      )[0].values[0][0],
    );
    // Rows get consecutive ids after the current maximum, so an import is also an id range.
    const firstChargeId = Number(db.exec('SELECT coalesce(max(id), 0) + 1 FROM charges')[0].values[0][0]);
    const reader = readCsv(hashingSource(source, hash), {
      onBytes: (n) => (bytes = n),
      throwIfCancelled: ctx.throwIfCancelled,
      onProblem: report,
      onNote: (n) => notes.push(n),
    });
    for await (const batch of reader) {
      ctx.throwIfCancelled();
      let start = 0;
      if (mapper === null) {
        const header = batch.rows[0];
        const found = detectFormat(file, header);
        detection = found.detection;
        mapper = found.importer.createMapper(file, header, found.detection);
        width = header.length;
        writer = new ChargeWriter(db, ws.strings, importId);
        start = 1;
      }
      for (let r = start; r < batch.rows.length; r++) {
        const fields = batch.rows[r];
        if (fields.length === 1 && fields[0] === '') continue; // blank line
        const line = batch.lines[r];
        if (fields.length !== width) {
          report({ file, row: line, column: null, value: null, expected: `${width} fields like the header, found ${fields.length}` });
          continue;
        }
        if (!mapper.map(fields, line, draft, report)) continue;
        if (problemCount > 0) continue; // the file will be refused: stop writing, keep checking
        (writer as ChargeWriter).write(draft, monthKey(draft.chargePeriodStart));
        rows++;
        addTo(billed, draft.billed.hi, draft.billed.lo);
        if (draft.chargePeriodStart < minStart) minStart = draft.chargePeriodStart;
        if (draft.chargePeriodStart > maxStart) maxStart = draft.chargePeriodStart;
        currencies.add(draft.text[TEXT_INDEX.BillingCurrency] ?? 'USD');
      }
      progress('reading');
    }
    if (detection === null || mapper === null) {
      throw new EngineError('import/empty-file', `${file} is empty: it has no header line.`, { file });
    }
    result.format = detection.format;
    result.formatLabel = detection.label;
    if (problemCount > 0) {
      throw new EngineError(
        'import/invalid-rows',
        `${file} was not imported: ${problemCount} problem${problemCount === 1 ? '' : 's'} found.`,
        { file, problems, problemCount },
      );
    }
    const fileHash = bytesToHex(hash.digest());
    const dup = db.exec('SELECT id FROM imports WHERE file_hash = ? AND id <> ?', [fileHash, importId]);
    if (dup.length) {
      db.run('ROLLBACK');
      ws.strings.rollback();
      writer?.finish(false);
      writer = null;
      result.status = 'skipped';
      result.duplicateOf = Number(dup[0].values[0][0]);
      result.warnings = [`This file was already imported (import #${result.duplicateOf}); it was skipped.`];
      return result;
    }
    const warnings = [...notes, ...mapper.warnings()];
    if (rows === 0) warnings.push('The file has a header but no charge rows.');
    const total = formatPico(joinSplit(billed.hi, billed.lo));
    const currency = currencies.size ? [...currencies].sort().join(', ') : null;
    ctx.throwIfCancelled();
    progress('committing');
    db.run(
      `UPDATE imports SET file_hash = ?, format = ?, format_version = ?, format_label = ?, source_kind = ?,
         row_count = ?, first_charge_id = ?, last_charge_id = ?, period_start = ?, period_end = ?,
         billed_total = ?, currency = ?, warnings = ? WHERE id = ?`,
      [
        fileHash,
        detection.format,
        detection.version,
        detection.label,
        detection.sourceKind,
        rows,
        rows ? firstChargeId : null,
        rows ? firstChargeId + rows - 1 : null,
        rows ? minStart : null,
        rows ? maxStart : null,
        total,
        currency,
        JSON.stringify(warnings),
        importId,
      ],
    );
    db.run('COMMIT');
    committed = true;
    ws.strings.commit();
    Object.assign(result, {
      status: 'imported',
      rows,
      periodStart: rows ? isoDate(minStart) : null,
      periodEnd: rows ? isoDate(maxStart) : null,
      billedCost: total,
      currency,
      importId,
      warnings,
    });
    progress('done');
    return result;
  } catch (e) {
    if (!committed) {
      try {
        db.run('ROLLBACK');
      } catch {
        // already rolled back
      }
      ws.strings.rollback();
    }
    const err =
      e instanceof EngineError
        ? e
        : new EngineError('engine/internal', `${file} could not be imported: ${(e as Error).message}`, { file });
    result.status = err.code === 'import/cancelled' ? 'cancelled' : 'failed';
    result.error = err.toPayload();
    return result;
  } finally {
    writer?.finish(committed);
  }
}
