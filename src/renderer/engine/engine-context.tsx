import { createContext, useContext, useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import type { EngineEvents, EventName } from '../../shared/contract';
import type { EngineClient, EngineStatus } from './client';

const EngineContext = createContext<EngineClient | null>(null);

export function EngineProvider({ engine, children }: { engine: EngineClient; children: ReactNode }) {
  return <EngineContext.Provider value={engine}>{children}</EngineContext.Provider>;
}

export function useEngine(): EngineClient {
  const engine = useContext(EngineContext);
  if (!engine) throw new Error('useEngine() needs an <EngineProvider> above it.');
  return engine;
}

export function useEngineStatus(): EngineStatus {
  const engine = useEngine();
  return useSyncExternalStore(engine.onStatus, engine.status);
}

/** Subscribes to an engine event for the component's lifetime; the latest listener is always used. */
export function useEngineEvent<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): void {
  const engine = useEngine();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => engine.on(event, (payload) => latest.current(payload)), [engine, event]);
}
