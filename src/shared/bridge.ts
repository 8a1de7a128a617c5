/**
 * `window.costbook`: what the desktop preload exposes to the renderer. Named methods only; no
 * channel names, no ipcRenderer, no generic file access. The browser build has no bridge and uses
 * its own host (origin-private file system) instead.
 */

export type RecentWorkspace = { path: string; name: string; openedAt: string };

export type OpenedWorkspaceFile = {
  path: string;
  name: string;
  bytes: Uint8Array;
};

export type SaveResult = { ok: true; path: string; savedAt: string } | { ok: false; code: string; message: string };

export type MenuCommand = 'new' | 'open' | 'save-as' | 'close' | 'demo' | 'import';

export type CostbookBridge = {
  readonly platform: 'desktop';
  /** Asks where to create a new workspace file; returns null when the user cancels. */
  chooseNewWorkspacePath(suggestedName: string): Promise<{ path: string; name: string } | null>;
  /** Opens a workspace file (a dialog when no path is given) and takes its write lock. */
  openWorkspaceFile(path?: string): Promise<OpenedWorkspaceFile | null>;
  /** Atomically writes the image to the current workspace file (temp file, fsync, rename, backup). */
  saveWorkspace(bytes: Uint8Array): Promise<SaveResult>;
  /** Asks for a new path, saves there and makes it the current workspace file. */
  saveWorkspaceAs(bytes: Uint8Array, suggestedName: string): Promise<SaveResult | null>;
  /** Makes the chosen path current (after chooseNewWorkspacePath) and writes the first image. */
  createWorkspaceFile(path: string, bytes: Uint8Array): Promise<SaveResult>;
  /** Releases the current file's lock. */
  closeWorkspaceFile(): Promise<void>;
  recentWorkspaces(): Promise<RecentWorkspace[]>;
  /** Subscribes to File menu commands; returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
};

declare global {
  interface Window {
    costbook?: CostbookBridge;
  }
}
