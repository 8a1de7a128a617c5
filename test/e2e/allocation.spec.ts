import { expect, SCREENSHOT_DIR, test, type App } from './fixtures';
import { AllocatedLinesDialog, centsText } from './pages/allocated-lines-dialog';
import { AllocationPage, moneyOf } from './pages/allocation-page';

const NEW_VALUE = 'Shared platform';

const SMALL = { width: 1280, height: 800 };
const LARGE = { width: 1920, height: 1080 };

/** Shoots the screen at the smallest and a large desktop size, after checking nothing overflows. */
async function shootAtBothSizes(app: App, allocation: AllocationPage, name: string): Promise<void> {
  const original = app.page.viewportSize();
  await allocation.settle();
  for (const [size, suffix] of [[SMALL, ''], [LARGE, '-1920']] as const) {
    await app.page.setViewportSize(size);
    expect(await allocation.horizontalOverflow()).toEqual([]);
    await app.screenshot(`${name}${suffix}`);
  }
  if (original) await app.page.setViewportSize(original);
}

test('an analyst builds a tag rule and a split on the demo, saves them, and finds them after a reload', async ({ app }) => {
  const { start, shell, explore, page } = app;
  const allocation = new AllocationPage(page);
  await start.openDemo();
  await explore.waitLoaded();
  const exploreTotal = await explore.total();
  await shell.waitSaved();

  await shell.goto('allocation');
  await allocation.waitLoaded();
  // The demo ships a rule set; work on its first key, whatever its rules are.
  await expect(allocation.keyCards.first()).toBeVisible();
  const [key] = await allocation.keys();
  await allocation.selectKey(key);
  await allocation.waitPreview();
  const before = await allocation.coverageOf(key);
  expect(before).toBeGreaterThanOrEqual(0);
  expect(before).toBeLessThan(100);
  await expect(allocation.previewCoverage).toHaveText(`${before.toFixed(1)} %`);
  const versionBefore = await allocation.savedVersion();
  const rulesBefore = await allocation.ruleRows.count();

  // "What to tag next" ranks the unallocated spend; one click makes a rule for the largest entry.
  const top = allocation.unallocatedEntries().first();
  await expect(top).toBeVisible();
  const topCost = moneyOf(await top.innerText());
  expect(topCost).toBeGreaterThan(0);
  await top.getByTestId('unallocated-add').click();
  await expect(allocation.ruleRows).toHaveCount(rulesBefore + 1);
  await expect(allocation.ruleEditor).toBeVisible();
  await expect(allocation.unsaved).toBeVisible();
  // The new rule's conditions are its group's identifying fields; its value is still to be typed,
  // and the empty value is reported next to the rule, in words, so Save stays off.
  await expect(page.getByTestId('rule-when-0-field')).not.toHaveValue('');
  await expect(allocation.ruleRows.last().getByTestId('rule-row-problem')).toContainText(/value/i, { timeout: 30_000 });
  await expect(allocation.ruleRows.last().getByTestId('rule-row-problem')).not.toContainText('{');
  await expect(allocation.saveButton).toBeDisabled();

  await page.getByTestId('rule-value-literal').fill(NEW_VALUE);
  await expect(allocation.ruleRows.last().getByTestId('rule-row-problem')).toHaveCount(0, { timeout: 30_000 });
  // The engine recomputes the preview: the key's coverage rises and the new value appears.
  await expect.poll(() => allocation.coverageOf(key), { timeout: 60_000 }).toBeGreaterThan(before);
  await allocation.waitPreview();
  const raised = await allocation.coverageOf(key);
  await allocation.showAll('preview-values');
  await expect(page.getByTestId('preview-values-label').filter({ hasText: NEW_VALUE })).toHaveCount(1);
  expect(moneyOf(await page.getByTestId('preview-edited-rule-cost').innerText())).toBeGreaterThan(0);
  await shootAtBothSizes(app, allocation, 'allocation-rule-editing');

  // A split shares what is still at the key's default among its values, in proportion to cost.
  await allocation.tab('splits');
  const splitsBefore = await allocation.splitRows.count();
  await page.getByTestId('split-add').click();
  await expect(allocation.splitRows).toHaveCount(splitsBefore + 1);
  await expect(allocation.splitEditor).toBeVisible();
  await expect(page.getByTestId('split-pool-0-field')).toHaveValue(`Key: ${key}`);
  await expect(page.getByTestId('split-pool-0-op')).toHaveValue('equals');
  await allocation.choose(page.getByTestId('split-method'), 'In proportion to cost');
  await expect(page.getByTestId('split-method')).toHaveValue('cost');
  await expect(allocation.splitPreview).toHaveAttribute('data-updating', 'false', { timeout: 60_000 });
  const table = page.getByTestId('split-table');
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('split-chart').locator('svg rect').first()).toBeVisible();
  // The new value now holds cost, and receives a share of the pool: after is more than before.
  const newRow = table.locator(`[data-testid="split-table-row"][data-value="${NEW_VALUE}"]`);
  await expect(newRow).toBeVisible();
  const rowBefore = moneyOf(await newRow.getByTestId('split-before').innerText());
  const rowAfter = moneyOf(await newRow.getByTestId('split-after').innerText());
  expect(rowBefore).toBeGreaterThan(0);
  expect(rowAfter).toBeGreaterThan(rowBefore);
  await expect(page.getByTestId('split-pooled')).toContainText('Pooled');
  await shootAtBothSizes(app, allocation, 'allocation-split-preview');

  // A look at another screen keeps the unsaved work.
  await shell.goto('explore');
  await shell.goto('allocation');
  await expect(allocation.unsaved).toBeVisible();
  await allocation.tab('splits');
  await expect(allocation.splitRows).toHaveCount(splitsBefore + 1);

  await allocation.save();
  expect(await allocation.savedVersion()).toBe(versionBefore + 1);
  await expect(page.getByTestId('allocation-saved')).toContainText(`version ${versionBefore + 1}`);

  // Coverage counts what splits moved too: sharing the default value's cost raises it further.
  await allocation.tab('tags');
  await allocation.waitPreview();
  const savedCoverage = await allocation.coverageOf(key);
  expect(savedCoverage).toBeGreaterThanOrEqual(raised);

  // The allocated view moves cost between values, never adds or drops it: its total is Explore's.
  await allocation.tab('allocated');
  await expect(allocation.allocated.getByTestId('allocated-table')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('allocated-total')).toHaveText(exploreTotal.text);
  await expect(page.locator(`[data-testid="allocated-row"][data-value="${NEW_VALUE}"]`)).toBeVisible();
  await shootAtBothSizes(app, allocation, 'allocation-allocated');
  // One month holds part of the cost; back to every month, the total is Explore's again.
  await allocation.choose(page.getByTestId('allocation-period'), /^[A-Z][a-z]{2} \d{4}$/);
  await expect(allocation.allocated).toContainText(/[A-Z][a-z]{2} \d{4}/);
  await expect.poll(async () => moneyOf(await page.getByTestId('allocated-total').innerText())).toBeLessThan(exploreTotal.value);
  await allocation.choose(page.getByTestId('allocation-period'), 'All months');
  await expect(page.getByTestId('allocated-total')).toHaveText(exploreTotal.text);

  // The history lists the save.
  await page.getByTestId('allocation-history').click();
  await expect(page.getByTestId('history-row').first()).toContainText(String(versionBefore + 1));
  await page.getByRole('button', { name: 'Close' }).click();
  await shell.waitSaved();

  // After a reload, the reopened workspace has the rules and the raised coverage.
  await app.reload();
  await start.openRecent('Demo workspace');
  await shell.goto('allocation');
  await allocation.waitLoaded();
  expect(await allocation.savedVersion()).toBe(versionBefore + 1);
  await expect(allocation.unsaved).toHaveCount(0);
  await allocation.selectKey(key);
  await allocation.waitPreview();
  await expect(allocation.ruleRows).toHaveCount(rulesBefore + 1);
  await expect(allocation.ruleRows.last()).toContainText(NEW_VALUE);
  expect(await allocation.coverageOf(key)).toBe(savedCoverage);
  await allocation.tab('splits');
  await expect(allocation.splitRows).toHaveCount(splitsBefore + 1);
});

