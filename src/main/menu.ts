/**
 * The application menu. File commands are not handled here: each one is sent to the renderer,
 * which owns the workspace state (unsaved changes, the engine) and calls back through the bridge.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, RecentWorkspace } from '../shared/bridge';

export type MenuActions = {
  command(command: MenuCommand): void;
  /** "Open…": always shows the dialog, even if a path from the OS is still pending. */
  openDialog(): void;
  openRecent(path: string): void;
};

export type MenuOptions = {
  isMac: boolean;
  isDev: boolean;
  recent: readonly RecentWorkspace[];
  actions: MenuActions;
};

function recentSubmenu(recent: readonly RecentWorkspace[], actions: MenuActions): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ label: 'No Recent Workspaces', enabled: false }];
  return recent.map((r) => ({ label: r.name, sublabel: r.path, toolTip: r.path, click: () => actions.openRecent(r.path) }));
}

export function buildMenuTemplate({ isMac, isDev, recent, actions }: MenuOptions): MenuItemConstructorOptions[] {
  const none: MenuItemConstructorOptions[] = [];
  const quit: MenuItemConstructorOptions[] = [{ type: 'separator' }, { role: 'quit' }];
  // Reload and devtools only while developing: a reload would drop unsaved engine state.
  const devTools: MenuItemConstructorOptions[] = [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  const appMenu: MenuItemConstructorOptions[] = [{ role: 'appMenu' }];
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Workspace…', accelerator: 'CmdOrCtrl+N', click: () => actions.command('new') },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.openDialog() },
      { label: 'Open Recent', submenu: recentSubmenu(recent, actions) },
      { type: 'separator' },
      { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.command('save-as') },
      { label: 'Close Workspace', accelerator: 'CmdOrCtrl+Shift+W', click: () => actions.command('close') },
      { type: 'separator' },
      { label: 'Import Files…', accelerator: 'CmdOrCtrl+I', click: () => actions.command('import') },
      { label: 'Open Demo Workspace', click: () => actions.command('demo') },
      ...(isMac ? none : quit),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(isDev ? devTools : none),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  return [
    ...(isMac ? appMenu : none),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ];
}
