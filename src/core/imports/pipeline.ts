import { sha256, type FileHasher } from '../hash/sha256';
import {
  blankImportResult,
  type ByteSource,
  type ImportFileResult,
  type ImportOptions,
  type ImportProgress,
  type ReplacedImport,
} from '../../shared/contract';
import { removeImportRows } from './remove';
import { EngineError } from '../../shared/errors';
import type { Clock, Workspace } from '../db/workspace';
import { formatPico, joinSplit } from '../money/decimal';
import { gunzipSource, isGzip, isZip, zipEntries } from './archives';
import { ChargeWriter } from './charge-writer';
import { isoDate, monthKey } from './dates';
import { listProfiles, profileImporters } from './mapping-profiles';
import { settleCostBasis } from './cost-basis';
import { applyPricing } from '../pricing/apply';
import { priceBook } from '../pricing';
import { listOverrides } from '../pricing/overrides';
import { peek } from './peek';
import { readSource } from './read-source';
import type { RemoteReader } from './remote-read';

export type ImportContext = {
  clock: Clock;
  /** The host's SHA-256, when it has a faster one than the engine's. */
  sha256?: () => FileHasher;
  /** The host's way to read a whole file on a thread of its own (see EngineHost.readRemote). */
  readRemote?: RemoteReader;
  throwIfCancelled(): void;
  progress(p: ImportProgress): void;
  fileIndex: number;
  fileCount: number;
  /** Imports made earlier in the same call. */
  batchImportIds: Set<number>;
};

/**
 * Unpacks what a source holds: a ZIP archive's data files, a gzip file's content, or the file
 * itself. Each resulting source is imported as a file of its own.
 */
export async function expandSource(source: ByteSource, onBytes: (n: number) => void): Promise<ByteSource[]> {
  if (source.origin !== undefined) {
    // The whole file as the host gave it: it reads again from the start, so only its first
    // bytes are read here and it stays itself (a host may read it on a thread of its own).
    const head = await headOf(source, 4);
    if (isZip(head)) return zipEntries(source, onBytes);
    if (isGzip(head)) return [gunzipSource(source)];
    return [source];
  }
  const { head, source: whole } = await peek(source, 4);
  if (isZip(head)) return zipEntries(whole, onBytes);
  if (isGzip(head)) return [gunzipSource(whole)];
  return [whole];
}

/** The first `n` bytes of a source (fewer if it is shorter); stops reading there. */
async function headOf(source: ByteSource, n: number): Promise<Uint8Array> {
  const head = new Uint8Array(n);
  let size = 0;
  for await (const chunk of source.chunks()) {
    const take = Math.min(chunk.length, n - size);
    head.set(chunk.subarray(0, take), size);
    size += take;
    if (size === n) break;
  }
  return head.subarray(0, size);
}

/** Earlier committed imports of this source whose months are the same as this file's. */
export function sameSourceAndPeriod(ws: Workspace, sourceKey: string, start: number, end: number, self: number): ReplacedImport[] {
  const r = ws.db.exec(
    `SELECT id, file_name, row_count, billed_total, currency, period_start, period_end FROM imports
     WHERE source_key = ? AND id <> ? AND period_start IS NOT NULL AND state = 'committed'`,
    [sourceKey, self],
  );
  if (!r.length) return [];
  return r[0].values
    .filter((v) => monthKey(Number(v[5])) === monthKey(start) && monthKey(Number(v[6])) === monthKey(end))
    .map((v) => ({
      importId: Number(v[0]),
      file: String(v[1]),
      rows: Number(v[2]),
      billedCost: String(v[3]),
      currency: v[4] === null ? null : String(v[4]),
      periodStart: isoDate(Number(v[5])),
      periodEnd: isoDate(Number(v[6])),
    }));
}

/**
 * Imports one file in one transaction, streaming from the source to prepared inserts. Any bad
 * record, a cancel or an unreadable file rolls the whole file back: the workspace is then exactly
 * as it was. Re-importing a file with the same bytes is detected by its hash and skipped.
 */
