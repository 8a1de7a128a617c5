/**
 * Electron main: lifecycle only. One instance per user (a second one hands its file over and
 * quits), one window, the File menu, and the IPC handlers. Security policy, the window factory,
 * the protocol and the workspace state live in their own small modules.
 */
import { app, BrowserWindow, ipcMain, Menu, protocol, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { MenuCommand } from '../shared/bridge';
import { cleanStaleTempFiles } from '../node/workspace-file';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { createWorkspaceDialogs } from './dialogs';
import { createMenuCommandQueue, registerIpcHandlers } from './ipc';
import { MENU_COMMAND_CHANNEL } from './ipc-channels';
import { buildMenuTemplate } from './menu';
import { APP_ENTRY_URL, trustedOrigins } from './origins';
import { denyAllPermissions, installSecurityHandlers } from './security';
import { createAppWindow } from './window';
import { workspacePathFromArgv } from './workspace-paths';
import { WorkspaceSession } from './workspace-session';

const STALE_TEMP_MS = 10 * 60 * 1000;
const outDir = join(import.meta.dirname, '..');
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

/**
 * A sandboxed preload cannot be an ES module, so it must be built as CommonJS (index.cjs or
 * index.js); an index.mjs would fail to load and leave the page without `window.costbook`.
 */
function findPreload(): string {
  const dir = join(outDir, 'preload');
  for (const name of ['index.cjs', 'index.js']) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  console.error('No CommonJS preload in out/preload: set the preload output format to "cjs" in electron.vite.config.ts.');
  return join(dir, 'index.mjs');
}

function focus(window: BrowserWindow | null): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

function start(): void {
  const trusted = trustedOrigins(devServerUrl);
  let mainWindow: BrowserWindow | null = null;
  const commands = createMenuCommandQueue((command: MenuCommand) =>
    mainWindow?.webContents.send(MENU_COMMAND_CHANNEL, command),
  );
  let workspace: WorkspaceSession | null = null;
  let pendingOsPath = workspacePathFromArgv(process.argv, process.cwd());

  /** On macOS the app outlives its window; a file or a second launch brings one back. */
  const showWindow = () => {
    if (!mainWindow && app.isReady()) mainWindow = openMainWindow();
    focus(mainWindow);
  };

  /** A file from the OS: remembered, then the renderer is asked to run its own Open flow. */
  const openFromOs = (path: string) => {
    if (workspace) workspace.requestOpen(path);
    else pendingOsPath = path;
    commands.post('open');
    showWindow();
  };

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const path = workspacePathFromArgv(argv, workingDirectory);
    if (path) openFromOs(path);
    else showWindow();
  });
  // macOS delivers double-clicked files this way, possibly before ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFromOs(path);
  });

  installSecurityHandlers(app, trusted, (url) => void shell.openExternal(url));

  const rebuildMenu = () => {
    const template = buildMenuTemplate({
      isMac: process.platform === 'darwin',
      isDev: devServerUrl !== undefined,
      recent: workspace?.recentWorkspaces() ?? [],
      actions: {
        command: (command) => commands.post(command),
        openDialog: () => {
          workspace?.clearPendingOpen();
          commands.post('open');
        },
        openRecent: (path) => openFromOs(path),
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const openMainWindow = () => {
    const window = createAppWindow({ preloadPath: findPreload() });
    window.webContents.on('did-start-loading', () => commands.reset());
    window.on('closed', () => {
      // The page that held the workspace is gone; a new window starts without one.
      workspace?.closeNow();
      commands.reset();
      if (mainWindow === window) mainWindow = null;
    });
    void window.loadURL(devServerUrl ?? APP_ENTRY_URL);
    return window;
  };

  app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    if (!devServerUrl) serveAppProtocol(protocol, join(outDir, 'renderer'));
    const ws = new WorkspaceSession({
      recentFile: join(app.getPath('userData'), 'recent-workspaces.json'),
      onRecentChanged: () => rebuildMenu(),
    });
    workspace = ws;
    if (pendingOsPath) {
      ws.requestOpen(pendingOsPath);
      commands.post('open');
    }
    pendingOsPath = null;
    registerIpcHandlers({
      ipcMain,
      trustedOrigins: trusted,
      workspace: ws,
      dialogs: createWorkspaceDialogs(() => mainWindow, () => app.getPath('documents')),
      onMenuReady: () => commands.markReady(),
    });
    rebuildMenu();
    mainWindow = openMainWindow();
    // Saves killed mid-way (crash, power loss) leave temp files that no exit handler removed.
    for (const recent of ws.recentWorkspaces()) {
      void cleanStaleTempFiles(dirname(recent.path), basename(recent.path), STALE_TEMP_MS);
    }
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) showWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => workspace?.closeNow());
}

// Both must happen before the app is ready.
registerAppScheme(protocol);
app.enableSandbox();

if (app.requestSingleInstanceLock()) start();
else app.quit();
