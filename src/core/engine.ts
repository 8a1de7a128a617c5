import type { SqlJsStatic } from 'sql.js';
import type { ArgsOf, EngineEvents, EventName, HandlerName, ResultOf } from '../shared/contract';
import { EngineError } from '../shared/errors';
import type { Clock, Workspace } from './db/workspace';
import type { FileHasher } from './hash/sha256';
import type { RemoteReader } from './imports/remote-read';
import { registerAllocationHandlers } from './handlers/allocation';
import { registerAllocationMetricHandlers } from './handlers/allocation-metrics';
import { registerImportHandlers } from './handlers/imports';
import { registerMappingHandlers } from './handlers/mappings';
import { registerPricingHandlers } from './handlers/pricing';
import { registerSummaryHandlers } from './handlers/summary';
import { registerWorkspaceHandlers } from './handlers/workspace';

/** What the host gives the engine: SQLite, a clock, and a way to publish events. */
export type EngineHost = {
  sqlite: SqlJsStatic;
  clock: Clock;
  /**
   * A streaming SHA-256 of the host's own, for hashing imported files (Node's native one in the
   * CLI: about five times faster). Without it the engine's JavaScript SHA-256 is used.
   */
  sha256?: () => FileHasher;
  /**
   * Reads large imported files on a thread of its own (see imports/remote-read.ts): the app's
   * engine worker starts a nested worker, the CLI a Node worker thread. Without it the engine
   * reads every file on its own thread.
   */
  readRemote?: RemoteReader;
  emit<E extends EventName>(name: E, payload: EngineEvents[E]): void;
};

/** Per-call context: cancellation. A cancelled call fails with code 'import/cancelled'. */
export type CallContext = {
  readonly cancelled: boolean;
  throwIfCancelled(): void;
};

export type Handler<N extends HandlerName> = (args: ArgsOf<N>, ctx: CallContext) => Promise<ResultOf<N>>;

/** State shared by the handlers: the open workspace, if any. */
export type EngineState = {
  host: EngineHost;
  workspace: Workspace | null;
  /** Bumped whenever charges or imports change, so caches built from them know they are stale. */
  dataVersion: number;
  requireWorkspace(): Workspace;
};

export type Register = <N extends HandlerName>(name: N, handler: Handler<N>) => void;

export class CancelToken implements CallContext {
  private flag = false;

  get cancelled(): boolean {
    return this.flag;
  }

  cancel(): void {
    this.flag = true;
  }

  throwIfCancelled(): void {
    if (this.flag) throw new EngineError('import/cancelled', 'The import was cancelled; nothing was changed.');
  }
}

export type Engine = {
  call<N extends HandlerName>(name: N, args: ArgsOf<N>, ctx?: CallContext): Promise<ResultOf<N>>;
  has(name: string): name is HandlerName;
};

export function createEngine(host: EngineHost): Engine {
  const handlers = new Map<HandlerName, Handler<HandlerName>>();
  const register: Register = (name, handler) => {
    if (handlers.has(name)) throw new Error(`Engine handler ${name} is registered twice.`);
    handlers.set(name, handler as unknown as Handler<HandlerName>);
  };
  const state: EngineState = {
    host: {
      ...host,
      emit(name, payload) {
        if ('tables' in payload && payload.tables.some((t) => t === 'charges' || t === 'imports')) state.dataVersion++;
        host.emit(name, payload);
      },
    },
    workspace: null,
    dataVersion: 0,
    requireWorkspace() {
      if (state.workspace === null) throw new EngineError('workspace/none-open', 'No workspace is open.');
      return state.workspace;
    },
  };
  registerWorkspaceHandlers(register, state);
  registerImportHandlers(register, state);
  registerSummaryHandlers(register, state);
  registerMappingHandlers(register, state);
  registerPricingHandlers(register, state);
  registerAllocationHandlers(register, state);
  registerAllocationMetricHandlers(register, state);

  // One call at a time: sql.js cannot export mid-transaction, and an import is one transaction.
  let queue: Promise<unknown> = Promise.resolve();

  return {
    has: (name): name is HandlerName => handlers.has(name as HandlerName),
    call<N extends HandlerName>(name: N, args: ArgsOf<N>, ctx: CallContext = new CancelToken()): Promise<ResultOf<N>> {
      const handler = handlers.get(name) as Handler<N> | undefined;
      if (handler === undefined) {
        return Promise.reject(new EngineError('engine/unknown-handler', `The engine has no handler named ${name}.`));
      }
      const run = queue.then(() => handler(args, ctx));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
