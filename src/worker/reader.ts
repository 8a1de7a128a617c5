/// <reference lib="webworker" />
/**
 * The reading worker: started by the engine worker for each large file, it detects, parses and
 * maps the file and sends its charges back in batches (see core/imports/remote-read.ts), so that
 * reading and inserting run at once on two cores.
 */
import { sha256 } from '../core/hash/sha256';
import { serveRead, type ToReader } from '../core/imports/remote-read';
import { blobSource } from '../core/imports/sources';

const scope = self as unknown as DedicatedWorkerGlobalScope;

serveRead(
  {
    post: (message, transfer) => scope.postMessage(message, transfer),
    listen(onMessage) {
      scope.onmessage = (event: MessageEvent<ToReader>) => onMessage(event.data);
    },
  },
  (handle, request) => blobSource({ name: request.name, size: request.size, file: handle as Blob }),
  () => sha256.create(),
);
