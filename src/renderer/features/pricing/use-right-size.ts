import { useCallback, useRef, useState } from 'react';
import type { RightSizeResult, UsageSlice } from '../../../shared/contract';
import { useEngine, useEngineEvent } from '../../engine/engine-context';

export type RightSizeState = {
  result: RightSizeResult | null;
  running: boolean;
  error: unknown;
  run: (slice: UsageSlice) => void;
};

/**
 * Runs a right-sizing and keeps the latest answer. Imports and override changes re-price the
 * slice, so the last comparison is run again when they happen; an answer to an older request
 * never replaces a newer one.
 */
export function useRightSize(): RightSizeState {
  const engine = useEngine();
  const [result, setResult] = useState<RightSizeResult | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const last = useRef<UsageSlice | null>(null);
  const seq = useRef(0);

  const run = useCallback(
    (slice: UsageSlice) => {
      last.current = slice;
      const mine = ++seq.current;
      setRunning(true);
      setError(null);
      engine.call('pricing/right-size', { slice }).then(
        (r) => {
          if (mine !== seq.current) return;
          setResult(r);
          setRunning(false);
        },
        (e: unknown) => {
          if (mine !== seq.current) return;
          setError(e);
          setRunning(false);
        },
      );
    },
    [engine],
  );

  useEngineEvent('db/changed', ({ tables }) => {
    if (last.current !== null && tables.some((t) => t === 'charges' || t === 'price_overrides' || t === 'imports')) run(last.current);
  });

  return { result, running, error, run };
}