test('rules are checked in words, reordered from the keyboard, normalized, exported and imported', async ({ app }, testInfo) => {
  const { start, shell, explore, page } = app;
  const allocation = new AllocationPage(page);
  await start.openDemo();
  await explore.waitLoaded();
  await shell.goto('allocation');
  await allocation.waitLoaded();

  // A key of our own, so nothing depends on the demo's rules.
  await page.getByTestId('key-add').click();
  await page.getByTestId('key-dialog-name').fill('owner');
  await page.getByTestId('key-dialog-default').fill('Unassigned');
  await page.getByTestId('key-dialog-ok').click();
  await allocation.selectKey('owner');
  await allocation.waitPreview();
  expect(await allocation.coverageOf('owner')).toBe(0);

  // A rule built by hand: field, operator, value. A pattern that does not compile is reported
  // next to its condition, in words, and Save stays off until it is fixed.
  await page.getByTestId('rule-add').click();
  await expect(allocation.ruleEditor).toBeVisible();
  await page.getByTestId('rule-name').fill('OpenAI spend');
  await page.getByTestId('rule-when-0-field').click();
  await page.getByTestId('rule-when-0-field').fill('Provid');
  await page.getByRole('option', { name: /^Provider/ }).click();
  await expect(page.getByTestId('rule-when-0-field')).toHaveValue('Provider');
  await allocation.choose(page.getByTestId('rule-when-0-op'), 'matches regex');
  // Conditions nest: a group of "any of" inside the "all of".
  await page.getByTestId('rule-when-add-group').click();
  const group = page.getByTestId('rule-when-group-1');
  await expect(group.getByRole('button', { name: 'Remove condition' })).toHaveCount(2);
  await expect(group.getByTestId('rule-when-group-1-or')).toHaveAttribute('aria-pressed', 'true');
  await allocation.settle();
  await app.screenshot('allocation-condition-group');
  await group.getByRole('button', { name: 'Remove group' }).click();
  await expect(group).toHaveCount(0);
  await page.getByTestId('rule-when-0-value').fill('^(Open');
  const condition = page.getByTestId('rule-when-0');
  await expect(condition.getByRole('alert')).toContainText('not a valid regular expression', { timeout: 30_000 });
  await expect(page.getByTestId('allocation-problems')).toContainText('owner');
  await expect(page.getByTestId('allocation-problems')).not.toContainText('keys[');
  await expect(allocation.saveButton).toBeDisabled();
  await page.getByTestId('rule-when-0-value').fill('^Open');
  await page.getByTestId('rule-value-literal').fill('ai-platform');
  await expect(condition.getByRole('alert')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('allocation-problems')).toHaveCount(0);
  await expect.poll(() => allocation.coverageOf('owner'), { timeout: 60_000 }).toBeGreaterThan(0);

  // Reordering from the keyboard keeps the focus on the moved rule's buttons.
  await page.getByTestId('rule-add').click();
  await page.getByTestId('rule-name').fill('Second');
  await expect(allocation.ruleRows).toHaveCount(2);
  await allocation.ruleRows.nth(1).getByRole('button', { name: 'Move up' }).focus();
  await page.keyboard.press('Enter');
  await expect(allocation.ruleRows.first()).toContainText('Second');
  await expect(allocation.ruleRows.first().getByRole('button', { name: 'Move down' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(allocation.ruleRows.first()).toContainText('OpenAI spend');
  await expect(allocation.ruleRows.nth(1).getByRole('button', { name: 'Move up' })).toBeFocused();
  await allocation.ruleRows.nth(1).getByRole('button', { name: 'Delete' }).click();
  await expect(allocation.ruleRows).toHaveCount(1);

  // Normalization folds a spelling into the value finance knows.
  await page.getByTestId('key-normalize').click();
  const normalize = page.getByTestId('normalize-dialog');
  await normalize.getByTestId('normalize-add').click();
  await normalize.getByTestId('normalize-value').fill('AI Platform');
  await normalize.getByTestId('normalize-aliases').fill('ai-platform');
  await page.keyboard.press('Enter');
  await normalize.getByTestId('normalize-done').click();
  await allocation.showAll('preview-values');
  const values = page.getByTestId('preview-values-label');
  await expect(values.filter({ hasText: /^AI Platform$/ })).toHaveCount(1, { timeout: 60_000 });
  await expect(values.filter({ hasText: /^ai-platform$/ })).toHaveCount(0);

  // Fixed percentages show their total as they are typed; Save waits for exactly 100 %.
  await allocation.tab('splits');
  await page.getByTestId('split-add').click();
  await allocation.choose(page.getByTestId('split-method'), 'By fixed percentages');
  await page.getByTestId('split-targets').fill('AI Platform');
  await page.keyboard.press('Enter');
  await page.getByTestId('split-percent-AI Platform').fill('60');
  await expect(page.getByTestId('split-percent-total')).toHaveText(/Total 60 %.*must be exactly 100/);
  await expect(allocation.saveButton).toBeDisabled();
  await page.getByTestId('split-percent-AI Platform').fill('100');
  await expect(page.getByTestId('split-percent-total')).toHaveText('Total 100 %');
  await allocation.save();
  const version = await allocation.savedVersion();

  // Export downloads the saved rules as a rule file.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('allocation-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('costbook-rules.json');
  const exported = testInfo.outputPath('costbook-rules.json');
  await download.saveAs(exported);
  const { readFileSync } = await import('node:fs');
  const doc = JSON.parse(readFileSync(exported, 'utf8')) as { format: string; keys: { key: string }[]; splits: unknown[] };
  expect(doc.format).toBe('costbook-allocation');
  expect(doc.keys.map((k) => k.key)).toContain('owner');
  expect(doc.splits.length).toBeGreaterThan(0);

  // A rule file with a mistake is refused: the file is named, the problem is in words.
  const broken = JSON.stringify({ ...doc, keys: doc.keys.map((k) => ({ ...k, defaultValue: '' })) });
  await page.getByTestId('allocation-import-input').setInputFiles({ name: 'broken-rules.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  const error = page.getByTestId('rule-error');
  await expect(error).toContainText('broken-rules.json');
  await expect(error).toContainText('unchanged');
  await expect(error).not.toContainText('keys[');
  await expect(error).not.toContainText('{');
  expect(await allocation.savedVersion()).toBe(version);
  await app.screenshot('allocation-import-error');

  // The exported file imports again, as a new version.
  await page.getByTestId('allocation-import-input').setInputFiles(exported);
  await expect(page.getByTestId('allocation-imported')).toContainText(`version ${version + 1}`);
  expect(await allocation.savedVersion()).toBe(version + 1);
  await page.getByTestId('allocation-history').click();
  await expect(page.getByTestId('history-row')).toHaveCount(version + 1);
  await expect(page.getByTestId('history-row').first()).toContainText(String(version + 1));
  await app.screenshot('allocation-history');
});

test('a workspace without charges says what to do first', async ({ app }) => {
  const { start, shell, page } = app;
  await start.createWorkspace('Empty books');
  await shell.goto('allocation');
  await expect(page.getByTestId('empty-state')).toContainText('Nothing to allocate yet');
  await expect(page.getByRole('button', { name: 'Import files' })).toBeVisible();
  await app.screenshot('allocation-empty');
});

test('an analyst opens the allocated lines of a value and sees which rule or split put its cost there', async ({ app }) => {
  const { start, shell, explore, page } = app;
  const allocation = new AllocationPage(page);
  const dialog = new AllocatedLinesDialog(page);
  await start.openDemo();
  await explore.waitLoaded();
  await shell.goto('allocation');
  await allocation.waitLoaded();
  await allocation.tab('allocated');
  // The demo's splits share cost between teams: untagged Azure OpenAI by tokens, the company assistant by headcount.
  await allocation.choose(page.getByTestId('allocated-key'), /^team$/);
  const table = allocation.allocated.getByTestId('allocated-table');
  await expect(table).toBeVisible({ timeout: 60_000 });

  // A value that received cost from a split, and what the table says it holds.
  const split = table.getByTestId('allocated-row').filter({ has: page.getByTestId('allocated-split').filter({ hasText: /\d/ }) });
  await expect(split.first()).toBeVisible();
  const row = split.first();
  const value = (await row.getAttribute('data-value')) ?? '';
  expect(value).not.toBe('');
  const billedText = await row.getByTestId('allocated-billed').innerText();
  const splitText = await row.getByTestId('allocated-split').innerText();
  const rowsText = await row.locator('td').first().innerText();

  // From the keyboard: the value is a button named after it.
  const button = row.getByRole('button', { name: `Show the lines of ${value}` });
  await button.focus();
  await page.keyboard.press('Enter');
  await dialog.waitLoaded();
  await expect(dialog.title).toContainText('team');
  await expect(dialog.title).toContainText(value);
  await expect(dialog.months.first().locator('th')).toHaveText(/^[A-Z][a-z]{2} \d{4}$/);
  await expect(dialog.root).not.toContainText('{');
  await expect(dialog.more).toHaveCount(0);

  // Lines are in month order, and every split line says where its cost came from and at what share.
  const periods = await dialog.lines.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-period') ?? ''));
  expect(periods.length).toBeGreaterThan(0);
  expect(periods).toEqual([...periods].sort());
  const splitLines = dialog.splitLines();
  expect(await splitLines.count()).toBeGreaterThan(0);
  const methods = await splitLines.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-method') ?? ''));
  const off = methods[methods.length - 1];
  expect(off).toMatch(/\S/);
  for (const line of await splitLines.all()) {
    await expect(line).toContainText('Split rule:');
    for (const source of await line.getByTestId('allocated-line-source').allInnerTexts()) {
      const m = /^from (.+) at (\d+(?:\.\d+)?) %$/.exec(source);
      expect(m, source).not.toBeNull();
      expect(m?.[1]).not.toBe('');
      expect(Number(m?.[2])).toBeGreaterThan(0);
      expect(Number(m?.[2])).toBeLessThanOrEqual(100);
    }
  }
  // The split lines add up to the table's "of which from splits", the lines to its billed cost and rows.
  const picos = await dialog.billedPicos();
  const sum = picos.reduce((a, b) => a + b, 0n);
  expect(centsText((await dialog.billedPicos(splitLines)).reduce((a, b) => a + b, 0n))).toBe(splitText);
  expect(Math.abs(moneyOf(centsText(sum)) - moneyOf(billedText))).toBeLessThanOrEqual(0.01);
  await expect(dialog.total).toContainText(billedText);
  expect(moneyOf(await dialog.total.innerText())).toBe(moneyOf(billedText));
  await expect(dialog.rows).toHaveText(rowsText);
  await expect(dialog.root.getByTestId('allocated-lines-mismatch')).toHaveCount(0);

  await page.setViewportSize(SMALL);
  expect(await dialog.horizontalOverflow()).toEqual([]);
  expect(await allocation.horizontalOverflow()).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/allocation-lines.png`, animations: 'disabled' });
  await dialog.scrollToEnd();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/allocation-lines-total.png`, animations: 'disabled' });

  // Closing gives the focus back to the value's button.
  await page.keyboard.press('Escape');
  await expect(dialog.root).toHaveCount(0);
  await expect(button).toBeFocused();
  await app.screenshot('allocation-allocated-focus');

  // With a split turned off but not saved, the tab shows the draft, and so do the lines.
  await allocation.tab('splits');
  await page.locator(`[data-testid="split-row"][data-row-id="${off}"]`).getByRole('switch').uncheck();
  await expect(allocation.unsaved).toBeVisible();
  await allocation.tab('allocated');
  await expect(page.getByTestId('allocated-kpi-version')).toHaveText('Unsaved draft', { timeout: 60_000 });
  const draftRow = table.locator(`[data-testid="allocated-row"][data-value="${value}"]`);
  await expect(draftRow.getByTestId('allocated-billed')).not.toHaveText(billedText);
  const draftBilled = await draftRow.getByTestId('allocated-billed').innerText();
  await draftRow.click();
  await dialog.waitLoaded();
  await expect(dialog.root).toContainText('with unsaved changes');
  expect(await dialog.lines.count()).toBeGreaterThan(0);
  expect(await dialog.lines.evaluateAll((rows, id) => rows.filter((r) => r.getAttribute('data-method') === id).length, off)).toBe(0);
  await expect(dialog.total).toContainText(draftBilled);
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(dialog.root).toHaveCount(0);
});
