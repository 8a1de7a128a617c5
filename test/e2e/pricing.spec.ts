import { expect, test, type App } from './fixtures';
import { PricingPage } from './pages/pricing-page';

// The screen must fit a 1280 × 800 window (a 13-inch laptop) without sideways scrolling.
test.use({ viewport: { width: 1280, height: 800 } });

/** Nothing in the main pane is wider than the pane: no horizontal scroll bar at this size. */
async function expectNoOverflow(app: App): Promise<void> {
  const overflow = await app.page.evaluate(() => {
    const main = document.querySelector('main');
    return main ? main.scrollWidth - main.clientWidth : -1;
  });
  expect(overflow).toBe(0);
}

function amount(text: string): number {
  const m = /-?[\d,]+\.\d{2}/.exec(text);
  if (!m) throw new Error(`No amount in "${text}"`);
  return Number(m[0].replace(/,/g, ''));
}

test('on the demo workspace: catalog search and history, unmatched names, a discount override and right-sizing', async ({ app }) => {
  const { start, shell, page } = app;
  const pricing = new PricingPage(page);
  await start.openDemo();
  await shell.goto('pricing');
  await expect(pricing.root).toBeVisible();

  await test.step('search a model by words and see its price history and aliases', async () => {
    await pricing.find('sonnet 4.5', { provider: 'anthropic', model: 'claude-sonnet-4-5' });
    const first = pricing.history.getByTestId('price-record').first();
    await expect(first).toHaveAttribute('data-from', '2025-09-29');
    // Anthropic's list price of Sonnet 4.5, with its source and the day it was checked.
    await expect(first).toContainText('3.00');
    await expect(first).toContainText('15.00');
    await expect(first).toContainText('anthropic.com/pricing#api');
    await expect(first).toContainText('2026-07-29');
    await expect(pricing.aliases.filter({ hasText: 'claude-sonnet-4-5-20250929' })).toHaveCount(1);
    await expectNoOverflow(app);
    await app.screenshot('pricing-models');
  });

  await test.step('a Bedrock inference-profile id finds the canonical model at Bedrock, in its data zone', async () => {
    await pricing.find('us.anthropic.claude-sonnet-4-5-20250929-v1:0', { provider: 'aws-bedrock', model: 'claude-sonnet-4-5' });
    await expect(pricing.hits.first()).toContainText('Data zone');
    await expect(pricing.detail.getByTestId('other-seller')).toHaveText(['Anthropic API', 'Google Cloud Vertex AI']);
    await expect(pricing.history.getByTestId('price-record').filter({ hasText: 'Data zone' }).first()).toContainText('3.30');
  });

  await test.step('unmatched names, largest spend first, and looking one up', async () => {
    await pricing.tab('unmatched');
    await expect(pricing.unmatchedRows.first()).toBeVisible();
    // The demo's Bedrock spellings resolve through catalog aliases, so they are not listed.
    const names = await pricing.unmatchedRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
    expect(names).not.toContain('claude-4-sonnet');
    expect(names).not.toContain('claude-3.5-haiku');
    expect(names).toContain('o3-mini');
    const billed = await pricing.unmatchedRows.evaluateAll((rows) => rows.map((r) => r.children[5]?.textContent ?? ''));
    const values = billed.map(amount);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await expectNoOverflow(app);
    await app.screenshot('pricing-unmatched');

    await pricing.unmatchedRows.filter({ has: page.getByText('o3-mini', { exact: true }) }).getByTestId('unmatched-lookup').click();
    await expect(pricing.search).toHaveValue('o3-mini');
    await expect(pricing.detail).toHaveAttribute('data-model', 'o3-mini');
  });

  await test.step('a discount override re-prices the token charges and says how many', async () => {
    await pricing.tab('overrides');
    await expect(page.getByTestId('overrides-empty')).toBeVisible();
    await pricing.addDiscount({ seller: 'Anthropic API', model: 'Claude Sonnet 4', percent: '12.5', from: '2026-08-01', note: 'Order form 2026-07' }, () =>
      app.screenshot('pricing-override-dialog'),
    );
    await expect(pricing.overrideRun).toContainText(/Re-priced [\d,]+ token rows/);
    const withOverride = Number(/([\d,]+) with an override/.exec(await pricing.overrideRun.innerText())?.[1].replace(/,/g, ''));
    expect(withOverride).toBeGreaterThan(0);
    await expect(pricing.overrideRows).toHaveCount(1);
    await expect(pricing.overrideRows.first()).toContainText('12.5 % off the catalog');
    await expectNoOverflow(app);
    await app.screenshot('pricing-overrides');

    await pricing.tab('discounts');
    const sonnet = page.locator('[data-testid="discount-row"][data-model="claude-sonnet-4"]').filter({ hasText: 'Anthropic' });
    await expect(sonnet).toBeVisible();
    await expect(sonnet.locator('td').last()).not.toHaveText('0');
    // Azure is billed below list in the demo: its discount shows.
    await expect(page.locator('[data-testid="discount-row"][data-model="gpt-4o"]').filter({ hasText: 'Microsoft' }).getByTestId('discount-percent')).toHaveText('15.00 %');
    await expectNoOverflow(app);
    await app.screenshot('pricing-discounts');
  });

  await test.step('an override can be changed and deleted, each time re-pricing', async () => {
    await pricing.tab('overrides');
    await pricing.overrideRows.first().getByTestId('override-edit').click();
    const dialog = page.getByTestId('override-dialog');
    await expect(dialog.getByTestId('override-discount')).toHaveValue('12.5');
    await dialog.getByTestId('override-discount').fill('15');
    await dialog.getByTestId('override-save').click();
    await expect(dialog).toBeHidden({ timeout: 60_000 });
    await expect(pricing.overrideRun).toContainText('Override #1 changed. Re-priced');
    await expect(pricing.overrideRows.first()).toContainText('15 % off the catalog');

    await pricing.overrideRows.first().getByTestId('override-delete').click();
    await page.getByRole('button', { name: 'Delete and re-price' }).click();
    await expect(pricing.overrideRun).toContainText('Override #1 deleted. Re-priced');
    await expect(pricing.overrideRun).toContainText(' 0 with an override');
    await expect(page.getByTestId('overrides-empty')).toBeVisible();
  });

  await test.step('right-sizing a model slice shows its token mix and candidate costs, cheapest first', async () => {
    await pricing.tab('right-size');
    await pricing.rightSize('Model', 'gpt-4o', /^GPT-4o \(gpt-4o\)/);
    await expect(page.getByTestId('mix-row')).toHaveCount(3);
    await expect(page.locator('[data-testid="mix-row"][data-meter="cachedInput"]')).toBeVisible();
    // Both sellers the slice ran on are marked as actual.
    await expect(pricing.candidate('openai', 'gpt-4o')).toHaveAttribute('data-actual', 'true');
    await expect(pricing.candidate('azure-openai', 'gpt-4o')).toHaveAttribute('data-actual', 'true');
    const costs = (await pricing.candidates.getByTestId('candidate-cost').allInnerTexts()).map(amount);
    expect(costs.length).toBeGreaterThan(10);
    // The fully priced candidates come first, cheapest first.
    const complete = await pricing.candidates.evaluateAll((rows) => rows.map((r) => !(r.textContent ?? '').includes('(part)')));
    const firstComplete = costs.filter((_, i) => complete[i]);
    expect(firstComplete).toEqual([...firstComplete].sort((a, b) => a - b));
    await expect(pricing.candidate('openai', 'gpt-4o-mini').getByTestId('candidate-savings')).toContainText('−');
    await expectNoOverflow(app);
    await app.screenshot('pricing-right-size');
  });

  await test.step('a seller slice with tokens some models cannot price states them instead of guessing', async () => {
    await pricing.rightSize('Seller', 'OpenAI', /^OpenAI/);
    await expect(pricing.results).toContainText('OpenAI');
    // OpenAI's batch list has no cached-input rate for GPT-4.1: those tokens stay unpriced, on the slice and on candidates.
    await expect(page.getByTestId('right-size-actual')).not.toHaveText('0.00');
    const partial = pricing.candidates.filter({ hasText: '(part)' }).first();
    await expect(partial).toContainText('Cached read');
    await expect(partial).toContainText('has no cachedInput rate');
    // The proxy log repeats two days the usage report covers: it is left out, and the screen says so.
    await expect(page.getByTestId('right-size-sources')).toContainText('LiteLLM spend logs');
    await expectNoOverflow(app);
    await app.screenshot('pricing-right-size-partial');
  });
});

test('an empty workspace says what to do on every pricing tab', async ({ app }) => {
  const { start, shell, page } = app;
  const pricing = new PricingPage(page);
  await start.createWorkspace('Empty pricing');
  await shell.goto('pricing');
  await pricing.find('haiku 4.5', { provider: 'anthropic', model: 'claude-haiku-4-5' });
  await pricing.search.fill('no such model at all');
  await expect(page.getByTestId('search-empty')).toBeVisible();
  await pricing.tab('unmatched');
  await expect(pricing.unmatchedEmpty).toBeVisible();
  await pricing.tab('overrides');
  await expect(page.getByTestId('overrides-empty')).toBeVisible();
  await pricing.tab('discounts');
  await expect(page.getByTestId('discounts-empty')).toBeVisible();
  await pricing.tab('right-size');
  await expect(page.getByTestId('right-size-no-usage')).toBeVisible();
  await expectNoOverflow(app);
  await app.screenshot('pricing-empty');
});
