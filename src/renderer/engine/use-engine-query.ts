import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ArgsOf, HandlerName, ResultOf, TableName } from '../../shared/contract';
import type { EngineError } from '../../shared/errors';
import { toEngineError } from './client';
import { useEngine, useEngineEvent } from './engine-context';

export type QueryState<N extends HandlerName> = {
  data: ResultOf<N> | undefined;
  error: EngineError | null;
  /** True until the first answer; later refetches keep showing the previous data. */
  loading: boolean;
  refetch: () => void;
};

/**
 * Reads from the engine and reads again whenever a mutation reports that it touched one of
 * `tables`. Answers that arrive out of order are dropped, so a slow early query cannot overwrite
 * a fresh one.
 */
export function useEngineQuery<N extends HandlerName>(
  name: N,
  args: ArgsOf<N>,
  options: { tables: TableName[]; enabled?: boolean },
): QueryState<N> {
  const engine = useEngine();
  const { tables, enabled = true } = options;
  // Callers pass object literals; compare them by value so a re-render does not refetch.
  const key = name + JSON.stringify(args);
  // Memoised on the value key, not the object identity: a new literal each render is the same query.
  const stableArgs = useMemo(() => args, [key]);
  const [state, setState] = useState<{ key: string; data: ResultOf<N> | undefined; error: EngineError | null; loaded: boolean }>({
    key,
    data: undefined,
    error: null,
    loaded: false,
  });
  const [version, setVersion] = useState(0);
  const seq = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    const mine = ++seq.current;
    engine.call(name, stableArgs).then(
      (data) => {
        if (mine === seq.current) setState({ key, data, error: null, loaded: true });
      },
      (error: unknown) => {
        if (mine === seq.current) setState((s) => ({ ...s, key, error: toEngineError(error), loaded: true }));
      },
    );
  }, [engine, name, key, stableArgs, version, enabled]);

  const tableKey = tables.join(',');
  useEngineEvent('db/changed', (payload) => {
    const watched = tableKey.split(',');
    if (payload.tables.some((t) => watched.includes(t))) setVersion((v) => v + 1);
  });

  const refetch = useCallback(() => setVersion((v) => v + 1), []);
  const fresh = state.key === key;
  return {
    data: fresh ? state.data : undefined,
    error: fresh ? state.error : null,
    loading: !fresh || !state.loaded,
    refetch,
  };
}
