import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as ServeWeb from '../../../scripts/serve-web.mjs';

vi.mock('electron', () => ({}));

// A plain .mjs script (it runs without a build step), loaded by URL; its types are in serve-web.d.mts.
const web: typeof ServeWeb = await import(/* @vite-ignore */ new URL('../../../scripts/serve-web.mjs', import.meta.url).href);
const { RENDERER_CSP } = await import('../../../src/main/csp');

let base: string;
let root: string;
let server: ServeWeb.WebServer;

/** Raw GET, so paths like /../x reach the server unnormalised. */
function get(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'costbook-web-'));
  root = join(base, 'web');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Costbook</title>');
  writeFileSync(join(root, 'assets', 'sql-wasm.wasm'), new Uint8Array([0, 97, 115, 109]));
  writeFileSync(join(root, 'assets', 'index.js'), 'export {}');
  writeFileSync(join(root, 'assets', 'worker.mjs'), 'export {}');
  writeFileSync(join(base, 'secret.txt'), 'not served');
  server = await web.serveWeb({ port: 0, root });
});

afterAll(async () => {
  await server.close();
  rmSync(base, { recursive: true, force: true });
});

describe('serve-web', () => {
  it('serves index.html at / on 127.0.0.1 with the CSP and COOP headers', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Costbook');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('sends the MIME types browsers insist on for modules and wasm', async () => {
    expect((await get('/assets/sql-wasm.wasm')).headers['content-type']).toBe('application/wasm');
    expect((await get('/assets/index.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/worker.mjs')).headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('refuses .. in any spelling and answers 404 for missing files', async () => {
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/..\\secret.txt']) {
      const res = await get(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.body, path).not.toContain('not served');
    }
    expect((await get('/missing.js')).status).toBe(404);
  });

  it('falls back to a free port when the requested one is taken', async () => {
    const second = await web.serveWeb({ port: server.port, root });
    try {
      expect(second.port).not.toBe(server.port);
    } finally {
      await second.close();
    }
  });

  it('uses the same CSP as the desktop app', () => {
    expect(web.WEB_CSP).toBe(RENDERER_CSP);
  });
});
