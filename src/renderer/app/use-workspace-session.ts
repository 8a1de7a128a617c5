import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportProgress, WorkspaceInfo } from '../../shared/contract';
import { useEngine, useEngineEvent } from '../engine/engine-context';
import type { Host, OpenedImage, WorkspaceRef } from '../host/host';

export type Session = { ref: WorkspaceRef; info: WorkspaceInfo; key: number };

export type Busy = { kind: 'create' | 'open' | 'demo' | 'close'; label: string; progress: ImportProgress | null };

export type SessionError = { error: unknown; file: string | null };

export type SessionApi = {
  session: Session | null;
  recent: WorkspaceRef[];
  busy: Busy | null;
  error: SessionError | null;
  clearError: () => void;
  createNew: (name: string) => Promise<void>;
  openDemo: () => Promise<void>;
  openRecent: (ref: WorkspaceRef) => Promise<void>;
  openFile: () => Promise<void>;
  /** `flush` writes pending changes first (the shell's autosave); the shell decides what to do if it fails. */
  close: (flush: () => Promise<boolean>) => Promise<void>;
  replaceRef: (ref: WorkspaceRef) => void;
};

export const DEMO_NAME = 'Demo workspace';

function transferable(bytes: Uint8Array): Transferable[] {
  return bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
}

/** Which workspace is open, and the ways to open, create and close one. */
export function useWorkspaceSession(host: Host): SessionApi {
  const engine = useEngine();
  const [session, setSession] = useState<Session | null>(null);
  const [recent, setRecent] = useState<WorkspaceRef[]>([]);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<SessionError | null>(null);
  const keys = useRef(0);

  const refreshRecent = useCallback(async () => {
    try {
      setRecent(await host.listRecent());
    } catch (e) {
      setError({ error: e, file: null });
    }
  }, [host]);

  useEffect(() => {
    void refreshRecent();
  }, [refreshRecent]);

  useEngineEvent('import/progress', (progress) => setBusy((b) => (b ? { ...b, progress } : b)));

  const begin = (kind: Busy['kind'], label: string) => {
    setError(null);
    setBusy({ kind, label, progress: null });
  };
  const enter = (ref: WorkspaceRef, info: WorkspaceInfo) => setSession({ ref, info, key: ++keys.current });

  const create = useCallback(
    async (name: string): Promise<{ ref: WorkspaceRef; info: WorkspaceInfo } | null> => {
      const made: { info?: WorkspaceInfo } = {};
      const ref = await host.createWorkspace(name, async () => {
        made.info = await engine.call('workspace/create', { name });
        return (await engine.call('workspace/export', {})).bytes;
      });
      return ref && made.info ? { ref, info: made.info } : null;
    },
    [engine, host],
  );

  const createNew = useCallback(
    async (name: string) => {
      begin('create', `Creating “${name}”…`);
      try {
        const created = await create(name);
        if (created) enter(created.ref, created.info);
      } catch (e) {
        setError({ error: e, file: name });
      } finally {
        setBusy(null);
      }
    },
    [create],
  );

  const openDemo = useCallback(async () => {
    begin('demo', 'Building the demo workspace…');
    try {
      const created = await create(DEMO_NAME);
      if (!created) return;
      const { info } = await engine.call('workspace/demo', { seed: 42 });
      // The shell's autosave is not listening yet, so store the demo data before entering it.
      await host.save(created.ref, (await engine.call('workspace/export', {})).bytes);
      enter(created.ref, info);
    } catch (e) {
      setError({ error: e, file: DEMO_NAME });
    } finally {
      setBusy(null);
    }
  }, [create, engine, host]);

  const openImage = useCallback(
    async (image: OpenedImage) => {
      try {
        const info = await engine.call(
          'workspace/open',
          { name: image.name, bytes: image.bytes },
          { transfer: transferable(image.bytes) },
        );
        enter(await image.adopt(info.name), info);
      } catch (e) {
        await image.release().catch(() => undefined);
        setError({ error: e, file: image.fileName });
      }
    },
    [engine],
  );

  const openRecent = useCallback(
    async (ref: WorkspaceRef) => {
      begin('open', `Opening “${ref.name}”…`);
      try {
        await openImage(await host.openRecent(ref));
      } catch (e) {
        setError({ error: e, file: ref.name });
      } finally {
        setBusy(null);
      }
    },
    [host, openImage],
  );

  const openFile = useCallback(async () => {
    setError(null);
    try {
      const image = await host.openFile();
      if (!image) return;
      setBusy({ kind: 'open', label: `Opening “${image.name}”…`, progress: null });
      await openImage(image);
    } catch (e) {
      setError({ error: e, file: null });
    } finally {
      setBusy(null);
    }
  }, [host, openImage]);

  const close = useCallback(
    async (flush: () => Promise<boolean>) => {
      if (!session) return;
      begin('close', 'Saving and closing…');
      try {
        await flush();
        await engine.call('workspace/close', {});
      } catch (e) {
        setError({ error: e, file: session.ref.name });
      } finally {
        await host.close(session.ref).catch(() => undefined);
        setSession(null);
        setBusy(null);
        void refreshRecent();
      }
    },
    [engine, host, session, refreshRecent],
  );

  const replaceRef = useCallback((ref: WorkspaceRef) => setSession((s) => (s ? { ...s, ref } : s)), []);

  return {
    session,
    recent,
    busy,
    error,
    clearError: useCallback(() => setError(null), []),
    createNew,
    openDemo,
    openRecent,
    openFile,
    close,
    replaceRef,
  };
}
