/**
 * Which URLs count as the app itself. Kept free of Electron so navigation guards, the IPC sender
 * check and the protocol handler agree on one definition, and tests can call it directly.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The origin of a URL, or null when it has none we could trust. Node's URL reports the origin of
 * any non-http scheme as "null", so app:// is compared by scheme and host explicitly.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password) return null;
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST ? APP_ORIGIN : null;
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin;
  return null;
}

/** The origins the app's own pages are served from: app:// and, in development only, the Vite dev server. */
export function trustedOrigins(devServerUrl?: string): readonly string[] {
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  return dev ? [APP_ORIGIN, dev] : [APP_ORIGIN];
}

export function isTrustedUrl(url: string, trusted: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && trusted.includes(origin);
}

/** Links the app may hand to the OS browser: https only, no credentials, sane length. */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > 2048) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && !parsed.username && !parsed.password && parsed.hostname !== '';
  } catch {
    return false;
  }
}
