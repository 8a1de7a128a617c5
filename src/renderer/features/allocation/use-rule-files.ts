import { useCallback, useRef, useState, type ChangeEvent, type RefObject } from 'react';
import type { StoredRuleSet } from '../../../shared/allocation-contract';
import { useEngine } from '../../engine/engine-context';
import { saveFile } from '../../save-file';

export const RULES_FILE_NAME = 'costbook-rules.json';

export type RuleFiles = {
  exportRules: () => Promise<void>;
  /** Opens the file picker (after a confirmation when there are unsaved changes). */
  chooseFile: () => void;
  confirming: boolean;
  confirm: () => void;
  cancel: () => void;
  inputRef: RefObject<HTMLInputElement | null>;
  onFile: (ev: ChangeEvent<HTMLInputElement>) => void;
  busy: boolean;
  error: { error: unknown; file: string | null } | null;
  clearError: () => void;
  /** Set after an import, to say what was read. */
  imported: { file: string; version: number } | null;
  clearImported: () => void;
};

/** Rule sets to and from files: export downloads the saved rules, import replaces them. */
export function useRuleFiles(dirty: boolean, adopt: (stored: StoredRuleSet) => void): RuleFiles {
  const engine = useEngine();
  const inputRef = useRef<HTMLInputElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ error: unknown; file: string | null } | null>(null);
  const [imported, setImported] = useState<{ file: string; version: number } | null>(null);

  const exportRules = useCallback(async () => {
    setError(null);
    try {
      const { json } = await engine.call('allocation/export-rules', {});
      saveFile(new Blob([json], { type: 'application/json' }), RULES_FILE_NAME);
    } catch (e) {
      setError({ error: e, file: null });
    }
  }, [engine]);

  const chooseFile = useCallback(() => {
    if (dirty) setConfirming(true);
    else inputRef.current?.click();
  }, [dirty]);

  const onFile = useCallback(
    (ev: ChangeEvent<HTMLInputElement>) => {
      const file = ev.target.files?.[0];
      // Reset so choosing the same file again still fires a change.
      ev.target.value = '';
      if (!file) return;
      setBusy(true);
      setError(null);
      setImported(null);
      void (async () => {
        try {
          const stored = await engine.call('allocation/import-rules', { json: await file.text(), fileName: file.name });
          adopt(stored);
          setImported({ file: file.name, version: stored.version });
        } catch (e) {
          setError({ error: e, file: file.name });
        } finally {
          setBusy(false);
        }
      })();
    },
    [engine, adopt],
  );

  return {
    exportRules,
    chooseFile,
    confirming,
    confirm: () => {
      setConfirming(false);
      inputRef.current?.click();
    },
    cancel: () => setConfirming(false),
    inputRef,
    onFile,
    busy,
    error,
    clearError: () => setError(null),
    imported,
    clearImported: () => setImported(null),
  };
}
