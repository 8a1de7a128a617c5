import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, FOCUS_SAMPLE, test } from './fixtures';
import { ImportPage } from './pages/import-page';

test('a FOCUS 1.0 file dropped on the window is imported and explored', async ({ app }) => {
  const { start, shell, importer, explore, page } = app;
  await start.createWorkspace('Dropped FOCUS sample');
  // An empty workspace opens on Import.
  await expect(importer.dropzone).toBeVisible();

  await importer.drop([ImportPage.fromDisk(FOCUS_SAMPLE)], { hold: true });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await app.screenshot('import-drag-highlight');
  await importer.releaseHeldDrop();
  await expect(page.getByTestId('drop-overlay')).toBeHidden();

  // The file is staged for review first: its facts are shown, nothing counts yet.
  const result = importer.result('focus_sample_subset200.csv');
  await expect(result).toHaveAttribute('data-status', 'staged', { timeout: 60_000 });
  await expect(result.getByTestId('import-result-format')).toHaveText(/FOCUS 1\.0/);
  await expect(result.getByTestId('import-result-rows')).toHaveText('200');
  await expect(result.getByTestId('import-result-billed')).toContainText('USD');
  await expect(importer.historyRows()).toHaveCount(0);
  await app.screenshot('import-review');
  await importer.importReviewed(['focus_sample_subset200.csv']);
  await expect(importer.historyRows()).toHaveCount(1);
  await expect(importer.historyRows().first()).toContainText('focus_sample_subset200.csv');
  await shell.waitSaved();
  await app.screenshot('import-results');

  await shell.goto('explore');
  await explore.waitLoaded();
  expect((await explore.providers()).sort()).toEqual(['AWS', 'Microsoft', 'Oracle']);
  await expect(explore.kpi('rows')).toHaveText('200');

  // Removing the import asks first, then takes its rows out of every view.
  await shell.goto('import');
  await importer.historyRows().first().getByTestId('import-remove').click();
  const dialog = page.getByRole('dialog', { name: 'Remove this import?' });
  await expect(dialog).toContainText('200 rows');
  await dialog.getByRole('button', { name: 'Remove import' }).click();
  await expect(importer.historyRows()).toHaveCount(0);
  await shell.goto('explore');
  await expect(page.getByTestId('empty-state')).toContainText('Nothing to explore yet');
  await shell.waitSaved();

  // Closing returns to the start screen, which now lists this workspace.
  await page.getByTestId('close-workspace').click();
  await expect(start.root).toBeVisible();
  await expect(start.recentItem('Dropped FOCUS sample')).toHaveCount(1);
});

test('bad files are refused with the file, row and column, and nothing changes', async ({ app }) => {
  const { start, shell, importer, explore } = app;
  await start.openDemo();
  await explore.waitLoaded();
  const before = await explore.total();
  const rowsBefore = await explore.kpi('rows').innerText();

  // Header plus three data lines from the real sample; line 3 gets a BilledCost that is not a number.
  const lines = readFileSync(FOCUS_SAMPLE, 'utf8').split('\n');
  const header = lines[0].split(',');
  const billedIndex = header.findIndex((h) => h.replace(/"/g, '') === 'BilledCost');
  const bad = lines[2].split(',');
  bad[billedIndex] = 'twelve dollars';
  const csv = [lines[0], lines[1], bad.join(','), lines[3]].join('\n') + '\n';

  await shell.goto('import');
  await importer.drop([
    { name: 'bad-billed-cost.csv', content: csv },
    { name: 'meeting-notes.txt', content: 'Notes from the budget meeting.\nNothing here is a bill.\n', type: 'text/plain' },
  ]);

  const badCsv = importer.result('bad-billed-cost.csv');
  await expect(badCsv).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });
  const report = badCsv.getByTestId('error-report');
  await expect(report).toContainText('bad-billed-cost.csv');
  const problem = report.getByTestId('problem-row').first();
  await expect(problem).toContainText('BilledCost');
  await expect(problem).toContainText('3');
  await expect(problem).toContainText('twelve dollars');
  // Never raw JSON or an internal code in front of a person.
  await expect(report).not.toContainText('{');
  await expect(report).not.toContainText('import/');

  const text = importer.result('meeting-notes.txt');
  await expect(text).toHaveAttribute('data-status', 'failed');
  await expect(text.getByTestId('error-report')).toContainText('meeting-notes.txt');
  await expect(text.getByTestId('error-report')).not.toContainText('{');
  await app.screenshot('import-error-report');

  await shell.goto('explore');
  await explore.waitLoaded();
  expect(await explore.total()).toEqual(before);
  await expect(explore.kpi('rows')).toHaveText(rowsBefore);
});

