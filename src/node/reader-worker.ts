/** The CLI's reading thread (see reader-thread.ts): reads one file by its path for the engine. */
import { parentPort } from 'node:worker_threads';
import { serveRead, type ToReader } from '../core/imports/remote-read';
import { blobSource } from '../core/imports/sources';
import { fileBlob } from './file-blob';
import { nodeSha256 } from './sha256';

const port = parentPort;
if (port === null) throw new Error('reader-worker runs as a worker thread.');
serveRead(
  {
    post: (message, transfer) => port.postMessage(message, transfer),
    listen: (onMessage) => port.on('message', (m: ToReader) => onMessage(m)),
  },
  (handle, request) => blobSource({ name: request.name, size: request.size, file: fileBlob(handle as string) }),
  nodeSha256,
);
