import type { MenuCommand } from '../../shared/bridge';

/** A workspace the host can open again: an OPFS entry in the browser, a file path on the desktop. */
export type WorkspaceRef = {
  id: string;
  name: string;
  openedAt: string;
  /** Where it lives, for people (a path on the desktop); null in the browser. */
  location: string | null;
};

/**
 * A workspace image read by the host and not yet accepted by the engine. The host keeps the
 * stored file untouched until `adopt`, and `release` never modifies it: a file the engine
 * refuses (empty, foreign, corrupt, newer) stays exactly as it was.
 */
export type OpenedImage = {
  /** The workspace's name (the engine shows it as the workspace title). */
  name: string;
  /** What messages call the file: its file name, or the workspace name for browser-stored ones. */
  fileName: string;
  bytes: Uint8Array;
  /** `name` is the workspace's own name, as the engine read it from the image. */
  adopt(name: string): Promise<WorkspaceRef>;
  release(): Promise<void>;
};

/** Where workspaces live. The renderer talks to the engine the same way in both; only storage differs. */
export type Host = {
  kind: 'browser' | 'desktop';
  /** Label of the "keep a copy elsewhere" action: a download in the browser, Save As on the desktop. */
  saveAsLabel: string;
  listRecent(): Promise<WorkspaceRef[]>;
  /** Picks where a new workspace goes (null if the person cancels), then stores its first image. */
  createWorkspace(name: string, firstImage: () => Promise<Uint8Array>): Promise<WorkspaceRef | null>;
  openRecent(ref: WorkspaceRef): Promise<OpenedImage>;
  /** Asks for a workspace file; null if the person cancels. */
  openFile(): Promise<OpenedImage | null>;
  /** Replaces the stored image atomically; on failure the previous image is intact. Throws EngineError. */
  save(ref: WorkspaceRef, bytes: Uint8Array): Promise<void>;
  /** Browser: downloads a copy (same ref). Desktop: Save As, which makes the new file current. */
  saveAs(ref: WorkspaceRef, bytes: Uint8Array): Promise<WorkspaceRef | null>;
  close(ref: WorkspaceRef): Promise<void>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
};

/** "Q1 costs.costbook" from a workspace name, without characters file systems refuse. */
export function fileNameFor(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim() || 'Workspace';
  return `${safe}.costbook`;
}

/** The workspace name a file name suggests: "Q1 costs.costbook" -> "Q1 costs". */
export function nameFromFileName(fileName: string): string {
  return fileName.replace(/\.costbook$/i, '').trim() || 'Workspace';
}