test('the valid rows of a refused file can be imported, and the rejected rows downloaded with reasons', async ({ app }) => {
  const { start, shell, importer, explore } = app;
  await start.createWorkspace('Valid rows');
  const lines = readFileSync(FOCUS_SAMPLE, 'utf8').split('\n');
  const header = lines[0].split(',');
  const billedIndex = header.findIndex((h) => h.replace(/"/g, '') === 'BilledCost');
  const bad = lines[2].split(',');
  bad[billedIndex] = 'n/a';
  const csv = [lines[0], lines[1], bad.join(','), lines[3]].join('\n') + '\n';

  await shell.goto('import');
  await importer.drop([{ name: 'partly-bad.csv', content: csv }]);
  const refused = importer.result('partly-bad.csv');
  await expect(refused).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });
  await refused.getByTestId('import-valid-rows').click();
  await importer.importReviewed(['partly-bad.csv']);

  const imported = importer.results.locator('[data-testid="import-result"][data-status="imported"]');
  await expect(imported).toHaveCount(1, { timeout: 60_000 });
  await expect(imported.getByTestId('import-result-rows')).toHaveText('2');
  const download = importer.page.waitForEvent('download');
  await imported.getByTestId('import-download-rejected').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('partly-bad.rejected.csv');
  const rejected = readFileSync(await file.path(), 'utf8');
  expect(rejected.split('\r\n')[0]).toMatch(/^x_SourceLine,x_RejectReason,/);
  expect(rejected).toContain('n/a');
  await app.screenshot('import-valid-rows');

  await shell.goto('explore');
  await explore.waitLoaded();
  await expect(explore.kpi('rows')).toHaveText('2');
});

test('a corrected export of the same source and period replaces the earlier import once confirmed', async ({ app }) => {
  const { start, shell, importer, explore } = app;
  await start.createWorkspace('Corrections');
  const header = 'ChargePeriodStart,BilledCost,EffectiveCost,ListCost,ProviderName,ServiceName,BillingAccountId,BillingCurrency\n';
  await shell.goto('import');
  await importer.drop([{ name: 'openai-september.csv', content: `${header}2025-09-01,100.10,100.10,100.10,OpenAI,OpenAI API,org-1,USD\n` }]);
  await importer.importReviewed(['openai-september.csv']);

  await importer.drop([{ name: 'openai-september-corrected.csv', content: `${header}2025-09-01,120.25,120.25,120.25,OpenAI,OpenAI API,org-1,USD\n` }]);
  const waiting = importer.result('openai-september-corrected.csv');
  await expect(waiting).toHaveAttribute('data-status', 'staged', { timeout: 60_000 });
  await expect(waiting.getByTestId('import-replace-question')).toContainText('openai-september.csv');
  // Importing waits for the answer.
  await expect(importer.page.getByTestId('import-commit')).toBeDisabled();
  await app.screenshot('import-replace-question');
  await waiting.getByTestId('import-replace').click();
  await importer.page.getByTestId('import-commit').click();
  await expect(waiting).toHaveAttribute('data-status', 'imported', { timeout: 60_000 });
  await expect(importer.history.getByTestId('import-history-row')).toHaveCount(1);

  await shell.goto('explore');
  await explore.waitLoaded();
  expect((await explore.total()).text).toBe('120.25');
});

test('a chosen folder imports every file in it, hidden files skipped', async ({ app }) => {
  const { start, shell, importer, explore } = app;
  await start.createWorkspace('Folder');
  const folder = join(mkdtempSync(join(tmpdir(), 'costbook-folder-')), 'september-exports');
  mkdirSync(join(folder, 'openai'), { recursive: true });
  const header = 'ChargePeriodStart,BilledCost,ProviderName,BillingAccountId\n';
  writeFileSync(join(folder, 'openai', 'costs.csv'), `${header}2025-09-01,1.10,OpenAI,org-1\n`);
  writeFileSync(join(folder, 'anthropic.csv'), `${header}2025-09-01,2.20,Anthropic,ws-1\n`);
  writeFileSync(join(folder, '.DS_Store'), 'not a bill');
  await shell.goto('import');
  await importer.page.getByTestId('import-folder-input').setInputFiles(folder);
  await importer.importReviewed(['september-exports/anthropic.csv', 'september-exports/openai/costs.csv']);
  await expect(importer.results.getByTestId('import-result')).toHaveCount(2);
  await shell.goto('explore');
  await explore.waitLoaded();
  expect((await explore.total()).text).toBe('3.30');
});

test('a file left out at review adds nothing, and the others are imported', async ({ app }) => {
  const { start, shell, importer, explore } = app;
  await start.createWorkspace('Review');
  const header = 'ChargePeriodStart,BilledCost,ProviderName,BillingAccountId\n';
  await shell.goto('import');
  await importer.drop([
    { name: 'keep.csv', content: `${header}2025-09-01,4.50,OpenAI,org-1\n` },
    { name: 'leave-out.csv', content: `${header}2025-09-01,99,Anthropic,ws-1\n` },
  ]);
  await expect(importer.result('leave-out.csv')).toHaveAttribute('data-status', 'staged', { timeout: 60_000 });
  await expect(importer.result('keep.csv')).toHaveAttribute('data-status', 'staged');
  await importer.result('leave-out.csv').getByTestId('import-skip').click();
  await importer.page.getByTestId('import-commit').click();
  await expect(importer.result('keep.csv')).toHaveAttribute('data-status', 'imported', { timeout: 60_000 });
  await expect(importer.result('leave-out.csv')).toHaveAttribute('data-status', 'skipped');
  await expect(importer.historyRows()).toHaveCount(1);
  await shell.goto('explore');
  await explore.waitLoaded();
  expect((await explore.total()).text).toBe('4.50');
});

