/**
 * The main-process side of `window.costbook`. Every handler first checks that the call comes from
 * the app's own page (checklist #17), then validates its arguments, then does the work through
 * the WorkspaceSession. Replies use the IpcReply envelope so error codes survive the trip.
 */
import { isAbsolute } from 'node:path';
import type { CostbookBridge, MenuCommand } from '../shared/bridge';
import { EngineError } from '../shared/errors';
import type { EngineErrorPayload } from '../shared/errors';
import { MAX_WORKSPACE_BYTES } from '../node/workspace-file';
import type { WorkspaceDialogs } from './dialogs';
import { channelOf, INVOKED_METHODS, MENU_READY_CHANNEL } from './ipc-channels';
import type { InvokedMethod, IpcReply } from './ipc-channels';
import { isTrustedUrl } from './origins';
import { workspaceNameOf } from './workspace-paths';
import type { WorkspaceSession } from './workspace-session';

const MAX_PATH_LENGTH = 4096;
const MAX_NAME_LENGTH = 255;

/** The part of an IPC event the sender check reads; senderFrame is null once the frame is gone. */
export type IpcSender = { senderFrame: { url: string } | null };

function refused(message: string, details: Record<string, unknown> = {}): EngineError {
  // No dedicated code for a refused call; it means a bug or an attack, never a user mistake.
  return new EngineError('engine/internal', message, details);
}

export function assertTrustedSender(event: IpcSender, trusted: readonly string[]): void {
  const url = event.senderFrame?.url ?? null;
  if (url === null || !isTrustedUrl(url, trusted)) {
    throw refused('Refused a call from a page that is not Costbook.', { sender: url });
  }
}

function expectArgCount(args: readonly unknown[], min: number, max: number): void {
  if (args.length < min || args.length > max) refusedArgs(`expected ${min}–${max} arguments, got ${args.length}`);
}

function refusedArgs(why: string): never {
  throw refused(`Refused a call with invalid arguments: ${why}.`);
}

function expectString(v: unknown, what: string, maxLength: number): string {
  if (typeof v !== 'string') refusedArgs(`${what} must be a string`);
  if (v.length === 0 || v.length > maxLength) refusedArgs(`${what} must be 1–${maxLength} characters`);
  if (v.includes('\0')) refusedArgs(`${what} contains a NUL character`);
  return v;
}

function expectPath(v: unknown): string {
  const path = expectString(v, 'path', MAX_PATH_LENGTH);
  if (!isAbsolute(path)) refusedArgs('path must be absolute');
  return path;
}

function expectBytes(v: unknown): Uint8Array {
  if (!(v instanceof Uint8Array)) refusedArgs('bytes must be a Uint8Array');
  if (v.byteLength > MAX_WORKSPACE_BYTES) refusedArgs('bytes exceed the 2 GiB workspace limit');
  return v;
}

type Handlers = { [K in InvokedMethod]: (args: readonly unknown[]) => ReturnType<CostbookBridge[K]> };

export function createHandlers(workspace: WorkspaceSession, dialogs: WorkspaceDialogs): Handlers {
  return {
    chooseNewWorkspacePath: async (args) => {
      expectArgCount(args, 1, 1);
      const suggested = expectString(args[0], 'suggestedName', MAX_NAME_LENGTH);
      const picked = await dialogs.chooseNewPath(suggested);
      if (!picked) return null;
      const path = workspace.chooseNewPath(picked);
      return { path, name: workspaceNameOf(path) };
    },
    openWorkspaceFile: async (args) => {
      expectArgCount(args, 0, 1);
      let path: string | null;
      if (args[0] === undefined) {
        const picked = workspace.takePendingOpen() ?? (await dialogs.chooseOpenPath());
        path = picked ? workspace.allowPicked(picked) : null;
      } else {
        path = expectPath(args[0]);
      }
      return path ? workspace.open(path) : null;
    },
    saveWorkspace: async (args) => {
      expectArgCount(args, 1, 1);
      return workspace.save(expectBytes(args[0]));
    },
    saveWorkspaceAs: async (args) => {
      expectArgCount(args, 2, 2);
      const bytes = expectBytes(args[0]);
      const suggested = expectString(args[1], 'suggestedName', MAX_NAME_LENGTH);
      const picked = await dialogs.chooseSaveAsPath(suggested);
      if (!picked) return null;
      return workspace.saveAs(workspace.allowPicked(picked), bytes);
    },
    createWorkspaceFile: async (args) => {
      expectArgCount(args, 2, 2);
      return workspace.create(expectPath(args[0]), expectBytes(args[1]));
    },
    closeWorkspaceFile: async (args) => {
      expectArgCount(args, 0, 0);
      await workspace.close();
    },
    recentWorkspaces: async (args) => {
      expectArgCount(args, 0, 0);
      return workspace.recentWorkspaces();
    },
  };
}

function toPayload(e: unknown): EngineErrorPayload {
  if (e instanceof EngineError) return e.toPayload();
  console.error('Unexpected error in an IPC handler:', e);
  return { code: 'engine/internal', message: e instanceof Error ? e.message : String(e), details: {} };
}

/** Runs a handler behind the sender check and folds any failure into the reply envelope. */
export async function replyTo<T>(event: IpcSender, trusted: readonly string[], run: () => Promise<T>): Promise<IpcReply<T>> {
  try {
    assertTrustedSender(event, trusted);
    return { ok: true, value: await run() };
  } catch (e) {
    return { ok: false, error: toPayload(e) };
  }
}

/** The slice of Electron's ipcMain used here; tests pass a recorder with the same shape. */
export type IpcRegistry = {
  handle(channel: string, listener: (event: IpcSender, ...args: unknown[]) => unknown): void;
};

export type IpcDeps = {
  ipcMain: IpcRegistry;
  trustedOrigins: readonly string[];
  workspace: WorkspaceSession;
  dialogs: WorkspaceDialogs;
  onMenuReady(): void;
};

/** Registers every bridge channel; returns the channel names (a test checks each is guarded). */
export function registerIpcHandlers(deps: IpcDeps): string[] {
  const handlers = createHandlers(deps.workspace, deps.dialogs);
  const channels: string[] = [];
  for (const method of INVOKED_METHODS) {
    const channel = channelOf(method);
    const handler: (args: readonly unknown[]) => Promise<unknown> = handlers[method];
    deps.ipcMain.handle(channel, (event, ...args: unknown[]) => replyTo(event, deps.trustedOrigins, () => handler(args)));
    channels.push(channel);
  }
  deps.ipcMain.handle(MENU_READY_CHANNEL, (event) =>
    replyTo(event, deps.trustedOrigins, async () => deps.onMenuReady()),
  );
  channels.push(MENU_READY_CHANNEL);
  return channels;
}

/**
 * Menu commands wait until the renderer has subscribed: a file double-clicked at launch, or a
 * menu click during start-up, must not be lost.
 */
export function createMenuCommandQueue(send: (command: MenuCommand) => void) {
  let ready = false;
  const pending: MenuCommand[] = [];
  return {
    post(command: MenuCommand): void {
      if (ready) send(command);
      else if (!pending.includes(command)) pending.push(command);
    },
    markReady(): void {
      ready = true;
      for (const command of pending.splice(0)) send(command);
    },
    /** The page is (re)loading: hold commands until it subscribes again. */
    reset(): void {
      ready = false;
    },
  };
}
