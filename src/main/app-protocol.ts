/**
 * Serves the built renderer from app://app/ instead of file:// (reliability.md §1.1 item 18):
 * a real origin for the IPC and navigation checks, and no access to the rest of the disk.
 */
import { promises as fsp } from 'node:fs';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import type { Protocol } from 'electron';
import { MIME_TYPES, RENDERER_CSP } from './csp';
import { APP_HOST, APP_SCHEME } from './origins';


export function mimeTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every response: the worker script gets its CSP from its own response, not the page's. */
export const APP_RESPONSE_HEADERS = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
} satisfies Record<string, string>;

/** Must run before the app is ready: a standard, secure scheme gets an origin, fetch and workers. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true } },
  ]);
}

/**
 * Maps an app:// URL to a file inside `root`, or null. Refuses other hosts, `..` in any form
 * (also percent-encoded), NUL bytes and anything that resolves outside the root.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const segments = pathname.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return null;
  const rootDir = resolve(root);
  const full = resolve(rootDir, segments.length > 0 ? segments.join('/') : 'index.html');
  const inside = relative(rootDir, full);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return full;
}

type ReadFile = (path: string) => Promise<Uint8Array<ArrayBuffer>>;

/** The protocol handler as a plain function of a Request, so tests can call it without Electron. */
export function createAppProtocolHandler(
  root: string,
  readFile: ReadFile = (p) => fsp.readFile(p),
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: APP_RESPONSE_HEADERS });
    }
    const file = resolveAppPath(root, request.url);
    if (!file) return new Response('Forbidden', { status: 403, headers: APP_RESPONSE_HEADERS });
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await readFile(file);
    } catch {
      return new Response('Not found', { status: 404, headers: APP_RESPONSE_HEADERS });
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': mimeTypeOf(file) },
    });
  };
}

export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root));
}
