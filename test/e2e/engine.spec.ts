import { expect, test } from './fixtures';

test('when the engine dies the app says so and no action hangs', async ({ app }) => {
  const { start, page } = app;
  await start.openDemo();
  await app.shell.waitSaved();

  // An uncaught exception inside the engine worker, as a real engine bug would raise.
  const [engine] = page.workers();
  expect(engine).toBeTruthy();
  await engine.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated engine failure');
    }, 0);
  });

  const banner = page.getByTestId('engine-crashed');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('The Costbook engine stopped');
  await expect(banner).toContainText('last saved workspace is intact');
  await expect(banner.getByRole('button', { name: 'Reload' })).toBeVisible();

  // A call after the crash fails at once instead of waiting forever.
  await page.getByTestId('nav-import').click();
  await expect(page.getByTestId('import-history').getByTestId('error-report')).toContainText('engine stopped');
  await app.screenshot('engine-crashed');

  // Reloading starts a new engine and the saved workspace is still there.
  await app.reload();
  await expect(start.recentItem('Demo workspace')).toHaveCount(1);
});
