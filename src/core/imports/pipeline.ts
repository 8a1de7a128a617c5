import { sha256, type FileHasher } from '../hash/sha256';
import { bytesToHex } from '@noble/hashes/utils.js';
import {
  blankImportResult,
  type ByteSource,
  type ImportFileResult,
  type ImportOptions,
  type ImportProgress,
  type ReplacedImport,
} from '../../shared/contract';
import { removeImportRows } from './remove';
import { EngineError, type RowProblem } from '../../shared/errors';
import type { Clock, Workspace } from '../db/workspace';
import { formatPico, joinSplit } from '../money/decimal';
import { gunzipSource, isGzip, isZip, zipEntries } from './archives';
import { ChargeDraft, ChargeWriter, TEXT_INDEX } from './charge-writer';
import { readCsv } from './csv-reader';
import { RejectedRows } from './rejected-rows';
import { isoDate, monthKey } from './dates';
import { detectJson, detectTable } from './formats';
import type { ChargeSink, Detection, Report, RowMapper, TableImporter } from './formats/types';
import { profileImporters } from './mapping-profiles';
import { settleCostBasis } from './cost-basis';
import { applyPricing } from '../pricing/apply';
import { priceBook } from '../pricing';
import { listOverrides } from '../pricing/overrides';
import { peek, readAll } from './peek';
import { sniffEncoding, StrictDecoder } from './text-decode';
import { ownString } from '../db/strings';

/** The first problems are kept for the report; the rest are only counted. */
export const MAX_REPORTED_PROBLEMS = 100;
/** JSON documents (admin API pages) are read whole; larger ones are refused. */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

export type ImportContext = {
  clock: Clock;
  /** The host's SHA-256, when it has a faster one than the engine's. */
  sha256?: () => FileHasher;
  throwIfCancelled(): void;
  progress(p: ImportProgress): void;
  fileIndex: number;
  fileCount: number;
  /** Imports made earlier in the same call. */
  batchImportIds: Set<number>;
};

/**
 * A running sum of split amounts. A class, not a `{ hi, lo }` literal: its `hi` outgrows a small
 * integer once a file's total passes about $1M, and V8 then deprecated the hidden class it shared
 * with every `{ hi, lo }` amount the importers create. From then on V8 kept abandoning the
 * optimization of the row mappers ("maps became deprecated"): a 1M-row FOCUS file read up to
 * 1.7 times slower, from one run to the next.
 */
class Totals {
  hi = 0;
  lo = 0;
}

function addTo(t: Totals, hi: number, lo: number): void {
  t.hi += hi;
  t.lo += lo;
  if (t.lo >= 1_000_000_000) {
    const carry = Math.floor(t.lo / 1_000_000_000);
    t.hi += carry;
    t.lo -= carry * 1_000_000_000;
  }
}

function hashingSource(source: ByteSource, hash: FileHasher): ByteSource {
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

/**
 * Unpacks what a source holds: a ZIP archive's data files, a gzip file's content, or the file
 * itself. Each resulting source is imported as a file of its own.
 */
export async function expandSource(source: ByteSource, onBytes: (n: number) => void): Promise<ByteSource[]> {
  const { head, source: whole } = await peek(source, 4);
  if (isZip(head)) return zipEntries(whole, onBytes);
  if (isGzip(head)) return [gunzipSource(whole)];
  return [whole];
}

function looksLikeJson(head: Uint8Array): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return head[i] === 0x7b || head[i] === 0x5b; // { or [
}

/** Everything a file's import accumulates while its records stream into the transaction. */
class ImportRun {
  readonly problems: RowProblem[] = [];
  problemCount = 0;
  rows = 0;
  bytes = 0;
  minStart = Infinity;
  maxStart = -Infinity;
  readonly billed = new Totals();
  readonly currencies = new Set<string>();
  /** Provider and billing account (or sub-account) pairs in the file: with the format, they name the source. */
  readonly accounts = new Set<string>();
  private lastProvider: string | null = null;
  private lastAccount: string | null = null;
  /** The first pairs met, flat (provider, account, ...): a known pair needs no key built and hashed. */
  private readonly knownPairs: string[] = [];
  private lastCurrency: string | null = null;
  readonly notes: string[] = [];
  detection: Detection | null = null;
  /** The importer that read the file (an id from 'import/formats'). */
  importer: string | null = null;
  /** Records that produced charges: what "import the valid rows" would commit. */
  validRecords = 0;
  readonly rejected = new RejectedRows();
  private readonly draft = new ChargeDraft();

