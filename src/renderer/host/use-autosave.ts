import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineError } from '../../shared/errors';
import { toEngineError } from '../engine/client';
import { useEngine, useEngineEvent } from '../engine/engine-context';
import type { Host, WorkspaceRef } from './host';

export type SaveState =
  | { kind: 'saved'; at: string | null }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'error'; error: EngineError };

export type Autosave = {
  state: SaveState;
  /** Asks for a save soon (debounced). */
  schedule: () => void;
  /** Saves now if anything is unsaved and waits for it; false if the last save failed. */
  flush: () => Promise<boolean>;
};

const DEBOUNCE_MS = 300;

/**
 * Saves the workspace after every change: each `db/changed` marks it dirty, and after a quiet
 * 300 ms the engine exports an image and the host writes it atomically. Saves never overlap; a
 * change during a save triggers one more save afterwards. A failed save leaves the last good
 * file in place and is retried on the next change.
 */
export function useAutosave(host: Host, ref: WorkspaceRef): Autosave {
  const engine = useEngine();
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: null });
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const refRef = useRef(ref);
  useEffect(() => {
    refRef.current = ref;
  }, [ref]);

  const failed = useRef(false);
  const saveOnce = useCallback(async () => {
    if (!dirty.current) return;
    dirty.current = false;
    setState({ kind: 'saving' });
    try {
      const { bytes } = await engine.call('workspace/export', {});
      await host.save(refRef.current, bytes);
      failed.current = false;
      if (!dirty.current) setState({ kind: 'saved', at: new Date().toISOString() });
    } catch (error) {
      failed.current = true;
      // Still unsaved: the next change or a flush tries again.
      dirty.current = true;
      setState({ kind: 'error', error: toEngineError(error) });
    }
  }, [engine, host]);

  const run = useCallback(() => {
    chain.current = chain.current.then(saveOnce);
    return chain.current;
  }, [saveOnce]);

  const schedule = useCallback(() => {
    dirty.current = true;
    setState((s) => (s.kind === 'saving' ? s : { kind: 'pending' }));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void run();
    }, DEBOUNCE_MS);
  }, [run]);

  const flush = useCallback(async () => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    await run();
    return !failed.current;
  }, [run]);

  useEngineEvent('db/changed', schedule);

  // Closing the tab with unsaved changes: the browser can only ask, not wait for a save.
  useEffect(() => {
    const warn = (ev: BeforeUnloadEvent) => {
      if (dirty.current || timer.current) ev.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return { state, schedule, flush };
}
