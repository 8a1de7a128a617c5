/**
 * Grep gates for what static analysers miss (reliability.md §1.2, checklist A.2): a window built
 * outside the factory, a weakened preference, an IPC handler outside the guarded registry.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { RENDERER_CSP } = await import('../../../src/main/csp');

const projectRoot = resolve(import.meta.dirname, '../../..');

function sources(dir: string): Array<{ file: string; text: string }> {
  const full = join(projectRoot, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f))
    .map((f) => ({ file: relative(projectRoot, join(full, f)), text: readFileSync(join(full, f), 'utf8') }));
}

const electronSide = [...sources('src/main'), ...sources('src/preload')];

describe('source gates', () => {
  it('builds BrowserWindows only in the window factory', () => {
    const offenders = electronSide.filter(({ file, text }) => /new\s+BrowserWindow\s*\(/.test(text) && !file.endsWith('main/window.ts'));
    expect(offenders.map((o) => o.file)).toEqual([]);
  });

  it('never weakens a security preference', () => {
    const weak = /(nodeIntegration\w*|allowRunningInsecureContent|webviewTag|experimentalFeatures)\s*:\s*true|(sandbox|contextIsolation|webSecurity)\s*:\s*false|enableBlinkFeatures/;
    expect(electronSide.filter(({ text }) => weak.test(text)).map((o) => o.file)).toEqual([]);
  });

  it('registers IPC handlers only through the guarded registry in ipc.ts', () => {
    const offenders = electronSide.filter(
      ({ file, text }) => /ipcMain\.(handle|on)\s*\(|\.handle\(\s*['"`]costbook:/.test(text) && !file.endsWith('main/ipc.ts'),
    );
    expect(offenders.map((o) => o.file)).toEqual([]);
  });

  it('never hands ipcRenderer itself to the page', () => {
    const preload = electronSide.filter(({ file }) => file.startsWith('src/preload'));
    expect(preload.length).toBeGreaterThan(0);
    for (const { text } of preload) {
      expect(text).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
      expect(text).not.toMatch(/\bsend\s*:\s*\(\s*channel/);
    }
  });

  it('the renderer meta CSP matches the header CSP (minus frame-ancestors, which meta tags ignore)', () => {
    const html = join(projectRoot, 'src/renderer/index.html');
    if (!existsSync(html)) return;
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(html, 'utf8'));
    expect(meta, 'index.html has no CSP meta tag').not.toBeNull();
    const directives = (csp: string) =>
      csp
        .split(';')
        .map((d) => d.trim().replace(/\s+/g, ' '))
        .filter((d) => d !== '' && !d.startsWith('frame-ancestors'))
        .sort();
    expect(directives(meta?.[1] ?? '')).toEqual(directives(RENDERER_CSP));
  });
});
