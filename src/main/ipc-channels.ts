/**
 * Channel names and the reply envelope shared by the preload and the main process. Constants and
 * types only: the sandboxed preload bundles this file and may not pull in anything else.
 */
import type { CostbookBridge, MenuCommand } from '../shared/bridge';
import type { EngineErrorPayload } from '../shared/errors';

export const IPC_PREFIX = 'costbook:';
/** main → renderer: a File menu command. */
export const MENU_COMMAND_CHANNEL = `${IPC_PREFIX}menuCommand`;
/** renderer → main: a menu listener is subscribed, queued commands may be delivered. */
export const MENU_READY_CHANNEL = `${IPC_PREFIX}menuReady`;

/** Bridge methods that are a round trip to main (`platform` is a constant, menus are pushed). */
export type InvokedMethod = Exclude<keyof CostbookBridge, 'platform' | 'onMenuCommand'>;

// A Record keyed by every method: adding one to CostbookBridge without wiring it fails to compile.
const INVOKED: Record<InvokedMethod, true> = {
  chooseNewWorkspacePath: true,
  openWorkspaceFile: true,
  saveWorkspace: true,
  saveWorkspaceAs: true,
  createWorkspaceFile: true,
  closeWorkspaceFile: true,
  recentWorkspaces: true,
};
export const INVOKED_METHODS = Object.keys(INVOKED).filter((k): k is InvokedMethod => k in INVOKED);

export const channelOf = (method: InvokedMethod): string => `${IPC_PREFIX}${method}`;

const MENU: Record<MenuCommand, true> = { new: true, open: true, 'save-as': true, close: true, demo: true, import: true };
export const MENU_COMMANDS = Object.keys(MENU).filter((k): k is MenuCommand => k in MENU);

export function isMenuCommand(v: unknown): v is MenuCommand {
  return typeof v === 'string' && Object.hasOwn(MENU, v);
}

/**
 * What every handler replies. ipcMain.handle turns a thrown error into a bare message, so the
 * error code would be lost; the preload unwraps this and rejects with the payload instead.
 */
export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: EngineErrorPayload };
