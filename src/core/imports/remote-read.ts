import type { ByteSource, ImportFileInput, MappingProfile } from '../../shared/contract';
import { EngineError, type EngineErrorPayload } from '../../shared/errors';
import { sha256, type FileHasher } from '../hash/sha256';
import { mappedImporter } from './formats/mapped';
import { readSource, type ReadSummary } from './read-source';
import { blobSource } from './sources';
import { RowEncoder, type RowBatch } from './row-batch';

/**
 * Reading a file on a second thread. The reading thread detects the format, parses, maps and
 * numbers the text of every record (the half of an import that needs no workspace) and sends
 * the charges in RowBatches; the engine's thread only gives the new text its workspace ids and
 * inserts. Both halves then run at once, on two processor cores.
 */

/** What the reading thread needs besides the file: everything an in-thread read would take from the workspace. */
export type ReadRequest = {
  name: string;
  size: number;
  forced?: string;
  validRowsOnly: boolean;
  profiles: MappingProfile[];
  /** False when the engine's host hashes the file itself (see RemoteReaderOptions.hashHere). */
  hashOnThread?: boolean;
};

/**
 * A host's way to read a file on a thread of its own, calling `onBatch` with each batch of
 * charges in order, and resolving to what the read found. Returns null for a file it does not
 * read there (then the engine reads it on its own thread). `onBatch` may throw (a cancel): the
 * read then stops and the promise rejects with that error.
 */
export type RemoteReader = (file: ImportFileInput, request: ReadRequest, onBatch: (batch: RowBatch) => void) => Promise<ReadSummary> | null;

export type ToReader = { type: 'read'; file: unknown; request: ReadRequest } | { type: 'ack' };
export type FromReader =
  /** The thread runs and has the request: from here on, a failure is the file's. */
  | { type: 'reading' }
  | { type: 'batch'; batch: RowBatch }
  | { type: 'done'; summary: ReadSummary }
  | { type: 'failed'; error: EngineErrorPayload };

/** The engine's end of a reading thread (a Web Worker or a Node worker thread). */
export type ReaderChannel = {
  post(message: ToReader): void;
  listen(onMessage: (message: FromReader) => void, onError: (error: Error) => void): void;
  /** Ends the thread. */
  close(): void;
};

/** The reading thread's end. */
export type ReaderEnd = {
  post(message: FromReader, transfer: ArrayBuffer[]): void;
  listen(onMessage: (message: ToReader) => void): void;
};

/** Files smaller than this are read on the engine's thread: starting a thread would cost more than it saves. */
export const REMOTE_READ_MIN_BYTES = 8 * 1024 * 1024;
/** Batches the reading thread may send ahead of the engine: bounds the memory between the two. */
const MAX_AHEAD = 64;

export type RemoteReaderOptions = {
  /** Files smaller than this are read on the engine's thread. */
  minBytes?: number;
  /**
   * Hashes the file (hex SHA-256) on the engine's thread while the reading thread reads it, for a
   * host whose engine thread has time to spare while it waits for the reading one (the CLI, with
   * Node's native SHA-256). It should stop early once `stop.stopped` is set.
   */
  hashHere?: (handle: unknown, stop: { stopped: boolean }) => Promise<string>;
};

/**
 * A RemoteReader over a host's threads: `handleOf` says what to send the thread for a file (a
 * path, a Blob), or null when the file cannot go there; `spawn` starts one thread per file. A
 * thread that fails before it says anything (a host that forbids it, a script that did not load)
 * is not the file's fault: the file is then read on the engine's thread, through the same batches.
 */
export function remoteReader(
  spawn: () => ReaderChannel,
  handleOf: (file: ImportFileInput) => unknown,
  options: RemoteReaderOptions = {},
): RemoteReader {
  const { minBytes = REMOTE_READ_MIN_BYTES, hashHere } = options;
  return (file, request, onBatch) => {
    const handle = file.size >= minBytes ? handleOf(file) : null;
    if (handle === null) return null;
    const stop = { stopped: false };
    const hashing = hashHere?.(handle, stop);
    // A failed hash is reported where it is awaited, never as an unhandled rejection meanwhile.
    hashing?.catch(() => undefined);
    const reading = readOnChannel(spawn, handle, { ...request, hashOnThread: hashing === undefined }, onBatch).catch((e: unknown) => {
      if (!(e instanceof NotStarted)) throw e;
      return readEncoded(blobSource(file), request, onBatch, hashing === undefined ? sha256.create() : NO_HASH);
    });
    return reading.then(
      async (summary) => (hashing === undefined ? summary : { ...summary, fileHash: await hashing }),
      (e: unknown) => {
        stop.stopped = true;
        throw e;
      },
    );
  };
}

