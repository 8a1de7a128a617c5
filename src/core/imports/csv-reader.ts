import Papa from 'papaparse';
import type { ByteSource } from '../../shared/contract';
import { EngineError, type RowProblem } from '../../shared/errors';
import { fastParse } from './perf/fast-csv';
import { sniffEncoding, StrictDecoder, type Encoding } from './text-decode';

/** One batch of parsed records and the physical line (1-based, header = 1) each starts on. */
/** `final`: the last batch of the file (its last record is the file's last). */
export type CsvBatch = { rows: string[][]; lines: number[]; final: boolean };

export type CsvDialect = { encoding: Encoding; delimiter: string; newline: '\n' | '\r\n' | '\r' };

export type CsvReadOptions = {
  onBytes(bytesRead: number): void;
  throwIfCancelled(): void;
  /** Problems the CSV layer itself finds (bad quotes, ragged rows) are reported here. */
  onProblem(p: RowProblem): void;
  onNote(note: string): void;
};

/** A record longer than this is refused: a broken quote would otherwise swallow the whole file. */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;
/** The first batch (what a column-mapping sample reads) is parsed once this much text is in. */
const PARSE_AT_CHARS = 1024 * 1024;
/**
 * After the first batch, bytes are decoded and parsed in pieces of this size. The records of a
 * whole 4 MiB read outlive a young-generation GC and get copied and promoted; a 512 KiB batch
 * mostly dies young (an import took 12 % less time). Smaller pieces gained nothing more and
 * would only send more progress events.
 */
const PIECE_BYTES = 512 * 1024;
const SNIFF_BYTES = 64 * 1024;

function sniffNewline(text: string): CsvDialect['newline'] {
  const i = text.search(/[\r\n]/);
  if (i < 0 || text[i] === '\n') return '\n';
  return text[i + 1] === '\n' ? '\r\n' : '\r';
}

