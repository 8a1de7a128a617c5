/**
 * The one place that builds a BrowserWindow. Every window gets the same locked-down preferences;
 * callers cannot pass their own webPreferences, and a unit test pins the exact set.
 */
import { BrowserWindow } from 'electron';
import type { WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    webviewTag: false,
    spellcheck: false,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // Dropping a file outside the app's drop zone must not navigate the window to file://.
    navigateOnDragDrop: false,
  } satisfies WebPreferences;
}

export type AppWindowOptions = {
  preloadPath: string;
  title?: string;
  width?: number;
  height?: number;
};

export function createAppWindow(options: AppWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: options.title ?? 'Costbook',
    width: options.width ?? 1280,
    height: options.height ?? 840,
    minWidth: 900,
    minHeight: 600,
    // Shown on ready-to-show so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  return window;
}