/** A reading thread that failed before its first message. */
class NotStarted extends Error {}

function readOnChannel(
  spawn: () => ReaderChannel,
  handle: unknown,
  request: ReadRequest,
  onBatch: (batch: RowBatch) => void,
): Promise<ReadSummary> {
  return new Promise<ReadSummary>((resolve, reject) => {
    let channel: ReaderChannel;
    try {
      channel = spawn();
    } catch (e) {
      reject(new NotStarted(e instanceof Error ? e.message : String(e)));
      return;
    }
    let settled = false;
    let heard = false;
    const settle = (done: () => void): void => {
      if (settled) return;
      settled = true;
      channel.close();
      done();
    };
    channel.listen(
      (message) => {
        if (settled) return;
        heard = true;
        if (message.type === 'reading') return;
        if (message.type === 'batch') {
          try {
            onBatch(message.batch);
          } catch (e) {
            settle(() => reject(e));
            return;
          }
          channel.post({ type: 'ack' });
        } else if (message.type === 'done') {
          settle(() => resolve(message.summary));
        } else {
          settle(() => reject(new EngineError(message.error.code, message.error.message, message.error.details)));
        }
      },
      (error) =>
        settle(() =>
          reject(
            heard
              ? new EngineError('engine/internal', `${request.name} could not be read: ${error.message}`, { file: request.name })
              : new NotStarted(error.message),
          ),
        ),
    );
    channel.post({ type: 'read', file: handle, request });
  });
}

/**
 * Reads a file into batches of encoded charges, handing each to `send` as the CSV reader finishes
 * a piece of the file, then the rest; after each piece the read waits for `pause`, if given. A
 * batch that fills up before (a piece of short records, a JSON document, mapped in one go) is
 * sent at once.
 */
async function readEncoded(
  source: ByteSource,
  request: ReadRequest,
  send: (batch: RowBatch) => void,
  hasher: FileHasher,
  pause?: () => Promise<void> | undefined,
): Promise<ReadSummary> {
  const encoder = new RowEncoder(send);
  const options = { forced: request.forced, validRowsOnly: request.validRowsOnly, mappings: request.profiles.map(mappedImporter) };
  const summary = await readSource(
    source,
    options,
    encoder,
    {
      // The engine cancels by ending the reading thread, or by throwing from `send`.
      throwIfCancelled() {},
      progress(bytesRead) {
        send(encoder.take(bytesRead));
        return pause?.();
      },
    },
    hasher,
  );
  const last = encoder.take();
  if (last.count > 0) send(last);
  return summary;
}

/** The reading thread's hasher when the engine's host hashes the file itself. */
const NO_HASH: FileHasher = { update() {}, digest: () => new Uint8Array(0) };

/** An error as the engine reports it; an unexpected one is named by its file, as importSource names it. */
function payloadOf(e: unknown, file: string): EngineErrorPayload {
  if (e instanceof EngineError) return e.toPayload();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'engine/internal', message: `${file} could not be imported: ${message}`, details: { file } };
}

/**
 * Serves one read on a reading thread: `open` turns the handle the engine sent into the file's
 * bytes. Each batch goes out as soon as it is made; after a piece of the file, the thread waits
 * while the engine is `MAX_AHEAD` batches behind.
 */
export function serveRead(end: ReaderEnd, open: (handle: unknown, request: ReadRequest) => ByteSource, hashers: () => FileHasher): void {
  let credit = MAX_AHEAD;
  let wake: (() => void) | null = null;
  const send = (batch: RowBatch): void => {
    end.post({ type: 'batch', batch }, [batch.numbers.buffer as ArrayBuffer, batch.ids.buffer as ArrayBuffer]);
    credit--;
  };
  const pause = (): Promise<void> | undefined => (credit > 0 ? undefined : new Promise<void>((r) => (wake = r)));
  const read = async (handle: unknown, request: ReadRequest): Promise<void> => {
    const hasher = request.hashOnThread === false ? NO_HASH : hashers();
    const summary = await readEncoded(open(handle, request), request, send, hasher, pause);
    end.post({ type: 'done', summary }, []);
  };
  end.listen((message) => {
    if (message.type === 'ack') {
      credit++;
      const w = wake;
      wake = null;
      w?.();
      return;
    }
    end.post({ type: 'reading' }, []);
    const { name } = message.request;
    read(message.file, message.request).catch((e: unknown) => end.post({ type: 'failed', error: payloadOf(e, name) }, []));
  });
}