  constructor(
    private readonly writer: ChargeWriter,
    readonly validRowsOnly: boolean,
  ) {}

  readonly report: Report = (p) => {
    this.problemCount++;
    if (this.problems.length < MAX_REPORTED_PROBLEMS) this.problems.push(p);
    this.rejected.note(p);
  };

  readonly sink: ChargeSink = {
    next: () => this.draft.reset(),
    emit: () => {
      // A file with problems will be refused unless only valid rows are wanted: then stop
      // writing but keep checking, so the report covers the whole file.
      if (this.problemCount > 0 && !this.validRowsOnly) return;
      const d = this.draft;
      this.writer.write(d, monthKey(d.chargePeriodStart));
      this.rows++;
      addTo(this.billed, d.billed.hi, d.billed.lo);
      if (d.chargePeriodStart < this.minStart) this.minStart = d.chargePeriodStart;
      if (d.chargePeriodStart > this.maxStart) this.maxStart = d.chargePeriodStart;
      const currency = d.text[TEXT_INDEX.BillingCurrency] ?? 'USD';
      if (currency !== this.lastCurrency) {
        this.lastCurrency = currency;
        this.currencies.add(currency);
      }
      // Rows repeat their provider and account: build the pair only when one of them changed.
      const provider = d.text[TEXT_INDEX.ProviderName] ?? '';
      const account = d.text[TEXT_INDEX.BillingAccountId] ?? d.text[TEXT_INDEX.SubAccountId] ?? '';
      if (provider !== this.lastProvider || account !== this.lastAccount) {
        this.lastProvider = provider;
        this.lastAccount = account;
        this.notePair(provider, account);
      }
    },
  };

  /** A consolidated bill alternates between a few sellers and accounts from row to row. */
  private notePair(provider: string, account: string): void {
    const known = this.knownPairs;
    for (let i = 0; i < known.length; i += 2) if (known[i] === provider && known[i + 1] === account) return;
    this.accounts.add(`${provider}/${account}`);
    // Copies: kept for the whole import, they must not pin the text they were parsed from.
    if (known.length < 32) known.push(ownString(provider), ownString(account));
  }
}

async function readTable(
  run: ImportRun,
  source: ByteSource,
  ctx: ImportContext,
  progress: () => void,
  forced: string | undefined,
  mappings: readonly TableImporter[],
): Promise<string[]> {
  const file = source.name;
  let mapper: RowMapper | null = null;
  let width = 0;
  let shortRecords = 0;
  let shortBy = 0;
  const reader = readCsv(source, {
    onBytes: (n) => (run.bytes = n),
    throwIfCancelled: ctx.throwIfCancelled,
    onProblem: run.report,
    onNote: (n) => run.notes.push(n),
  });
  for await (const batch of reader) {
    ctx.throwIfCancelled();
    let start = 0;
    if (mapper === null) {
      const header = batch.rows[0];
      const found = detectTable(file, header, forced, mappings);
      run.detection = found.detection;
      run.importer = found.importer.id;
      mapper = found.importer.createMapper(file, header, found.detection);
      width = header.length;
      start = 1;
    }
    if (start === 1) run.rejected.setHeader(batch.rows[0]);
    for (let r = start; r < batch.rows.length; r++) {
      const fields = batch.rows[r];
      if (fields.length === 1 && fields[0] === '') continue; // blank line
      run.rejected.begin();
      let record = fields;
      // Some exporters leave out a record's trailing empty fields (a header column no row fills).
      // Such records are read with the missing fields empty; a file's last record may only be as
      // short as the others, since a cut-off file ends in a short record too.
      const short = width - fields.length;
      const isLast = batch.final && r === batch.rows.length - 1;
      if (short > 0 && (!isLast || short === shortBy)) {
        record = fields.concat(new Array<string>(short).fill(''));
        shortBy = shortBy === 0 || shortBy === short ? short : -1;
        shortRecords++;
      }
      if (record.length !== width) {
        run.report({ file, row: batch.lines[r], column: null, value: null, expected: `${width} fields like the header, found ${fields.length}` });
      } else if (mapper.map(record, batch.lines[r], run.sink, run.report)) {
        run.validRecords++;
      }
      run.rejected.end(fields, batch.lines[r]);
    }
    progress();
  }
  if (mapper === null) throw new EngineError('import/empty-file', `${file} is empty: it has no header line.`, { file });
  const notes = mapper.warnings();
  if (shortRecords > 0) {
    notes.push(`${shortRecords} record${shortRecords === 1 ? '' : 's'} had fewer fields than the header; the missing trailing fields were read as empty.`);
  }
  return notes;
}

