import { expect, openApp, test } from './fixtures';

test('after a reload the recent workspace opens with the same totals', async ({ app }) => {
  const { start, shell, explore } = app;
  await start.openDemo();
  await explore.waitLoaded();
  const before = await explore.total();
  const rowsBefore = await explore.kpi('rows').innerText();
  await shell.waitSaved();

  await app.reload();
  await expect(start.root).toBeVisible();
  await expect(start.recentItem('Demo workspace')).toHaveCount(1);
  await app.screenshot('start-screen-recent');
  await start.openRecent('Demo workspace');
  await expect(shell.name).toHaveText('Demo workspace');
  await explore.waitLoaded();
  expect(await explore.total()).toEqual(before);
  await expect(explore.kpi('rows')).toHaveText(rowsBefore);
  await expect(shell.saveStatus).toContainText('All changes saved');
});

test('a workspace file that cannot be opened is reported and left untouched', async ({ app }) => {
  const { start, page } = app;
  // Open a file that is not a Costbook workspace through the Open dialog.
  const chooser = page.waitForEvent('filechooser');
  await start.openButton.click();
  await (await chooser).setFiles({ name: 'quarterly-report.costbook', mimeType: 'application/octet-stream', buffer: Buffer.from('not a database') });
  await expect(start.error).toBeVisible();
  await expect(start.error).toContainText('quarterly-report');
  await expect(start.error).toContainText('not changed');
  await expect(start.error).not.toContainText('{');
  // A refused file is not added to the recent list.
  await expect(start.recent.getByTestId('recent-workspace')).toHaveCount(0);
  await app.screenshot('open-error');
});

test('a downloaded workspace opens in a fresh browser profile with the same totals', async ({ app, browser }, testInfo) => {
  const { start, shell, explore, page } = app;
  await start.openDemo();
  await explore.waitLoaded();
  const before = await explore.total();
  await shell.waitSaved();

  const downloading = page.waitForEvent('download');
  await page.getByTestId('save-as').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Demo workspace.costbook');
  const file = testInfo.outputPath('Demo workspace.costbook');
  await download.saveAs(file);

  // Another profile: empty storage, so the workspace can only come from the downloaded file.
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  try {
    const other = await openApp(await context.newPage());
    await expect(other.start.recent.getByTestId('recent-workspace')).toHaveCount(0);
    const choosing = other.page.waitForEvent('filechooser');
    await other.start.openButton.click();
    await (await choosing).setFiles(file);
    await expect(other.shell.name).toHaveText('Demo workspace');
    await other.explore.waitLoaded();
    expect(await other.explore.total()).toEqual(before);

    // Opened files are kept in the browser's storage and listed as recent.
    await other.reload();
    await expect(other.start.recentItem('Demo workspace')).toHaveCount(1);
    expect(other.pageErrors).toEqual([]);
  } finally {
    await context.close();
  }
});
