import { expect, test } from './fixtures';

test('the start screen offers new, open, demo and the recent workspaces', async ({ app }) => {
  const { start } = app;
  await expect(start.root).toBeVisible();
  await expect(start.newButton).toBeVisible();
  await expect(start.newButton).toBeEnabled();
  await expect(start.openButton).toBeVisible();
  await expect(start.demoButton).toBeVisible();
  await expect(start.demoButton).toHaveText(/Open the demo workspace/);
  await expect(start.recent).toBeVisible();
  // A fresh browser profile has no workspaces yet, and says so.
  await expect(start.recent).toContainText('Workspaces you create or open appear here');
  await app.screenshot('start-screen');
});

test('the demo workspace opens on Explore with three months of four providers’ invoices', async ({ app }) => {
  const { start, shell, explore, page } = app;
  await start.demoButton.click();
  await expect(page.getByTestId('start-busy')).toBeVisible();
  await app.screenshot('demo-building');
  await expect(shell.root).toBeVisible({ timeout: 90_000 });
  await expect(shell.name).toHaveText('Demo workspace');
  await explore.waitLoaded();

  // Built from the providers' own exports; the usage sources (OpenAI and Claude usage reports,
  // LiteLLM logs) are imported too but never add to invoiced cost, so four providers, not more.
  expect(await explore.months()).toHaveLength(3);
  expect([...(await explore.providers())].sort()).toEqual(['AWS', 'Anthropic', 'Microsoft', 'OpenAI']);
  const total = await explore.total();
  expect(total.value).toBeGreaterThan(10_000);
  // Money is shown with two decimals and thousands separators.
  expect(total.text).toMatch(/^-?\d{1,3}(,\d{3})*\.\d{2}$/);
  await expect(explore.kpi('billed')).toContainText(total.text);
  await expect(explore.chart.locator('svg rect').first()).toBeVisible();
  await shell.waitSaved();
  await app.screenshot('demo-explore');

  // Hovering a bar shows that month's amounts per provider, formatted like the table.
  const box = await explore.chart.locator('svg').first().boundingBox();
  if (!box) throw new Error('The chart has no size.');
  await app.page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.7);
  const tooltip = app.page.locator('.visx-tooltip');
  await expect(tooltip).toContainText('Total');
  await expect(tooltip).toContainText(/\d,\d{3}\.\d{2}/);
  await app.page.screenshot({ path: 'test-results/screenshots/demo-explore-tooltip.png' });

  // The screens not built yet say what they will do instead of showing made-up numbers.
  await shell.goto('chargeback');
  await expect(app.page.getByTestId('empty-state')).toContainText('not available yet');
  await app.screenshot('planned-chargeback');
});
