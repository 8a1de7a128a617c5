import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { expect, FOCUS_SAMPLE, test } from './fixtures';

// Large enough that the import is still running when Cancel is clicked on a loaded CI machine.
const TARGET_BYTES = 300 * 1024 * 1024;

/** About 300 MB of valid FOCUS 1.0: the sample's header, then its data rows over and over. */
async function writeLargeFocusFile(path: string): Promise<number> {
  const [header, ...rows] = readFileSync(FOCUS_SAMPLE, 'utf8').split('\n').filter((l) => l !== '');
  const block = rows.join('\n') + '\n';
  const out = createWriteStream(path);
  let written = 0;
  out.write(header + '\n');
  while (written < TARGET_BYTES) {
    if (!out.write(block)) await once(out, 'drain');
    written += Buffer.byteLength(block);
  }
  out.end();
  await once(out, 'finish');
  return written;
}

test('cancelling a large import leaves the workspace as it was', async ({ app }, testInfo) => {
  const { start, shell, importer, explore } = app;
  const bigFile = testInfo.outputPath('large-focus-export.csv');
  await writeLargeFocusFile(bigFile);

  await start.openDemo();
  await explore.waitLoaded();
  const before = await explore.total();
  const rowsBefore = await explore.kpi('rows').innerText();
  await shell.goto('import');
  const historyBefore = await importer.historyRows().count();

  await importer.choose([bigFile]);
  await expect(importer.progress).toBeVisible();
  await expect(importer.progress).toContainText('large-focus-export.csv');
  // Wait until the engine reports reading, so the cancel interrupts real work.
  await expect(importer.progress).toHaveAttribute('data-phase', 'reading');
  await expect(importer.progress.getByTestId('import-progress-detail')).toContainText(/of 3\d\d\.\d MB/);
  await importer.cancelButton.click();
  await app.screenshot('import-progress');

  const result = importer.result('large-focus-export.csv');
  await expect(result).toHaveAttribute('data-status', 'cancelled', { timeout: 60_000 });
  await expect(result).toContainText('Cancelled');
  await expect(importer.progress).toHaveCount(0);
  await expect(importer.historyRows()).toHaveCount(historyBefore);
  await app.screenshot('import-cancelled');

  await shell.goto('explore');
  await explore.waitLoaded();
  expect(await explore.total()).toEqual(before);
  await expect(explore.kpi('rows')).toHaveText(rowsBefore);
});
