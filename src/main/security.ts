/**
 * Guards applied to every web contents the app creates (reliability.md §1.4): no navigation away
 * from the app, no new windows, no <webview>, no permissions. Electron is only touched through the
 * objects passed in, so the unit tests drive these with fakes.
 */
import type { App, Session, WebContents } from 'electron';
import { isSafeExternalUrl, isTrustedUrl } from './origins';

type NavigationEvent = { url: string; preventDefault(): void };

/** Opens an https link in the user's browser; every other window request is simply denied. */
export type OpenExternal = (url: string) => void;

export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  trusted: readonly string[],
  openExternal: OpenExternal,
): void {
  const guard = (event: NavigationEvent) => {
    if (!isTrustedUrl(event.url, trusted)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/**
 * Electron approves every permission request by default. The app needs none (no camera, no
 * notifications, no clipboard read), so every request and check is refused.
 */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Hooks the guards onto every web contents, including ones created later (devtools, popups). */
export function installSecurityHandlers(
  app: Pick<App, 'on'>,
  trusted: readonly string[],
  openExternal: OpenExternal,
): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, trusted, openExternal);
    denyAllPermissions(contents.session);
  });
}
