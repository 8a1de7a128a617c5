/**
 * The FOCUS import benchmark as an analyst meets it: the browser build in Chromium, the file
 * chosen on the Import screen, timed from the choice until the file is committed (the app stages
 * files for review; the benchmark commits right away). The engine runs in its Web Worker, reads the
 * file through the browser's File API and hashes it in JavaScript. Prints numbers; asserts nothing.
 * Needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH) and the browser build in out/web.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { generateFocusBenchLines } from '../../src/core/demo/bench-rows';
import type * as ServeWeb from '../../scripts/serve-web.mjs';
import { writeGeneratedFile } from './generated-file';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const file = `.bench/focus-${ROWS}.csv`;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath) || !existsSync('out/web/index.html')) {
  console.log(`FOCUS 1.2 import in the browser app: skipped (needs ${executablePath} and the browser build in out/web)`);
  process.exit(0);
}

await writeGeneratedFile(file, generateFocusBenchLines({ rows: ROWS, seed: 7, startMonth: '2026-09' }));
// Loaded from the project at run time, not bundled: bundled, the script would take itself for `node scripts/serve-web.mjs`.
const web = (await import(pathToFileURL(resolve('scripts/serve-web.mjs')).href)) as typeof ServeWeb;
const server = await web.serveWeb({ port: 0 });
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.getByTestId('new-workspace-button').click();
  await page.getByTestId('new-workspace-name').fill('bench');
  await page.getByTestId('new-workspace-create').click();
  await page.getByTestId('nav-import').click();
  await page.getByTestId('screen-import').waitFor();

  const result = page.getByTestId('import-result').first();
  const started = performance.now();
  await page.getByTestId('import-file-input').setInputFiles([file]);
  await result.and(page.locator('[data-status="staged"], [data-status="failed"]')).waitFor({ timeout: 1_800_000 });
  const stagedSeconds = (performance.now() - started) / 1000;
  if ((await result.getAttribute('data-status')) !== 'staged') throw new Error(`the import failed: ${await result.innerText()}`);
  await page.getByTestId('import-commit').click();
  await result.and(page.locator('[data-status="imported"]')).waitFor({ timeout: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  const size = statSync(file).size;
  console.log(`FOCUS 1.2 import in the browser app (Chromium), ${ROWS.toLocaleString('en-US')} rows, ${(size / 1e6).toFixed(0)} MB CSV`);
  console.log(`  chosen to committed: ${seconds.toFixed(1)} s = ${Math.round(ROWS / seconds).toLocaleString('en-US')} rows/s (staged for review after ${stagedSeconds.toFixed(1)} s)`);
} finally {
  await browser.close();
  await server.close();
}