test('an unknown file is mapped column by column, previewed as stored, and the mapping is reused', async ({ app }) => {
  const { start, shell, importer, explore, page } = app;
  await start.createWorkspace('Mapped');
  const sheet = (month: string) =>
    [
      'Day;Team;Vendor;Model used;Amount;Env',
      `03/${month}/2025;search;OpenAI;gpt-4o;12.50;prod`,
      `28/${month}/2025;chat;Anthropic;claude-sonnet-4;7.25;staging`,
    ].join('\n') + '\n';
  await shell.goto('import');
  await importer.drop([{ name: 'finance-sheet-09.csv', content: sheet('09') }]);
  const refused = importer.result('finance-sheet-09.csv');
  await expect(refused).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });
  await refused.getByTestId('import-map-columns').click();

  const dialog = page.getByTestId('mapping-dialog');
  await expect(dialog).toBeVisible();
  // "Day" and "Amount" are guessed; the day order is the analyst's to say.
  await expect(dialog.getByTestId('map-Date')).toHaveValue('Day');
  await expect(dialog.getByTestId('map-Cost (billed)')).toHaveValue('Amount');
  await expect(dialog.getByTestId('mapping-problems')).toContainText('Day');
  await dialog.getByLabel('Dates like 03/04/2025 are').click();
  await page.getByRole('option', { name: 'day/month/year' }).click();
  await dialog.getByLabel('Model', { exact: true }).click();
  await page.getByRole('option', { name: 'Model used' }).click();
  await dialog.getByLabel('Provider', { exact: true }).click();
  await page.getByRole('option', { name: 'Vendor' }).click();
  await dialog.getByLabel('Env').check();
  const preview = dialog.getByTestId('mapping-preview');
  await expect(preview).toContainText('2025-09-28T00:00:00Z');
  await expect(preview).toContainText('Env: prod');
  await app.screenshot('import-column-mapping');
  await dialog.getByTestId('mapping-save').click();
  await importer.importReviewed(['finance-sheet-09.csv']);
  await expect(importer.result('finance-sheet-09.csv').getByTestId('import-result-format')).toHaveText('Column mapping "finance-sheet-09"');

  // The next month's file has the same columns: the mapping applies without asking.
  await importer.drop([{ name: 'finance-sheet-10.csv', content: sheet('10') }]);
  await importer.importReviewed(['finance-sheet-10.csv']);
  await shell.goto('explore');
  await explore.waitLoaded();
  expect((await explore.total()).text).toBe('39.50');
});

test('a folder of mixed provider exports is previewed per file, committed, and totalled by provider', async ({ app }) => {
  const { start, shell, importer, explore, page } = app;
  await start.createWorkspace('Month end');
  const folder = join(mkdtempSync(join(tmpdir(), 'costbook-month-')), 'month-end');
  mkdirSync(folder);
  const files: [string, string][] = [
    ['test/fixtures/aws-cur2-bedrock/cur2_bedrock_subset.csv', 'aws-cur2.csv'],
    ['test/fixtures/azure-openai-ea-export/azure_openai_ea_actual_synthetic.csv', 'azure-ea.csv'],
    ['test/fixtures/openai-admin-api/costs_example.json', 'openai-costs.json'],
    ['test/fixtures/litellm-spendlogs/spendlogs_export.csv', 'litellm-spendlogs.csv'],
    [FOCUS_SAMPLE, 'focus.csv'],
  ];
  for (const [from, to] of files) writeFileSync(join(folder, to), readFileSync(from));
  await shell.goto('import');
  await importer.page.getByTestId('import-folder-input').setInputFiles(folder);

  const labels: Record<string, RegExp> = {
    'month-end/aws-cur2.csv': /AWS CUR 2\.0/,
    'month-end/azure-ea.csv': /Azure EA cost export/,
    'month-end/openai-costs.json': /OpenAI costs/,
    'month-end/litellm-spendlogs.csv': /LiteLLM spend logs/,
    'month-end/focus.csv': /FOCUS 1\.0/,
  };
  for (const [file, label] of Object.entries(labels)) {
    const card = importer.result(file);
    await expect(card).toHaveAttribute('data-status', 'staged', { timeout: 60_000 });
    await expect(card.getByTestId('import-result-format')).toHaveText(label);
  }
  await app.screenshot('import-folder-review');
  await page.getByTestId('import-commit').click();
  for (const file of Object.keys(labels)) await expect(importer.result(file)).toHaveAttribute('data-status', 'imported', { timeout: 60_000 });
  // The proxy log is a usage source: listed, not invoiced.
  await expect(importer.historyRows().filter({ hasText: 'litellm-spendlogs.csv' })).toContainText('usage source');

  await shell.goto('explore');
  await explore.waitLoaded();
  expect((await explore.providers()).sort()).toEqual(['AWS', 'Microsoft', 'OpenAI', 'Oracle']);
  await app.screenshot('explore-mixed-providers');
});