export async function importSource(
  ws: Workspace,
  source: ByteSource,
  ctx: ImportContext,
  options: ImportOptions = {},
): Promise<ImportFileResult> {
  const file = source.name;
  const result = blankImportResult(file);
  const db = ws.db;
  let writer: ChargeWriter | null = null;
  let committed = false;

  db.run('BEGIN');
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
    const staged = options.stage === true;
    // Rows are priced as they are written, with the overrides this transaction sees: the same
    // values a pricing pass would store afterwards, without that pass. Staged rows too: saving or
    // deleting an override re-prices every row, staged ones included, so they stay current until
    // they are committed.
    writer = new ChargeWriter(db, ws.strings, importId, { book: priceBook(), overrides: listOverrides(ws) }, ws.sqlite);
    const w = writer;
    let bytesRead = 0;
    let rowsSoFar = 0;
    const progress = (phase: ImportProgress['phase'] = 'reading'): void =>
      ctx.progress({ file, fileIndex: ctx.fileIndex, fileCount: ctx.fileCount, bytesRead, totalBytes: source.size, rows: rowsSoFar, phase });
    const validRowsOnly = options.validRowsOnly === true;
    // A file the host can read on a thread of its own is read there; its charges arrive encoded.
    const remote =
      source.origin !== undefined && ctx.readRemote !== undefined
        ? ctx.readRemote(
            source.origin,
            { name: file, size: source.size, forced: options.format, validRowsOnly, profiles: listProfiles(ws) },
            (batch) => {
              ctx.throwIfCancelled();
              w.writeBatch(batch);
              bytesRead = batch.bytesRead;
              rowsSoFar += batch.count;
              progress();
            },
          )
        : null;
    const run =
      remote ??
      readSource(
        source,
        { forced: options.format, validRowsOnly, mappings: profileImporters(ws) },
        writer,
        {
          throwIfCancelled: ctx.throwIfCancelled,
          progress: (b, r) => {
            bytesRead = b;
            rowsSoFar = r;
            progress();
          },
        },
        ctx.sha256?.() ?? sha256.create(),
      );
    const read = await run;
    const detection = read.detection;
    result.format = detection.format;
    result.formatLabel = detection.label;
    result.importer = read.importer;
    result.sourceKind = detection.sourceKind;
    if (read.problemCount > 0 && !(validRowsOnly && read.validRecords > 0)) {
      throw new EngineError(
        'import/invalid-rows',
        `${file} was not imported: ${read.problemCount} problem${read.problemCount === 1 ? '' : 's'} found.`,
        { file, problems: read.problems, problemCount: read.problemCount, validRows: read.validRecords, rejectedRows: read.rejectedCount },
      );
    }
    const fileHash = read.fileHash;
    const dup = db.exec('SELECT id FROM imports WHERE file_hash = ? AND id <> ?', [fileHash, importId]);
    if (dup.length) {
      result.status = 'skipped';
      result.duplicateOf = Number(dup[0].values[0][0]);
      result.warnings = [`This file was already imported (import #${result.duplicateOf}); it was skipped.`];
      throw new EngineError('import/cancelled', 'duplicate');
    }
    // A new export of the same source (format and accounts) and the same months replaces the
    // earlier import, in this transaction, but only when the analyst has confirmed it.
    const sourceKey = `${detection.format}|${detection.version ?? ''}|${[...read.accounts].sort().join(',')}`;
    const sameSource =
      read.rows && options.replace !== false ? sameSourceAndPeriod(ws, sourceKey, read.minStart, read.maxStart, importId) : [];
    // Files of one import call (the parts of a split export) never replace each other.
    const replaces = sameSource.filter((r) => !ctx.batchImportIds.has(r.importId));
    result.replaces = replaces;
    if (replaces.length && options.replace !== true && !staged) {
      result.status = 'needs-confirmation';
      const list = replaces.map((r) => `#${r.importId} (${r.file})`).join(', ');
      result.warnings = [`This export covers the same source and period as import ${list}. Import it again with "replace" to replace it.`];
      throw new EngineError('import/cancelled', 'needs confirmation');
    }
    // A staged file's replacement is decided at commit.
    const replacing = staged ? [] : replaces;
    for (const old of replacing) removeImportRows(ws, old.importId);
    const warnings = [...read.notes];
    for (const old of replacing) warnings.push(`Replaced import #${old.importId} (${old.file}, ${old.rows} rows).`);
    if (read.rows === 0) warnings.push('The file has a header but no charge rows.');
    if (read.rejectedCount > 0) {
      warnings.push(`${read.rejectedCount} record${read.rejectedCount === 1 ? ' was' : 's were'} left out for problems; the rest were imported.`);
    }
    const total = formatPico(joinSplit(read.billedHi, read.billedLo));
    const currency = read.currencies.length ? [...read.currencies].sort().join(', ') : null;
    ctx.throwIfCancelled();
    progress('committing');
    const rows = read.rows;
    db.run(
      `UPDATE imports SET file_hash = ?, format = ?, format_version = ?, format_label = ?, source_kind = ?,
         row_count = ?, first_charge_id = ?, last_charge_id = ?, period_start = ?, period_end = ?,
         billed_total = ?, currency = ?, warnings = ?, error_count = ?, source_key = ?, state = ? WHERE id = ?`,
      [
        fileHash,
        detection.format,
        detection.version,
        detection.label,
        detection.sourceKind,
        rows,
        rows ? firstChargeId : null,
        rows ? firstChargeId + rows - 1 : null,
        rows ? read.minStart : null,
        rows ? read.maxStart : null,
        total,
        currency,
        JSON.stringify(warnings),
        read.rejectedCount,
        sourceKey,
        staged ? 'staged' : 'committed',
        importId,
      ],
    );
    const basisNotes = staged ? [] : settleCostBasis(ws, importId);
    if (basisNotes.length) {
      warnings.push(...basisNotes);
      db.run('UPDATE imports SET warnings = ? WHERE id = ?', [JSON.stringify(warnings), importId]);
    }
    writer.storeTotals(db, importId);
    if (writer.unpricedRows > 0) applyPricing(ws, { importIds: [importId] });
    db.run('COMMIT');
    committed = true;
    ws.strings.commit();
    Object.assign(result, {
      status: staged ? 'staged' : 'imported',
      rows,
      periodStart: rows ? isoDate(read.minStart) : null,
      periodEnd: rows ? isoDate(read.maxStart) : null,
      billedCost: total,
      currency,
      importId,
      warnings,
      rejectedRows: read.rejectedCount,
      rejectedCsv: read.rejectedCsv,
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
    if (result.status === 'skipped' || result.status === 'needs-confirmation') return result;
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
