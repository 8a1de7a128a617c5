/**
 * The built desktop app, driven through Playwright's Electron driver. Needs `electron-vite build`
 * first (out/main/index.js) and an Electron binary. Electron 45 downloads its binary on first
 * use, which fails offline, so where none is installed this spec reports itself skipped.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { _electron, expect, test } from '@playwright/test';

const projectRoot = resolve(import.meta.dirname, '../..');
const mainEntry = join(projectRoot, 'out', 'main', 'index.js');

/**
 * Where the binary would be, read the way electron/index.js reads it but without its download
 * fallback (the same check as scripts/start.mjs).
 */
function findElectronBinary(): { binary: string | null; reason: string } {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(join(projectRoot, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { binary: null, reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, executable || 'electron') : executable ? join(packageDir, 'dist', executable) : '';
  if (!binary || !existsSync(binary)) {
    return { binary: null, reason: `no binary under ${join(packageDir, 'dist')} (Electron downloads it on first run, which needs internet)` };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { binary: null, reason: 'no display (DISPLAY is unset); run under xvfb-run' };
  }
  return { binary, reason: '' };
}

const { binary, reason } = findElectronBinary();
const electronAvailable = binary !== null;

test.describe('desktop app', () => {
  test.skip(!electronAvailable, `Electron binary not available on this machine: ${reason}`);

  test('start screen offers the demo workspace, with a locked-down page', async () => {
    expect(existsSync(mainEntry), `${mainEntry} is missing: run "npx electron-vite build" first`).toBe(true);
    // A fresh user-data folder per test: no recent files or window state leak between runs.
    const userData = mkdtempSync(join(tmpdir(), 'costbook-e2e-electron-'));
    // Without ELECTRON_RENDERER_URL the built renderer is served over app://, as shipped.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'ELECTRON_RENDERER_URL',
      ),
    );
    const app = await _electron.launch({
      executablePath: binary ?? undefined,
      args: [projectRoot, `--user-data-dir=${userData}`],
      cwd: projectRoot,
      env,
    });
    try {
      const page = await app.firstWindow();
      page.on('console', (message) => console.log(`[renderer ${message.type()}] ${message.text()}`));
      page.on('pageerror', (error) => console.log(`[renderer error] ${error.message}`));

      await expect(page.getByText('Open the demo workspace').first()).toBeVisible({ timeout: 30_000 });
      expect(page.url()).toMatch(/^app:\/\/app\//);

      const surface = await page.evaluate(() => ({
        bridge: typeof window.costbook,
        platform: window.costbook?.platform,
        keys: Object.keys(window.costbook ?? {}).sort(),
        hasRequire: 'require' in globalThis,
        hasProcess: 'process' in globalThis,
      }));
      expect(surface).toMatchObject({ bridge: 'object', platform: 'desktop', hasRequire: false, hasProcess: false });
      expect(surface.keys).not.toContain('ipcRenderer');
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
