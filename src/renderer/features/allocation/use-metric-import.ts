import { useCallback, useEffect, useRef, useState, type ChangeEvent, type RefObject } from 'react';
import type { BusinessMetricImport } from '../../../shared/allocation-contract';
import { useEngine } from '../../engine/engine-context';

export type MetricImport = {
  inputRef: RefObject<HTMLInputElement | null>;
  choose: () => void;
  onFile: (ev: ChangeEvent<HTMLInputElement>) => void;
  /** The file being read, while the engine works on it. */
  busy: string | null;
  /** What the last file held. */
  imported: BusinessMetricImport | null;
  error: { error: unknown; file: string } | null;
  clearError: () => void;
};

/** Name of a metric as split rules compare them: SQLite's NOCASE folds ASCII letters only. */
export function metricId(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * Business metric CSVs into the workspace. After a file is stored, `onImported` gets the metric's
 * name as the engine lists it, or null when the file held several metrics (no single one to use).
 */
export function useMetricImport(onImported: (metric: string | null) => void): MetricImport {
  const engine = useEngine();
  const inputRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [imported, setImported] = useState<BusinessMetricImport | null>(null);
  const [error, setError] = useState<{ error: unknown; file: string } | null>(null);
  const latest = useRef(onImported);
  latest.current = onImported;
  // An editor closed mid-import (another split selected) must not change the split it showed.
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const onFile = useCallback(
    (ev: ChangeEvent<HTMLInputElement>) => {
      const file = ev.target.files?.[0];
      // Reset so choosing the same file again (corrected in place) still fires a change.
      ev.target.value = '';
      if (!file) return;
      setBusy(file.name);
      setError(null);
      setImported(null);
      void (async () => {
        try {
          const result = await engine.call('allocation/metrics-import', { file: { name: file.name, size: file.size, file } });
          // A file with several metrics comes back as one entry naming them all; only a name the
          // list knows can be used by a split.
          const listed = await engine.call('allocation/metrics', {});
          const same = listed.find((m) => metricId(m.metric) === metricId(result.metric));
          if (!alive.current) return;
          setImported(result);
          latest.current(same ? same.metric : null);
        } catch (e) {
          if (alive.current) setError({ error: e, file: file.name });
        } finally {
          if (alive.current) setBusy(null);
        }
      })();
    },
    [engine],
  );

  return {
    inputRef,
    choose: () => inputRef.current?.click(),
    onFile,
    busy,
    imported,
    error,
    clearError: () => setError(null),
  };
}
