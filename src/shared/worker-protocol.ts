import type { EngineErrorPayload } from './errors';
import type { ArgsOf, EngineEvents, EventName, HandlerName, ResultOf } from './contract';

/** Messages from the UI thread to the engine worker. */
export type ToWorker =
  | { type: 'call'; id: number; name: HandlerName; args: ArgsOf<HandlerName> }
  | { type: 'cancel'; id: number };

/** Messages from the engine worker to the UI thread. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: ResultOf<HandlerName> }
  | { type: 'error'; id: number; error: EngineErrorPayload }
  | { type: 'event'; name: EventName; payload: EngineEvents[EventName] }
  | { type: 'fatal'; error: EngineErrorPayload };