async function readJson(run: ImportRun, source: ByteSource, progress: () => void, forced: string | undefined): Promise<string[]> {
  const file = source.name;
  const bytes = await readAll(source, MAX_JSON_BYTES, (n) => (run.bytes = n));
  if (bytes === null) {
    throw new EngineError('import/too-large', `${file} is a JSON document over ${MAX_JSON_BYTES / 1024 / 1024} MB.`, { file });
  }
  const sniff = sniffEncoding(file, bytes);
  const text = new StrictDecoder(file, sniff.encoding, sniff.bomLength).decode(bytes, true);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new EngineError('import/invalid-json', `${file} is not valid JSON: ${(e as Error).message}.`, { file });
  }
  const found = detectJson(file, doc, forced);
  run.detection = found.detection;
  const warnings = found.importer.read(file, doc, found.detection, run.sink, run.report);
  progress();
  return warnings;
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
  const hash: FileHasher = ctx.sha256?.() ?? sha256.create();
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
    writer = new ChargeWriter(db, ws.strings, importId, { book: priceBook(), overrides: listOverrides(ws) });
    const run = new ImportRun(writer, options.validRowsOnly === true);
    const progress = (phase: ImportProgress['phase'] = 'reading'): void =>
      ctx.progress({ file, fileIndex: ctx.fileIndex, fileCount: ctx.fileCount, bytesRead: run.bytes, totalBytes: source.size, rows: run.rows, phase });

    const { head, source: whole } = await peek(hashingSource(source, hash), 64);
    const mapperWarnings = looksLikeJson(head)
      ? await readJson(run, whole, progress, options.format)
      : await readTable(run, whole, ctx, progress, options.format, profileImporters(ws));
    const detection = run.detection as Detection;
    result.format = detection.format;
    result.formatLabel = detection.label;
    result.importer = run.importer;
    result.sourceKind = detection.sourceKind;
    if (run.problemCount > 0 && !(run.validRowsOnly && run.validRecords > 0)) {
      throw new EngineError(
        'import/invalid-rows',
        `${file} was not imported: ${run.problemCount} problem${run.problemCount === 1 ? '' : 's'} found.`,
        { file, problems: run.problems, problemCount: run.problemCount, validRows: run.validRecords, rejectedRows: run.rejected.count },
      );
    }
    const fileHash = bytesToHex(hash.digest());
    const dup = db.exec('SELECT id FROM imports WHERE file_hash = ? AND id <> ?', [fileHash, importId]);
    if (dup.length) {
      result.status = 'skipped';
      result.duplicateOf = Number(dup[0].values[0][0]);
      result.warnings = [`This file was already imported (import #${result.duplicateOf}); it was skipped.`];
      throw new EngineError('import/cancelled', 'duplicate');
    }
    // A new export of the same source (format and accounts) and the same months replaces the
    // earlier import, in this transaction, but only when the analyst has confirmed it.
    const sourceKey = `${detection.format}|${detection.version ?? ''}|${[...run.accounts].sort().join(',')}`;
    const sameSource =
      run.rows && options.replace !== false ? sameSourceAndPeriod(ws, sourceKey, run.minStart, run.maxStart, importId) : [];
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
    const warnings = [...run.notes, ...mapperWarnings];
    for (const old of replacing) warnings.push(`Replaced import #${old.importId} (${old.file}, ${old.rows} rows).`);
    if (run.rows === 0) warnings.push('The file has a header but no charge rows.');
    if (run.rejected.count > 0) {
      warnings.push(`${run.rejected.count} record${run.rejected.count === 1 ? ' was' : 's were'} left out for problems; the rest were imported.`);
    }
    const total = formatPico(joinSplit(run.billed.hi, run.billed.lo));
    const currency = run.currencies.size ? [...run.currencies].sort().join(', ') : null;
    ctx.throwIfCancelled();
    progress('committing');
    const rows = run.rows;
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
        rows ? run.minStart : null,
        rows ? run.maxStart : null,
        total,
        currency,
        JSON.stringify(warnings),
        run.rejected.count,
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
      periodStart: rows ? isoDate(run.minStart) : null,
      periodEnd: rows ? isoDate(run.maxStart) : null,
      billedCost: total,
      currency,
      importId,
      warnings,
      rejectedRows: run.rejected.count,
      rejectedCsv: run.rejected.count > 0 ? run.rejected.csv() : null,
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
