/// <reference lib="webworker" />
/**
 * The engine's home in the app: a module Web Worker, in Electron and in the browser build alike.
 * It owns the sql.js database; the UI thread only sends calls and receives results and events.
 */
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import type { ArgsOf, HandlerName } from '../shared/contract';
import { EngineError, type EngineErrorPayload } from '../shared/errors';
import type { FromWorker, ToWorker } from '../shared/worker-protocol';
import { CancelToken, createEngine, type Engine } from '../core/engine';
import { remoteReader, type FromReader, type ReaderChannel } from '../core/imports/remote-read';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

function toPayload(e: unknown): EngineErrorPayload {
  if (e instanceof EngineError) return e.toPayload();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'engine/internal', message, details: {} };
}

/** A reading worker for one large file (see reader.ts). */
function readerChannel(): ReaderChannel {
  const worker = new Worker(new URL('./reader.ts', import.meta.url), { type: 'module', name: 'costbook-reader' });
  return {
    post: (message) => worker.postMessage(message),
    listen(onMessage, onError) {
      worker.onmessage = (event: MessageEvent<FromReader>) => onMessage(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        onError(new Error(event.message || 'the reading worker failed'));
      };
      worker.onmessageerror = () => onError(new Error('a message from the reading worker could not be read'));
    },
    close: () => worker.terminate(),
  };
}

const running = new Map<number, CancelToken>();
let engine: Engine | null = null;
const early: ToWorker[] = [];

async function handle(msg: ToWorker): Promise<void> {
  if (msg.type === 'cancel') {
    running.get(msg.id)?.cancel();
    return;
  }
  if (engine === null) {
    early.push(msg);
    return;
  }
  const token = new CancelToken();
  running.set(msg.id, token);
  try {
    const result = await engine.call(msg.name, msg.args as ArgsOf<HandlerName>, token);
    // A workspace image can be hundreds of MB: hand its buffer over instead of copying it.
    const transfer: Transferable[] = [];
    if (msg.name === 'workspace/export' && result !== null && typeof result === 'object' && 'bytes' in result) {
      const bytes = result.bytes;
      // Only a buffer the image owns alone may move; never a view into the WebAssembly heap.
      if (bytes instanceof Uint8Array && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) {
        transfer.push(bytes.buffer as ArrayBuffer);
      }
    }
    post({ type: 'result', id: msg.id, result }, transfer);
  } catch (e) {
    post({ type: 'error', id: msg.id, error: toPayload(e) });
  } finally {
    running.delete(msg.id);
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  void handle(event.data);
};

initSqlJs({ locateFile: () => wasmUrl })
  .then((SQL) => {
    engine = createEngine({
      sqlite: SQL,
      clock: { now: () => new Date() },
      emit: (name, payload) => post({ type: 'event', name, payload }),
      // Files the analyst chose or dropped are Blobs: a reading worker can open them too. It
      // hashes them as well: this thread, busy inserting, is the slower of the two here.
      readRemote: remoteReader(readerChannel, (file) => (file.file instanceof Blob ? file.file : null)),
    });
    post({ type: 'ready' });
    for (const msg of early.splice(0)) void handle(msg);
  })
  .catch((e: unknown) => post({ type: 'fatal', error: toPayload(e) }));
