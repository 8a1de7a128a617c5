import { writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { generateFocusBenchLines } from '../../src/core/demo/bench-rows';
import { expect, test } from './fixtures';

/** Half-up to cents, grouped: the sum of a column's decimals, computed here with BigInt (12 places). */
function cents(values: string[]): string {
  let pico = 0n;
  for (const v of values) {
    const negative = v.startsWith('-');
    const [whole, frac = ''] = v.replace(/^[-+]/, '').split('.');
    const n = BigInt(whole || '0') * 10n ** 12n + BigInt((frac + '0'.repeat(12)).slice(0, 12));
    pico += negative ? -n : n;
  }
  const c = (pico + 5n * 10n ** 9n) / 10n ** 10n; // the totals here are positive
  const digits = c.toString().padStart(3, '0');
  return `${digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${digits.slice(-2)}`;
}

test('a large export is read by a reading worker beside the engine, to the same rows and total', async ({ app, page }, testInfo) => {
  const { start, shell, importer, explore } = app;
  // 15,000 generated FOCUS 1.2 rows, about 10 MB: over the size the engine hands to a reading worker.
  const text = [...generateFocusBenchLines({ rows: 15_000, seed: 21, startMonth: '2026-06' })].join('');
  const path = testInfo.outputPath('focus-large.csv');
  writeFileSync(path, text);
  const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  const billed = cents(rows.map((r) => r.BilledCost));

  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await start.createWorkspace('Large export');
  await importer.choose([path]);
  const result = importer.result('focus-large.csv');
  await expect(result).toHaveAttribute('data-status', 'staged', { timeout: 60_000 });
  await expect(result.getByTestId('import-result-rows')).toHaveText('15,000');
  await expect(result.getByTestId('import-result-billed')).toHaveText(`USD ${billed}`);
  expect(workers.some((url) => /\/reader-[\w-]+\.js$/.test(url))).toBe(true);
  await importer.importReviewed(['focus-large.csv']);
  await shell.waitSaved();

  await shell.goto('explore');
  await explore.waitLoaded();
  await expect(explore.kpi('rows')).toHaveText('15,000');
  expect((await explore.total()).text).toContain(billed);
});
