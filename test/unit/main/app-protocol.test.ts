import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { createAppProtocolHandler, registerAppScheme, resolveAppPath, serveAppProtocol } = await import(
  '../../../src/main/app-protocol'
);
const { RENDERER_CSP } = await import('../../../src/main/csp');

let root: string;
let outside: string;

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'costbook-protocol-'));
  root = join(base, 'renderer');
  outside = base;
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Costbook</title>');
  writeFileSync(join(root, 'assets', 'engine.wasm'), new Uint8Array([0, 97, 115, 109]));
  writeFileSync(join(root, 'assets', 'main.js'), 'export {}');
  writeFileSync(join(base, 'secret.txt'), 'not for the renderer');
});

afterAll(() => {
  rmSync(outside, { recursive: true, force: true });
});

describe('resolveAppPath', () => {
  it('maps app://app/ URLs inside the renderer folder', () => {
    expect(resolveAppPath(root, 'app://app/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://app/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://app/assets/main.js?v=1#x')).toBe(join(root, 'assets', 'main.js'));
  });

  it('refuses traversal in every spelling, other hosts and other schemes', () => {
    for (const url of [
      'app://app/..%2fsecret.txt',
      'app://app/assets/..%2F..%2Fsecret.txt',
      'app://app/%2e%2e%2fsecret.txt',
      'app://app/assets%5c..%5c..%5csecret.txt',
      'app://app/%00index.html',
      'app://app/%E0%A4%A',
      'app://evil/index.html',
      'file:///etc/passwd',
    ]) {
      expect(resolveAppPath(root, url), url).toBeNull();
    }
  });

  it('never resolves a path outside the root, even after URL normalisation', () => {
    const resolved = resolveAppPath(root, 'app://app/../secret.txt');
    expect(resolved === null || resolved.startsWith(root)).toBe(true);
  });
});

describe('app:// handler', () => {
  const handler = () => createAppProtocolHandler(root);

  it('serves files with their MIME type and the CSP header', async () => {
    const html = await handler()(new Request('app://app/index.html'));
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(await html.text()).toContain('Costbook');
    const wasm = await handler()(new Request('app://app/assets/engine.wasm'));
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    const js = await handler()(new Request('app://app/assets/main.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 403 to traversal and 404 to missing files', async () => {
    const traversal = await handler()(new Request('app://app/..%2fsecret.txt'));
    expect(traversal.status).toBe(403);
    expect(await traversal.text()).not.toContain('not for the renderer');
    expect((await handler()(new Request('app://app/nope.js'))).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await handler()(new Request('app://app/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('the CSP never allows eval and keeps the page self-contained', () => {
    expect(RENDERER_CSP).toContain("default-src 'none'");
    expect(RENDERER_CSP).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(RENDERER_CSP).not.toContain("'unsafe-eval'");
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
  });
});

describe('registration', () => {
  it('registers app as a standard, secure scheme and handles it', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    serveAppProtocol(protocol, root);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});
