import { useCallback, useRef, useState } from 'react';
import {
  blankImportResult,
  type CommitDecision,
  type ImportFileResult,
  type ImportOptions,
  type ImportProgress,
} from '../../shared/contract';
import type { EngineErrorPayload } from '../../shared/errors';
import { toEngineError } from './client';
import { useEngine, useEngineEvent } from './engine-context';

export type ImportRun = {
  id: number;
  files: { name: string; size: number }[];
  startedAt: string;
  status: 'running' | 'cancelling' | 'done';
  progress: ImportProgress | null;
  results: ImportFileResult[];
  /** The files themselves, so a refused one can be imported again with only its valid rows. */
  inputs: File[];
};

export type ImportApi = {
  runs: ImportRun[];
  running: ImportRun[];
  start: (files: File[], options?: ImportOptions) => Promise<void>;
  cancel: (runId: number) => void;
  dismiss: (runId: number) => void;
  /** Commits the staged files the analyst kept (with their replace answers) and discards the rest. */
  finishReview: (keep: CommitDecision[], discard: number[]) => Promise<void>;
  /** Reads a staged file again as another format (the staged copy is discarded first). */
  restage: (file: string, format: string) => Promise<void>;
  reviewError: EngineErrorPayload | null;
};

/** A failed call still yields one row per file, so the results list reads the same either way. */
function failedResults(files: { name: string }[], error: EngineErrorPayload): ImportFileResult[] {
  const status = error.code === 'import/cancelled' ? 'cancelled' : 'failed';
  return files.map((f) => ({ ...blankImportResult(f.name), status, error }));
}

export function useImport(): ImportApi {
  const engine = useEngine();
  const [runs, setRuns] = useState<ImportRun[]>([]);
  // The latest runs, for callbacks that must not change identity on every progress event.
  const runsRef = useRef(runs);
  runsRef.current = runs;
  const controllers = useRef(new Map<number, AbortController>());
  const nextId = useRef(1);

  const update = useCallback((id: number, patch: (run: ImportRun) => Partial<ImportRun>) => {
    setRuns((all) => all.map((r) => (r.id === id ? { ...r, ...patch(r) } : r)));
  }, []);

  // Progress events carry no call id; attribute each to the running import that holds the file.
  useEngineEvent('import/progress', (progress) => {
    setRuns((all) => {
      const target = all.find((r) => r.status !== 'done' && r.files.some((f) => f.name === progress.file));
      return target ? all.map((r) => (r === target ? { ...r, progress } : r)) : all;
    });
  });

  const start = useCallback(
    async (files: File[], options?: ImportOptions) => {
      if (files.length === 0) return;
      const id = nextId.current++;
      const controller = new AbortController();
      controllers.current.set(id, controller);
      const meta = files.map((f) => ({ name: f.name, size: f.size }));
      setRuns((all) => [
        { id, files: meta, startedAt: new Date().toISOString(), status: 'running', progress: null, results: [], inputs: files },
        ...all,
      ]);
      try {
        const results = await engine.call(
          'import/files',
          { files: files.map((file) => ({ name: file.name, size: file.size, file })), options },
          { signal: controller.signal },
        );
        update(id, () => ({ status: 'done', results }));
      } catch (error) {
        update(id, () => ({ status: 'done', results: failedResults(meta, toEngineError(error).toPayload()) }));
      } finally {
        controllers.current.delete(id);
      }
    },
    [engine, update],
  );

  const cancel = useCallback(
    (runId: number) => {
      const c = controllers.current.get(runId);
      if (!c) return;
      update(runId, () => ({ status: 'cancelling' }));
      c.abort();
    },
    [update],
  );

  const dismiss = useCallback((runId: number) => setRuns((all) => all.filter((r) => r.id !== runId)), []);

  const [reviewError, setReviewError] = useState<EngineErrorPayload | null>(null);

  /** Marks results by import id once the engine has committed or discarded them. */
  const settle = useCallback((ids: Set<number>, patch: Partial<ImportFileResult>) => {
    setRuns((all) =>
      all.map((run) => ({
        ...run,
        results: run.results.map((r) => (r.importId !== null && ids.has(r.importId) && r.status === 'staged' ? { ...r, ...patch } : r)),
      })),
    );
  }, []);

  const finishReview = useCallback(
    async (keep: CommitDecision[], discard: number[]) => {
      setReviewError(null);
      try {
        if (discard.length) await engine.call('import/discard', { importIds: discard });
        settle(new Set(discard), { status: 'skipped', warnings: ['Left out at review; nothing from it was imported.'] });
        if (keep.length) await engine.call('import/commit', { decisions: keep });
        settle(new Set(keep.map((d) => d.importId)), { status: 'imported' });
      } catch (error) {
        setReviewError(toEngineError(error).toPayload());
      }
    },
    [engine, settle],
  );

  const restage = useCallback(
    async (name: string, format: string) => {
      const all = runsRef.current;
      const staged = all.flatMap((r) => r.results).find((r) => r.file === name && r.status === 'staged');
      const file = all.flatMap((r) => r.inputs).find((f) => f.name === name);
      if (!file) return;
      if (staged?.importId != null) {
        await engine.call('import/discard', { importIds: [staged.importId] });
        settle(new Set([staged.importId]), { status: 'skipped', warnings: [] });
      }
      await start([file], { stage: true, format });
    },
    [engine, settle, start],
  );

  return { runs, running: runs.filter((r) => r.status !== 'done'), start, cancel, dismiss, finishReview, restage, reviewError };
}
