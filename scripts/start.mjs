#!/usr/bin/env node
/**
 * `npm start`: the desktop app when an Electron binary is installed, otherwise the browser build.
 *
 * Electron 45 downloads its binary the first time `require('electron')` runs, which fails (or
 * hangs) without internet access. So this script never requires it: it reads the package's
 * path.txt and checks the binary on disk, exactly as electron/index.js would, minus the download.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const isWindows = process.platform === 'win32';

/** The Electron executable if it is on disk, else null. Never triggers a download. */
export function findElectronBinary(root = projectRoot) {
  let packageDir;
  try {
    packageDir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return existsSync(join(override, executable || 'electron')) ? join(override, executable || 'electron') : null;
  if (!executable) return null;
  const binary = join(packageDir, 'dist', executable);
  return existsSync(binary) ? binary : null;
}

/** Why the desktop app cannot start here, or null when it can. */
function desktopUnavailableReason(binary) {
  if (!binary) return 'the Electron binary is not available on this machine';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no display for the Electron window on this machine';
  }
  return null;
}

function run(command, args) {
  // npx is a .cmd shim on Windows, which only a shell can start.
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit', shell: isWindows });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function startDesktop(binary) {
  run('npx', ['electron-vite', 'build']);
  const child = spawn(binary, ['.'], { cwd: projectRoot, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function startWeb() {
  run('npx', ['vite', 'build', '--config', 'vite.web.config.ts']);
  const { serveWeb, DEFAULT_PORT } = await import('./serve-web.mjs');
  const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
  const { url, close } = await serveWeb({ port: Number.isInteger(port) && port >= 0 ? port : DEFAULT_PORT });
  console.log(`Costbook is running at ${url}`);
  const stop = () => close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main() {
  const binary = findElectronBinary();
  const reason = desktopUnavailableReason(binary);
  if (binary && !reason) return startDesktop(binary);
  console.log(`Costbook: ${reason}, so the browser build is served instead.`);
  await startWeb();
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
