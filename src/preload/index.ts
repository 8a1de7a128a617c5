/**
 * `window.costbook`: named methods only, each one IPC round trip on a `costbook:` channel.
 * ipcRenderer itself, channel names and the IPC event never reach the page. Runs sandboxed, so
 * it imports nothing but 'electron' and constants bundled in at build time.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { CostbookBridge, MenuCommand } from '../shared/bridge';
import { channelOf, isMenuCommand, MENU_COMMAND_CHANNEL, MENU_READY_CHANNEL } from '../main/ipc-channels';
import type { InvokedMethod, IpcReply } from '../main/ipc-channels';

/**
 * Rejects with the plain {code, message, details} payload: contextBridge copies plain objects
 * intact but strips custom fields (the code) from Error instances.
 */
async function call<T>(method: InvokedMethod, ...args: unknown[]): Promise<T> {
  const reply: IpcReply<T> = await ipcRenderer.invoke(channelOf(method), ...args);
  if (reply.ok) return reply.value;
  return Promise.reject(reply.error);
}

const api = {
  platform: 'desktop',
  chooseNewWorkspacePath: (suggestedName) => call('chooseNewWorkspacePath', suggestedName),
  openWorkspaceFile: (path) => (path === undefined ? call('openWorkspaceFile') : call('openWorkspaceFile', path)),
  saveWorkspace: (bytes) => call('saveWorkspace', bytes),
  saveWorkspaceAs: (bytes, suggestedName) => call('saveWorkspaceAs', bytes, suggestedName),
  createWorkspaceFile: (path, bytes) => call('createWorkspaceFile', path, bytes),
  closeWorkspaceFile: () => call('closeWorkspaceFile'),
  recentWorkspaces: () => call('recentWorkspaces'),
  onMenuCommand: (listener: (command: MenuCommand) => void) => {
    // The page gets the command only, never the IPC event (it carries the sender).
    const relay = (_event: IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, relay);
    void ipcRenderer.invoke(MENU_READY_CHANNEL);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, relay);
    };
  },
} satisfies CostbookBridge;

contextBridge.exposeInMainWorld('costbook', api);
