import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { remoteReader, type FromReader, type ReaderChannel, type RemoteReader } from '../core/imports/remote-read';

/**
 * The CLI's RemoteReader: each large file on disk is read on a Node worker thread running
 * `workerUrl` (src/node/reader-worker.ts, bundled beside the CLI), which opens the file by its
 * path. Without that bundle (the CLI's sources run directly, as in unit tests) there is none:
 * the engine then reads every file itself.
 */
export function nodeReadRemote(workerUrl: URL, minBytes?: number): RemoteReader | undefined {
  if (!existsSync(fileURLToPath(workerUrl))) return undefined;
  // A young generation this large lets most of a batch's parsed fields die young: with the
  // default one the reading thread collected garbage twice as long (1M rows: 10.7 s, not 9.1 s).
  const options = { resourceLimits: { maxYoungGenerationSizeMb: 128 } };
  return remoteReader(
    () => workerChannel(new Worker(workerUrl, options)),
    (file) => {
      const path = (file.file as { path?: unknown }).path;
      return typeof path === 'string' ? path : null;
    },
    { minBytes, hashHere: (path, stop) => hashFile(path as string, stop) },
  );
}

/**
 * Hashes a file on the engine's thread while the reading thread reads it: reads go to libuv's
 * threads, and Node's native SHA-256 takes about 3 ms per 4 MiB block between batches. The engine
 * thread waits for the reading thread anyway; the reading thread is the one to spare.
 */
async function hashFile(path: string, stop: { stopped: boolean }): Promise<string> {
  const hash = createHash('sha256');
  const file = await open(path, 'r');
  try {
    const buffer = new Uint8Array(4 * 1024 * 1024);
    while (!stop.stopped) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}

function workerChannel(worker: Worker): ReaderChannel {
  let closed = false;
  return {
    post: (message) => worker.postMessage(message),
    listen(onMessage, onError) {
      worker.on('message', (m: FromReader) => onMessage(m));
      worker.on('error', onError);
      worker.on('exit', (code) => {
        if (!closed) onError(new Error(`the reading thread stopped (exit code ${code})`));
      });
    },
    close() {
      closed = true;
      void worker.terminate();
    },
  };
}
