import type { CostbookBridge, SaveResult } from '../../shared/bridge';
import { EngineError } from '../../shared/errors';
import type { Host, OpenedImage, WorkspaceRef } from './host';
import { nameFromFileName } from './host';

function refFor(path: string, name: string, openedAt = new Date().toISOString()): WorkspaceRef {
  return { id: path, name, openedAt, location: path };
}

function checkSaved(result: SaveResult, name: string): string {
  if (result.ok) return result.path;
  throw new EngineError('workspace/save-failed', result.message, { file: name, reason: result.code });
}

/** The desktop app: files on disk through the preload's named methods; main does the atomic writes. */
export function createDesktopHost(bridge: CostbookBridge): Host {
  const opened = (file: { path: string; name: string; bytes: Uint8Array }): OpenedImage => ({
    name: nameFromFileName(file.name),
    fileName: file.path.split(/[\\/]/).pop() || file.name,
    bytes: file.bytes,
    adopt: async (workspaceName) => refFor(file.path, workspaceName || file.name),
    // Only the lock is released; main never touches a file the engine refused.
    release: () => bridge.closeWorkspaceFile(),
  });

  return {
    kind: 'desktop',
    saveAsLabel: 'Save as…',

    async listRecent() {
      return (await bridge.recentWorkspaces()).map((r) => refFor(r.path, r.name, r.openedAt));
    },

    async createWorkspace(name, firstImage) {
      const target = await bridge.chooseNewWorkspacePath(name);
      if (!target) return null;
      const path = checkSaved(await bridge.createWorkspaceFile(target.path, await firstImage()), name);
      return refFor(path, target.name || name);
    },

    async openRecent(ref) {
      const file = await bridge.openWorkspaceFile(ref.location ?? ref.id);
      if (!file) throw new EngineError('workspace/not-found', 'The workspace file is no longer there.', { file: ref.location ?? ref.name });
      return opened(file);
    },

    async openFile() {
      const file = await bridge.openWorkspaceFile();
      return file ? opened(file) : null;
    },

    async save(ref, bytes) {
      checkSaved(await bridge.saveWorkspace(bytes), ref.name);
    },

    async saveAs(ref, bytes) {
      const result = await bridge.saveWorkspaceAs(bytes, ref.name);
      if (!result) return null;
      const path = checkSaved(result, ref.name);
      return refFor(path, ref.name);
    },

    async close() {
      await bridge.closeWorkspaceFile();
    },

    onMenuCommand: (listener) => bridge.onMenuCommand(listener),
  };
}
