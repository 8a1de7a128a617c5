import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { remoteReader, REMOTE_READ_MIN_BYTES, type FromReader, type ReaderChannel, type RemoteReader } from '../core/imports/remote-read';

/**
 * The CLI's RemoteReader: each large file on disk is read on a Node worker thread running
 * `workerUrl` (src/node/reader-worker.ts, bundled beside the CLI), which opens the file by its
 * path. Without that bundle (the CLI's sources run directly, as in unit tests) there is none:
 * the engine then reads every file itself.
 */
export function nodeReadRemote(workerUrl: URL, minBytes = REMOTE_READ_MIN_BYTES): RemoteReader | undefined {
  if (!existsSync(fileURLToPath(workerUrl))) return undefined;
  return remoteReader(
    () => workerChannel(new Worker(workerUrl)),
    (file) => {
      const path = (file.file as { path?: unknown }).path;
      return typeof path === 'string' ? path : null;
    },
    { minBytes },
  );
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
