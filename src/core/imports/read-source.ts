import { bytesToHex } from '@noble/hashes/utils.js';
import type { ByteSource } from '../../shared/contract';
import { EngineError, type RowProblem } from '../../shared/errors';
import { ownString } from '../db/strings';
import type { FileHasher } from '../hash/sha256';
import { ChargeDraft, TEXT_INDEX } from './charge-writer';
import { readCsv } from './csv-reader';
import { monthKey } from './dates';
import { detectJson, detectTable } from './formats';
import type { ChargeSink, Detection, Report, RowMapper, TableImporter } from './formats/types';
import { peek, readAll } from './peek';
import { RejectedRows } from './rejected-rows';
import { sniffEncoding, StrictDecoder } from './text-decode';

/** The first problems are kept for the report; the rest are only counted. */
export const MAX_REPORTED_PROBLEMS = 100;
/** JSON documents (admin API pages) are read whole; larger ones are refused. */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

/** Where the reading half of an import puts each normalized charge (the writer, or an encoder for another thread). */
export type DraftSink = { write(d: ChargeDraft, month: number): void };

export type ReadOptions = {
  /** The format the analyst chose, instead of detecting it. */
  forced?: string;
  /** Keep writing the valid records of a file with problems ("import the valid rows"). */
  validRowsOnly: boolean;
  /** The saved column mappings, as importers, for detection. */
  mappings: readonly TableImporter[];
};

export type ReadContext = {
  throwIfCancelled(): void;
  /** Bytes read so far and charges written so far, after every batch; the read waits for a promise returned. */
  progress(bytesRead: number, rows: number): void | Promise<void>;
};

/**
 * What reading a file found, besides the charges it wrote: plain data, so it can cross from a
 * reading thread to the engine.
 */
export type ReadSummary = {
  detection: Detection;
  importer: string | null;
  problems: RowProblem[];
  problemCount: number;
  /** Records that produced charges: what "import the valid rows" would commit. */
  validRecords: number;
  rejectedCount: number;
  rejectedCsv: string | null;
  rows: number;
  minStart: number;
  maxStart: number;
  billedHi: number;
  billedLo: number;
  currencies: string[];
  /** Provider and account pairs ("provider/account"): with the format, they name the source. */
  accounts: string[];
  /** The reader's notes, then the mapper's warnings. */
  notes: string[];
  fileHash: string;
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

function looksLikeJson(head: Uint8Array): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return head[i] === 0x7b || head[i] === 0x5b; // { or [
}

/** Everything a file's reading accumulates while its records stream to the sink. */
class ImportRun {
  readonly problems: RowProblem[] = [];
  problemCount = 0;
  rows = 0;
  bytes = 0;
  minStart = Infinity;
  maxStart = -Infinity;
  readonly billed = new Totals();
  readonly currencies = new Set<string>();
  readonly accounts = new Set<string>();
  private lastProvider: string | null = null;
  private lastAccount: string | null = null;
  /** The first pairs met, flat (provider, account, ...): a known pair needs no key built and hashed. */
  private readonly knownPairs: string[] = [];
  private lastCurrency: string | null = null;
  readonly notes: string[] = [];
  detection: Detection | null = null;
  importer: string | null = null;
  validRecords = 0;
  readonly rejected = new RejectedRows();
  private readonly draft = new ChargeDraft();

  constructor(
    private readonly out: DraftSink,
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
      this.out.write(d, monthKey(d.chargePeriodStart));
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
  ctx: ReadContext,
  progress: () => void | Promise<void>,
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
    await progress();
  }
  if (mapper === null) throw new EngineError('import/empty-file', `${file} is empty: it has no header line.`, { file });
  const notes = mapper.warnings();
  if (shortRecords > 0) {
    notes.push(`${shortRecords} record${shortRecords === 1 ? '' : 's'} had fewer fields than the header; the missing trailing fields were read as empty.`);
  }
  return notes;
}

async function readJson(run: ImportRun, source: ByteSource, progress: () => void | Promise<void>, forced: string | undefined): Promise<string[]> {
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
  await progress();
  return warnings;
}

/**
 * The reading half of an import: detects the file's format, maps every record to charges and
 * hands each to `out`, hashing the bytes on the way. It touches no workspace, so it runs on the
 * engine's thread or on a thread of its own. A file that cannot be read at all throws.
 */
export async function readSource(
  source: ByteSource,
  options: ReadOptions,
  out: DraftSink,
  ctx: ReadContext,
  hash: FileHasher,
): Promise<ReadSummary> {
  const run = new ImportRun(out, options.validRowsOnly);
  const progress = (): void | Promise<void> => ctx.progress(run.bytes, run.rows);
  const { head, source: whole } = await peek(hashingSource(source, hash), 64);
  const mapperWarnings = looksLikeJson(head)
    ? await readJson(run, whole, progress, options.forced)
    : await readTable(run, whole, ctx, progress, options.forced, options.mappings);
  return {
    detection: run.detection as Detection,
    importer: run.importer,
    problems: run.problems,
    problemCount: run.problemCount,
    validRecords: run.validRecords,
    rejectedCount: run.rejected.count,
    rejectedCsv: run.rejected.count > 0 ? run.rejected.csv() : null,
    rows: run.rows,
    minStart: run.minStart,
    maxStart: run.maxStart,
    billedHi: run.billed.hi,
    billedLo: run.billed.lo,
    currencies: [...run.currencies],
    accounts: [...run.accounts],
    notes: [...run.notes, ...mapperWarnings],
    fileHash: bytesToHex(hash.digest()),
  };
}
