import { useCallback, useState } from 'react';
import type { SessionApi } from '../../app/use-workspace-session';
import { useEngine } from '../../engine/engine-context';
import type { Host, WorkspaceRef } from '../../host/host';
import type { Autosave } from '../../host/use-autosave';

/** Closing and "save a copy" for the open workspace; closing never drops changes silently. */
export function useShellActions(host: Host, api: SessionApi, ref: WorkspaceRef, autosave: Autosave) {
  const engine = useEngine();
  const [actionError, setActionError] = useState<unknown>(null);
  const [confirmClose, setConfirmClose] = useState(false);

  const saveAs = useCallback(async () => {
    setActionError(null);
    try {
      await autosave.flush();
      const { bytes } = await engine.call('workspace/export', {});
      const next = await host.saveAs(ref, bytes);
      if (next && next.id !== ref.id) api.replaceRef(next);
    } catch (e) {
      setActionError(e);
    }
  }, [api, autosave, engine, host, ref]);

  const close = useCallback(
    async (force = false) => {
      setConfirmClose(false);
      if (!force && !(await autosave.flush())) {
        setConfirmClose(true);
        return;
      }
      await api.close(async () => force || autosave.flush());
    },
    [api, autosave],
  );

  return {
    saveAs,
    close,
    confirmClose,
    cancelClose: () => setConfirmClose(false),
    actionError,
    clearActionError: () => setActionError(null),
  };
}
