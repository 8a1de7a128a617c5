import { EngineError } from '../../shared/errors';
import { Utf8PieceDecoder } from './perf/utf8-pieces';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type SniffResult = { encoding: Encoding; bomLength: number; note: string | null };

/**
 * Tells the encoding from the first bytes: a BOM when there is one, the zero-byte pattern of
 * UTF-16 without a BOM, otherwise UTF-8 when the sample decodes strictly and Windows-1252 when
 * it does not (said in a warning, never silently). Binary files are refused here.
 */
export function sniffEncoding(file: string, head: Uint8Array): SniffResult {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3, note: null };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, note: null };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, note: null };
  refuseBinary(file, head);
  const sample = head.subarray(0, Math.min(head.length, 4096));
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 === 0 ? evenZeros++ : oddZeros++);
  if (sample.length >= 4 && oddZeros > sample.length / 4 && evenZeros === 0) {
    return { encoding: 'utf-16le', bomLength: 0, note: 'Read as UTF-16 (little-endian) without a byte order mark.' };
  }
  if (sample.length >= 4 && evenZeros > sample.length / 4 && oddZeros === 0) {
    return { encoding: 'utf-16be', bomLength: 0, note: 'Read as UTF-16 (big-endian) without a byte order mark.' };
  }
  if (head.includes(0)) {
    throw new EngineError('import/binary-file', `${file} contains NUL bytes: it is not a text export.`, { file });
  }
  try {
    // A multi-byte character may be cut at the end of the sample: stream mode tolerates that.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', bomLength: 0, note: null };
  } catch {
    return {
      encoding: 'windows-1252',
      bomLength: 0,
      note: 'The file is not valid UTF-8; it was read as Windows-1252.',
    };
  }
}

const BINARY_SIGNATURES: { magic: number[]; what: string }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive or an Excel workbook' },
  { magic: [0x1f, 0x8b], what: 'a gzip archive' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Office document' },
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'a PDF' },
  { magic: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'an SQLite database' },
];

function refuseBinary(file: string, head: Uint8Array): void {
  for (const sig of BINARY_SIGNATURES) {
    if (sig.magic.every((b, i) => head[i] === b)) {
      throw new EngineError('import/binary-file', `${file} is ${sig.what}, not a CSV export.`, { file, kind: sig.what });
    }
  }
}

/** Streaming decoder that names the byte offset of the first invalid sequence. */
export class StrictDecoder {
  private readonly decoder: TextDecoder;
  /** UTF-8, the usual case, takes the faster whole-piece path; same text, same errors. */
  private readonly utf8: Utf8PieceDecoder | null;
  private offset = 0;

  constructor(
    private readonly file: string,
    readonly encoding: Encoding,
    private skip: number,
  ) {
    // windows-1252 maps every byte, so only the Unicode encodings can fail.
    this.decoder = new TextDecoder(encoding, { fatal: encoding !== 'windows-1252', ignoreBOM: true });
    this.utf8 = encoding === 'utf-8' ? new Utf8PieceDecoder() : null;
  }

  decode(bytes: Uint8Array, final: boolean): string {
    let chunk = bytes;
    if (this.skip > 0) {
      const n = Math.min(this.skip, chunk.length);
      chunk = chunk.subarray(n);
      this.skip -= n;
      this.offset += n;
    }
    try {
      const text = this.utf8 !== null ? this.utf8.decode(chunk, final) : this.decoder.decode(chunk, { stream: !final });
      this.offset += chunk.length;
      return text;
    } catch {
      throw new EngineError(
        'import/encoding',
        `${this.file} has bytes that are not valid ${this.encoding} between byte ${this.offset} and ${this.offset + chunk.length}.`,
        { file: this.file, encoding: this.encoding, byteOffset: this.offset },
      );
    }
  }
}
