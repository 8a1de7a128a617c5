import type { ArgsOf, EngineEvents, EventName, HandlerName, ImportProgress, ResultOf, TableName } from '../../shared/contract';
import type { FromWorker, ToWorker } from '../../shared/worker-protocol';
import { EngineError, isEngineErrorPayload } from '../../shared/errors';

export type EngineStatus = 'starting' | 'ready' | 'crashed';

export type CallOptions = {
  signal?: AbortSignal;
  /** Buffers to move to the worker instead of copying (a workspace image can be large). */
  transfer?: Transferable[];
};

type Listener<E extends EventName> = (payload: EngineEvents[E]) => void;
type ListenerMap = { [E in EventName]: Set<Listener<E>> };

type Pending = {
  settle: (result: ResultOf<HandlerName>) => void;
  fail: (error: EngineError) => void;
};

export type EngineClient = {
  call<N extends HandlerName>(name: N, args: ArgsOf<N>, options?: CallOptions): Promise<ResultOf<N>>;
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
  status(): EngineStatus;
  crashError(): EngineError | null;
  onStatus(listener: () => void): () => void;
  dispose(): void;
};

/** The part of a Worker the client needs; tests and hosts can hand in anything that looks like it. */
export type WorkerLike = {
  postMessage(message: ToWorker, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent<FromWorker>) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
  onmessageerror: ((ev: MessageEvent) => void) | null;
};

function isTables(v: unknown): v is { tables: TableName[] } {
  return typeof v === 'object' && v !== null && 'tables' in v && Array.isArray(v.tables);
}

function isProgress(v: unknown): v is ImportProgress {
  return typeof v === 'object' && v !== null && 'file' in v && typeof v.file === 'string' && 'bytesRead' in v;
}

export function createEngineClient(worker: WorkerLike): EngineClient {
  let nextId = 1;
  let status: EngineStatus = 'starting';
  let crash: EngineError | null = null;
  const pending = new Map<number, Pending>();
  // Calls made before the worker said "ready" wait here: the worker may still be loading sql.js
  // and install its message handler late, and a message that arrives before that would be lost.
  const queued: { message: ToWorker; transfer: Transferable[] }[] = [];
  const statusListeners = new Set<() => void>();
  const listeners: ListenerMap = { 'import/progress': new Set(), 'db/changed': new Set() };

  const setStatus = (next: EngineStatus) => {
    status = next;
    statusListeners.forEach((l) => l());
  };

  const post = (message: ToWorker, transfer: Transferable[] = []) => {
    if (status === 'ready') worker.postMessage(message, transfer);
    else queued.push({ message, transfer });
  };

  // Never leave a request waiting: when the engine dies every pending call fails, and so does
  // every later one, so no spinner spins forever.
  const crashed = (reason: string) => {
    if (status === 'crashed') return;
    crash = new EngineError('engine/crashed', reason);
    for (const p of pending.values()) p.fail(crash);
    pending.clear();
    queued.length = 0;
    setStatus('crashed');
  };

  worker.onmessage = (ev) => {
    const msg = ev.data;
    switch (msg.type) {
      case 'ready': {
        setStatus('ready');
        for (const q of queued.splice(0)) worker.postMessage(q.message, q.transfer);
        return;
      }
      case 'result':
      case 'error': {
        const p = pending.get(msg.id);
        if (!p) return; // already cancelled locally or crashed
        pending.delete(msg.id);
        if (msg.type === 'result') p.settle(msg.result);
        else p.fail(toEngineError(msg.error));
        return;
      }
      case 'event': {
        // The protocol does not tie an event's payload type to its name, so check the shape here
        // once and hand listeners exactly what the contract promises.
        if (msg.name === 'db/changed' && isTables(msg.payload)) {
          const payload = msg.payload;
          listeners['db/changed'].forEach((l) => l(payload));
        } else if (msg.name === 'import/progress' && isProgress(msg.payload)) {
          const payload = msg.payload;
          listeners['import/progress'].forEach((l) => l(payload));
        }
        return;
      }
      case 'fatal': {
        worker.terminate();
        crashed(msg.error?.message || 'The engine stopped.');
        return;
      }
    }
  };
  worker.onerror = (ev) => {
    ev.preventDefault?.();
    crashed(ev.message || 'The engine failed to start or stopped unexpectedly.');
  };
  worker.onmessageerror = () => crashed('A message from the engine could not be read.');

  return {
    call(name, args, options = {}) {
      if (status === 'crashed') return Promise.reject(crash);
      const { signal, transfer = [] } = options;
      if (signal?.aborted) return Promise.reject(new EngineError('import/cancelled', 'Cancelled before it started.'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const onAbort = () => post({ type: 'cancel', id });
        const cleanup = () => signal?.removeEventListener('abort', onAbort);
        pending.set(id, {
          // The worker answers call `id` with the result of handler `name`; the message type cannot
          // express that pairing, so this is the one place the client trusts it.
          settle: (result) => {
            cleanup();
            resolve(result as ResultOf<typeof name>);
          },
          fail: (error) => {
            cleanup();
            reject(error);
          },
        });
        signal?.addEventListener('abort', onAbort, { once: true });
        post({ type: 'call', id, name, args }, transfer);
      });
    },
    on(event, listener) {
      const set: Set<typeof listener> = listeners[event];
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    status: () => status,
    crashError: () => crash,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
    dispose() {
      worker.terminate();
      crashed('The engine was shut down.');
    },
  };
}

export function toEngineError(error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  if (isEngineErrorPayload(error)) return EngineError.fromPayload(error);
  const message = error instanceof Error ? error.message : String(error);
  return new EngineError('engine/internal', message);
}

/** The real thing: the engine in a module worker, bundled by Vite from src/worker. */
export function startEngine(): EngineClient {
  const worker = new Worker(new URL('../../worker/index.ts', import.meta.url), { type: 'module', name: 'costbook-engine' });
  return createEngineClient(worker);
}
