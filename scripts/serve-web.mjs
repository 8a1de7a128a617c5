#!/usr/bin/env node
/**
 * Serves the browser build (out/web) on 127.0.0.1 with the same CSP as the desktop app.
 *   node scripts/serve-web.mjs [root]     PORT=8080 node scripts/serve-web.mjs
 * Tests start it in-process with serveWeb({ port: 0, root }).
 */
import { createReadStream, promises as fsp, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DEFAULT_WEB_ROOT = join(projectRoot, 'out', 'web');
export const DEFAULT_PORT = 5173;

// The same policy and types as the desktop app's app:// handler (src/main/csp.ts).
const policy = JSON.parse(readFileSync(join(projectRoot, 'resources', 'web-policy.json'), 'utf8'));
export const WEB_CSP = policy.csp.join('; ');
const MIME_TYPES = policy.mimeTypes;

const SECURITY_HEADERS = {
  'Content-Security-Policy': WEB_CSP,
  // Also gives the page cross-origin isolation-friendly defaults for OPFS and workers.
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

/** Maps a request path to a file inside root, or null for `..` (in any encoding), NUL or an escape. */
export function resolveStaticPath(root, requestUrl) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://127.0.0.1').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  // Check the raw URL too: the URL parser already folds plain "/../" away.
  const raw = requestUrl.split(/[?#]/)[0];
  let rawDecoded;
  try {
    rawDecoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const segments = (p) => p.split(/[\\/]+/);
  if (segments(pathname).includes('..') || segments(rawDecoded).includes('..')) return null;
  const base = resolve(root);
  const parts = segments(pathname).filter((s) => s !== '' && s !== '.');
  const full = resolve(base, parts.length > 0 ? parts.join('/') : 'index.html');
  const inside = relative(base, full);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return full;
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

function handler(root) {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
    let file = resolveStaticPath(root, req.url ?? '/');
    if (!file) return send(res, 403, 'Forbidden');
    let stat;
    try {
      stat = await fsp.stat(file);
      if (stat.isDirectory()) {
        file = join(file, 'index.html');
        stat = await fsp.stat(file);
      }
    } catch {
      return send(res, 404, 'Not found');
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': stat.size,
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}

function listen(server, port, host) {
  return new Promise((resolvePort, reject) => {
    const onError = (error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolvePort(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Starts the server. When `port` is taken it falls back to a free one, so a second copy or a
 * busy 5173 never stops the app from starting. Returns { url, port, close }.
 */
export async function serveWeb({ port = DEFAULT_PORT, root = DEFAULT_WEB_ROOT, host = '127.0.0.1' } = {}) {
  const server = createServer(handler(root));
  let actual;
  try {
    actual = await listen(server, port, host);
  } catch (error) {
    if (error?.code !== 'EADDRINUSE') throw error;
    actual = await listen(server, 0, host);
  }
  return {
    url: `http://${host}:${actual}/`,
    port: actual,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

async function main() {
  const root = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_WEB_ROOT;
  try {
    await fsp.access(join(root, 'index.html'));
  } catch {
    console.error(`Nothing to serve: ${join(root, 'index.html')} is missing. Build it first with: npm run build:web`);
    process.exit(1);
  }
  const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
  const { url, close } = await serveWeb({ port: Number.isInteger(port) && port >= 0 ? port : DEFAULT_PORT, root });
  console.log(`Costbook is running at ${url}`);
  const stop = () => close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
