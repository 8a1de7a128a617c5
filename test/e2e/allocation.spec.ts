import { expect, test, type App } from './fixtures';
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