/** The delimiter that splits the header line into the most fields, outside quotes. */
function sniffDelimiter(text: string): string {
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function countOf(text: string, needle: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0 && i < end; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * Streams a delimited text file as batches of records: decodes the bytes itself (papaparse's own
 * streaming splits multi-byte characters and guesses the line ending per chunk), passes the
 * dialect explicitly, counts physical lines itself, and bounds the memory one record may take.
 */
type ReaderState = {
  decoder: StrictDecoder;
  parser: { parse(input: string, base: number, ignoreLastRow: boolean): Papa.ParseResult<string[]> };
  dialect: CsvDialect;
  pending: string;
  nextLine: number;
  /** Pending text length at which to parse next. */
  parseAt: number;
  /** Whether the first batch was read: later batches are small. */
  started: boolean;
};

type Batch = CsvBatch & { dialect: CsvDialect };

export async function* readCsv(source: ByteSource, opts: CsvReadOptions): AsyncGenerator<Batch> {
  const file = source.name;
  let state: ReaderState | null = null;
  let bytesRead = 0;
  let head: Uint8Array[] = [];
  let headSize = 0;

  const start = (bytes: Uint8Array): ReaderState => {
    const sniff = sniffEncoding(file, bytes);
    if (sniff.note) opts.onNote(sniff.note);
    const decoder = new StrictDecoder(file, sniff.encoding, sniff.bomLength);
    let pending = decoder.decode(bytes, false);
    if (pending.charCodeAt(0) === 0xfeff) pending = pending.slice(1);
    const dialect: CsvDialect = { encoding: sniff.encoding, delimiter: sniffDelimiter(pending), newline: sniffNewline(pending) };
    if (dialect.newline === '\r') opts.onNote('Lines end with a carriage return only (old Mac style).');
    const parser = new Papa.Parser({ delimiter: dialect.delimiter, newline: dialect.newline, quoteChar: '"' });
    return { decoder, parser, dialect, pending, nextLine: 1, parseAt: PARSE_AT_CHARS, started: false };
  };

  const parse = (st: ReaderState, final: boolean): Batch => {
    const text = st.pending;
    const { delimiter, newline: nl } = st.dialect;
    // Well-formed text takes the fast path; anything else is parsed (and reported) by papaparse.
    let rows: string[][];
    let cursor: number;
    let errors: Papa.ParseError[] = [];
    const fast = fastParse(text, delimiter, nl, !final);
    if (fast !== null) {
      ({ rows, cursor } = fast);
    } else {
      const result = st.parser.parse(text, 0, !final);
      rows = result.data;
      cursor = result.meta.cursor;
      errors = result.errors;
    }
    const consumed = final ? text.length : cursor;
    st.pending = text.slice(consumed);
    if (st.pending.length > MAX_RECORD_CHARS) {
      throw new EngineError(
        'import/line-too-long',
        `${file}: the record starting on line ${st.nextLine} is longer than ${MAX_RECORD_CHARS / 1024 / 1024} MB (an unclosed quote?).`,
        { file, problems: [{ file, row: st.nextLine, column: null, value: null, expected: 'a record of sane length' }] },
      );
    }
    const lines: number[] = new Array(rows.length);
    const breaks = countOf(text, nl, consumed);
    // Every record but a final unterminated one ends with exactly one line break: no quoted breaks.
    if (breaks === (final ? rows.length - 1 : rows.length)) {
      for (let i = 0; i < rows.length; i++) lines[i] = st.nextLine + i;
      st.nextLine += breaks;
    } else {
      // Some quoted field holds a line break: count them per record.
      let line = st.nextLine;
      for (let i = 0; i < rows.length; i++) {
        lines[i] = line;
        let inside = 0;
        for (const f of rows[i]) if (f.length > 0 && f.includes(nl)) inside += countOf(f, nl, f.length);
        line += 1 + inside;
      }
      st.nextLine = line;
    }
    for (const err of errors) {
      // A problem in the unfinished last record is found again when that record is read whole.
      if (!final && !(typeof err.row === 'number' && err.row < rows.length)) continue;
      const line = typeof err.row === 'number' && err.row < lines.length ? lines[err.row] : st.nextLine;
      opts.onProblem({
        file,
        row: line,
        column: null,
        value: null,
        expected: err.code === 'MissingQuotes' ? 'a closing quote for the quoted field' : 'a well-formed quoted field',
      });
    }
    return { rows, lines, final, dialect: st.dialect };
  };

  const ready = (st: ReaderState): Batch | null => {
    if (st.pending.length < st.parseAt) return null;
    const batch = parse(st, false);
    if (batch.rows.length === 0) {
      // One record longer than a piece: wait for twice its text instead of parsing it per piece.
      if (st.started) st.parseAt = Math.min(2 * st.pending.length, MAX_RECORD_CHARS + 1);
      return null;
    }
    st.started = true;
    st.parseAt = PIECE_BYTES;
    return batch;
  };

  for await (const chunk of source.chunks()) {
    opts.throwIfCancelled();
    if (state === null) {
      bytesRead += chunk.length;
      opts.onBytes(bytesRead);
      head.push(chunk.slice()); // lent until the next read
      headSize += chunk.length;
      if (headSize < SNIFF_BYTES) continue;
      state = start(concat(head, headSize));
      head = [];
      const batch = ready(state);
      if (batch !== null) yield batch;
      continue;
    }
    const step = state.started ? PIECE_BYTES : chunk.length;
    for (let at = 0; at < chunk.length; at += step) {
      const end = Math.min(at + step, chunk.length);
      bytesRead += end - at;
      opts.onBytes(bytesRead);
      state.pending += state.decoder.decode(at === 0 && end === chunk.length ? chunk : chunk.subarray(at, end), false);
      const batch = ready(state);
      if (batch !== null) yield batch;
    }
  }
  if (state === null) {
    if (headSize === 0) throw new EngineError('import/empty-file', `${file} is empty.`, { file });
    state = start(concat(head, headSize));
  }
  state.pending += state.decoder.decode(new Uint8Array(0), true);
  // A file that ends with a line break has no last record to keep.
  const nl = state.dialect.newline;
  if (state.pending.endsWith(nl)) state.pending = state.pending.slice(0, -nl.length);
  const batch = parse(state, true);
  if (batch.rows.length) yield batch;
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
