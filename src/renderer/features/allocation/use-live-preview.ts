import { useEffect, useRef, useState } from 'react';
import type { AllocationPreview, AllocationPreviewArgs, AllocationRuleSet, RuleSetProblem } from '../../../shared/allocation-contract';
import type { ArgsOf, HandlerName, ResultOf, TableName } from '../../../shared/contract';
import type { EngineError } from '../../../shared/errors';
import { toEngineError } from '../../engine/client';
import { useEngine, useEngineEvent } from '../../engine/engine-context';

export type DebouncedCall<N extends HandlerName> = {
  /** The latest answer, kept while a newer one is computed so the figures do not flicker. */
  data: ResultOf<N> | null;
  error: EngineError | null;
  /** The answer on screen is not for the latest arguments yet (waiting, or the engine is working). */
  updating: boolean;
};

/**
 * Calls the engine `delayMs` after the arguments stop changing. At most one call is in flight: a
 * change made meanwhile is sent when it returns, so fast typing never queues work in the engine, and
 * an answer for arguments that have changed since is dropped.
 */
export function useDebouncedCall<N extends HandlerName>(
  name: N,
  args: ArgsOf<N> | null,
  delayMs: number,
  tables: TableName[],
): DebouncedCall<N> {
  const engine = useEngine();
  const key = args === null ? null : JSON.stringify(args);
  const [answer, setAnswer] = useState<{ key: string | null; data: ResultOf<N> | null; error: EngineError | null }>({
    key: null,
    data: null,
    error: null,
  });
  const [version, setVersion] = useState(0);
  const latest = useRef<{ key: string | null; args: ArgsOf<N> | null }>({ key, args });
  latest.current = { key, args };
  const busy = useRef(false);
  const again = useRef(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    if (key === null) return;
    const run = () => {
      const { key: sentKey, args: sent } = latest.current;
      if (sentKey === null || sent === null) return;
      if (busy.current) {
        again.current = true;
        return;
      }
      busy.current = true;
      const settle = (data: ResultOf<N> | null, error: EngineError | null) => {
        busy.current = false;
        if (!alive.current) return;
        if (latest.current.key === sentKey) setAnswer({ key: sentKey, data, error });
        if (again.current) {
          again.current = false;
          run();
        }
      };
      engine.call(name, sent).then(
        (data) => settle(data, null),
        (e: unknown) => settle(null, toEngineError(e)),
      );
    };
    const timer = setTimeout(run, delayMs);
    return () => clearTimeout(timer);
  }, [engine, name, key, delayMs, version]);

  const tableKey = tables.join(',');
  useEngineEvent('db/changed', (payload) => {
    if (payload.tables.some((t) => tableKey.split(',').includes(t))) setVersion((v) => v + 1);
  });

  if (key === null) return { data: null, error: null, updating: false };
  return {
    data: answer.data,
    error: answer.key === key ? answer.error : null,
    updating: answer.key !== key,
  };
}

const DATA_TABLES: TableName[] = ['charges', 'imports', 'price_overrides'];

/** Live figures for the draft, from the engine, about 250 ms after the analyst stops typing. */
export function useLivePreview(args: AllocationPreviewArgs | null): DebouncedCall<'allocation/preview'> & {
  preview: AllocationPreview | null;
} {
  const call = useDebouncedCall('allocation/preview', args, 250, DATA_TABLES);
  return { ...call, preview: call.data };
}

/** The draft's problems; `checked` is false until the answer is for the draft as it is now. */
export function useValidation(ruleSet: AllocationRuleSet | null): { problems: RuleSetProblem[]; checked: boolean; error: EngineError | null } {
  const call = useDebouncedCall('allocation/validate', ruleSet ? { ruleSet } : null, 200, ['allocation_rules']);
  return { problems: call.data ?? [], checked: ruleSet !== null && !call.updating && call.error === null, error: call.error };
}
