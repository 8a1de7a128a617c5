import { EngineError } from '../../shared/errors';
import type { Host, OpenedImage, WorkspaceRef } from './host';
import { fileNameFor, nameFromFileName } from './host';
import { listWorkspaces, readWorkspace, upsertIndexEntry, writeWorkspace } from './opfs-store';
import { saveFile } from '../save-file';

/** An ArrayBuffer-backed view, which is what file and Blob writers accept. */
export function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
}

/**
 * One tab writes a workspace at a time: a Web Lock per workspace, held while it is open, so a
 * second tab cannot overwrite the first one's saves. Resolves to a release function, or null
 * when another tab holds it.
 */
function acquireLock(id: string): Promise<(() => void) | null> {
  if (!navigator.locks) return Promise.resolve(() => undefined);
  return new Promise((resolveOuter, rejectOuter) => {
    navigator.locks
      .request(`costbook-workspace:${id}`, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolveOuter(null);
          return undefined;
        }
        return new Promise<void>((release) => resolveOuter(() => release()));
      })
      .catch(rejectOuter);
  });
}

/** Shows the browser's file picker; resolves null if the person closes it without choosing. */
function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    document.body.append(input);
    input.click();
  });
}

function download(bytes: Uint8Array, fileName: string): void {
  saveFile(new Blob([ownBytes(bytes)], { type: 'application/vnd.sqlite3' }), fileName);
}

export function createBrowserHost(): Host {
  const locks = new Map<string, () => void>();
  const now = () => new Date().toISOString();

  const lockOrFail = async (id: string, name: string) => {
    if (locks.has(id)) return;
    const release = await acquireLock(id);
    if (!release) {
      throw new EngineError('workspace/locked', 'Workspace is open in another tab.', { file: name });
    }
    locks.set(id, release);
  };
  const unlock = (id: string) => {
    locks.get(id)?.();
    locks.delete(id);
  };
  const remember = async (id: string, name: string): Promise<WorkspaceRef> => {
    const openedAt = now();
    await upsertIndexEntry({ id, name, openedAt });
    return { id, name, openedAt, location: null };
  };

  return {
    kind: 'browser',
    saveAsLabel: 'Download workspace',

    async listRecent() {
      return (await listWorkspaces()).map((e) => ({ ...e, location: null }));
    },

    async createWorkspace(name, firstImage) {
      const id = crypto.randomUUID();
      await lockOrFail(id, name);
      try {
        await writeWorkspace(id, ownBytes(await firstImage()));
        return await remember(id, name);
      } catch (error) {
        unlock(id);
        throw error;
      }
    },

    async openRecent(ref) {
      await lockOrFail(ref.id, ref.name);
      let bytes: Uint8Array;
      try {
        bytes = await readWorkspace(ref.id);
      } catch (error) {
        unlock(ref.id);
        const missing = error instanceof DOMException && error.name === 'NotFoundError';
        throw new EngineError(missing ? 'workspace/not-found' : 'workspace/read-failed', String(error), { file: ref.name });
      }
      return {
        name: ref.name,
        fileName: ref.name,
        bytes,
        adopt: (workspaceName) => remember(ref.id, workspaceName || ref.name),
        release: async () => unlock(ref.id),
      } satisfies OpenedImage;
    },

    async openFile() {
      const file = await pickFile('.costbook,.sqlite,.db,application/vnd.sqlite3,application/octet-stream');
      if (!file) return null;
      const name = nameFromFileName(file.name);
      return {
        name,
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
        // The engine may have taken the bytes above (transferred), so copy the file itself again:
        // what lands in the browser's storage is exactly the file that was picked.
        adopt: async (workspaceName) => {
          const id = crypto.randomUUID();
          await lockOrFail(id, name);
          await writeWorkspace(id, new Uint8Array(await file.arrayBuffer()));
          return remember(id, workspaceName || name);
        },
        release: async () => undefined,
      } satisfies OpenedImage;
    },

    async save(ref, bytes) {
      try {
        await writeWorkspace(ref.id, ownBytes(bytes));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new EngineError('workspace/save-failed', reason, { file: ref.name });
      }
    },

    async saveAs(ref, bytes) {
      download(bytes, fileNameFor(ref.name));
      return ref;
    },

    async close(ref) {
      unlock(ref.id);
    },

    onMenuCommand: () => () => undefined,
  };
}
