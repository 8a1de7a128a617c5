/**
 * What the main process remembers about workspace files: the one currently open and its write
 * lock, the recent list, and which paths the renderer may name. No Electron import, so the IPC
 * tests exercise it against real temp folders.
 *
 * The renderer is not trusted with arbitrary paths: it may open only a path the user picked in a
 * dialog, a recent workspace, or one the OS handed to the app; it may create only the path the
 * last "new workspace" dialog returned.
 */
import { basename, dirname, resolve } from 'node:path';
import type { OpenedWorkspaceFile, RecentWorkspace, SaveResult } from '../shared/bridge';
import { EngineError } from '../shared/errors';
import {
  acquireWorkspaceLock,
  cleanStaleTempFiles,
  readWorkspaceFile,
  writeWorkspaceFileAtomic,
} from '../node/workspace-file';
import type { WorkspaceLock } from '../node/workspace-file';
import { loadRecentWorkspaces, saveRecentWorkspaces, withRecent } from './recent-files';
import { workspaceNameOf } from './workspace-paths';

/** Temp files older than this cannot belong to a save still in progress. */
const STALE_TEMP_MS = 10 * 60 * 1000;

export type WorkspaceSessionOptions = {
  recentFile: string;
  lockStaleMs?: number;
  now?: () => Date;
  onRecentChanged?: (recent: readonly RecentWorkspace[]) => void;
};

type OpenFile = { path: string; lock: WorkspaceLock };

function saveFailure(e: unknown): SaveResult & { ok: false } {
  if (e instanceof EngineError) return { ok: false, code: e.code, message: e.message };
  return { ok: false, code: 'workspace/save-failed', message: e instanceof Error ? e.message : String(e) };
}

export class WorkspaceSession {
  private current: OpenFile | null = null;
  private recent: RecentWorkspace[];
  private pendingOpen: string | null = null;
  private chosenNewPath: string | null = null;
  private readonly picked = new Set<string>();
  // Saves, opens and closes run one at a time: two renames racing could land an older image last.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: WorkspaceSessionOptions) {
    this.recent = loadRecentWorkspaces(options.recentFile);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  currentPath(): string | null {
    return this.current?.path ?? null;
  }

  recentWorkspaces(): RecentWorkspace[] {
    return [...this.recent];
  }

  /** A path the user picked in an open or save dialog. */
  allowPicked(path: string): string {
    const full = resolve(path);
    this.picked.add(full);
    return full;
  }

  /** A path the OS asked us to open (command line, second instance, Finder); the next open without a path uses it. */
  requestOpen(path: string): void {
    this.pendingOpen = this.allowPicked(path);
  }

  takePendingOpen(): string | null {
    const path = this.pendingOpen;
    this.pendingOpen = null;
    return path;
  }

  clearPendingOpen(): void {
    this.pendingOpen = null;
  }

  /** Remembers the path the "new workspace" dialog returned: the only one createWorkspaceFile accepts. */
  chooseNewPath(path: string): string {
    this.chosenNewPath = resolve(path);
    return this.chosenNewPath;
  }

  mayOpen(path: string): boolean {
    const full = resolve(path);
    return this.picked.has(full) || this.current?.path === full || this.recent.some((r) => resolve(r.path) === full);
  }

  private remember(path: string): void {
    this.recent = withRecent(this.recent, { path, name: workspaceNameOf(path), openedAt: this.now().toISOString() });
    saveRecentWorkspaces(this.options.recentFile, this.recent);
    this.options.onRecentChanged?.(this.recentWorkspaces());
  }

  private lock(path: string): WorkspaceLock {
    return acquireWorkspaceLock(path, { staleMs: this.options.lockStaleMs });
  }

  /** Makes `path` current: takes its lock first, so nothing else writes it while we read. */
  open(path: string): Promise<OpenedWorkspaceFile> {
    return this.serial(async () => {
      const full = resolve(path);
      if (!this.mayOpen(full)) {
        throw new EngineError('engine/internal', 'The app did not offer this file to open.', { file: full });
      }
      await cleanStaleTempFiles(dirname(full), basename(full), STALE_TEMP_MS);
      if (this.current?.path === full) {
        const bytes = await readWorkspaceFile(full);
        return { path: full, name: workspaceNameOf(full), bytes };
      }
      const lock = this.lock(full);
      let bytes: Uint8Array;
      try {
        bytes = await readWorkspaceFile(full);
      } catch (e) {
        lock.release();
        throw e;
      }
      this.current?.lock.release();
      this.current = { path: full, lock };
      this.remember(full);
      return { path: full, name: workspaceNameOf(full), bytes };
    });
  }

  save(bytes: Uint8Array): Promise<SaveResult> {
    return this.serial(() => this.writeCurrent(bytes));
  }

  private async writeCurrent(bytes: Uint8Array): Promise<SaveResult> {
    const current = this.current;
    if (!current) return { ok: false, code: 'workspace/none-open', message: 'No workspace file is open.' };
    if (!current.lock.isHeld()) {
      return {
        ok: false,
        code: 'workspace/locked',
        message: `${basename(current.path)} was taken over by another process; not saving over its changes.`,
      };
    }
    try {
      await writeWorkspaceFileAtomic(current.path, bytes);
      return { ok: true, path: current.path, savedAt: this.now().toISOString() };
    } catch (e) {
      return saveFailure(e);
    }
  }

  /** Writes to a new path and makes it current; the previous file's lock is released only on success. */
  saveAs(path: string, bytes: Uint8Array): Promise<SaveResult> {
    const full = resolve(path);
    return this.serial(async () => {
      if (this.current?.path === full) return this.writeCurrent(bytes);
      let lock: WorkspaceLock;
      try {
        lock = this.lock(full);
      } catch (e) {
        return saveFailure(e);
      }
      try {
        await writeWorkspaceFileAtomic(full, bytes);
      } catch (e) {
        lock.release();
        return saveFailure(e);
      }
      this.current?.lock.release();
      this.current = { path: full, lock };
      this.picked.add(full);
      this.remember(full);
      return { ok: true, path: full, savedAt: this.now().toISOString() };
    });
  }

  async create(path: string, bytes: Uint8Array): Promise<SaveResult> {
    const full = resolve(path);
    if (this.chosenNewPath !== full) {
      return { ok: false, code: 'workspace/save-failed', message: 'This path was not chosen in the New Workspace dialog.' };
    }
    const result = await this.saveAs(full, bytes);
    // Kept after a failure so the renderer can retry the same path.
    if (result.ok) this.chosenNewPath = null;
    return result;
  }

  close(): Promise<void> {
    return this.serial(async () => this.closeNow());
  }

  /** Synchronous release for app shutdown, where nothing may be awaited. */
  closeNow(): void {
    this.current?.lock.release();
    this.current = null;
  }
}
