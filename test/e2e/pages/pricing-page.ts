import { expect, type Locator, type Page } from '@playwright/test';

export type PricingTab = 'models' | 'unmatched' | 'overrides' | 'discounts' | 'right-size';

/** The Pricing screen: catalog search and history, unmatched names, overrides, discounts, right-sizing. */
export class PricingPage {
  readonly root: Locator;
  readonly search: Locator;
  readonly hits: Locator;
  readonly detail: Locator;
  readonly history: Locator;
  readonly aliases: Locator;
  readonly unmatchedRows: Locator;
  readonly unmatchedEmpty: Locator;
  readonly overrideRows: Locator;
  readonly overrideRun: Locator;
  readonly results: Locator;
  readonly candidates: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('pricing-screen');
    this.search = page.getByTestId('model-search');
    this.hits = page.getByTestId('search-hit');
    this.detail = page.getByTestId('model-detail');
    this.history = page.getByTestId('price-history');
    this.aliases = page.getByTestId('model-alias');
    this.unmatchedRows = page.getByTestId('unmatched-row');
    this.unmatchedEmpty = page.getByTestId('unmatched-empty');
    this.overrideRows = page.getByTestId('override-row');
    this.overrideRun = page.getByTestId('override-run');
    this.results = page.getByTestId('right-size-results');
    this.candidates = page.getByTestId('candidate-row');
  }

  async tab(id: PricingTab): Promise<void> {
    await this.page.getByTestId(`pricing-tab-${id}`).click();
    await expect(this.page.getByTestId(`pricing-panel-${id}`)).toBeVisible();
  }

  /** Types a query and waits until the model shown is the one expected. */
  async find(query: string, expected: { provider: string; model: string }): Promise<void> {
    await this.search.fill(query);
    await expect(this.hits.first()).toHaveAttribute('data-model', expected.model);
    await expect(this.detail).toHaveAttribute('data-model', expected.model);
    await expect(this.detail).toHaveAttribute('data-provider', expected.provider);
  }

  /** Picks an option of a MUI select by the field's label, inside `scope`. */
  async choose(scope: Locator, label: string, option: string): Promise<void> {
    await scope.getByRole('combobox', { name: label }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /** Fills the override dialog with a discount and saves it; `beforeSave` can look at the filled dialog. */
  async addDiscount(o: { seller: string; model: string; percent: string; from: string; note: string }, beforeSave?: () => Promise<void>): Promise<void> {
    await this.page.getByTestId('override-add').click();
    const dialog = this.page.getByTestId('override-dialog');
    await expect(dialog).toBeVisible();
    await this.choose(dialog, 'Seller', o.seller);
    await this.choose(dialog, 'Model', o.model);
    await dialog.getByTestId('override-discount').fill(o.percent);
    await dialog.getByTestId('override-from').fill(o.from);
    await dialog.getByTestId('override-note').fill(o.note);
    if (beforeSave) await beforeSave();
    await dialog.getByTestId('override-save').click();
    await expect(dialog).toBeHidden({ timeout: 60_000 });
  }

  /** Picks a slice field, types into the value box and picks the option named `option`, then runs the comparison. */
  async rightSize(field: string, typed: string, option: RegExp): Promise<void> {
    await this.choose(this.page.getByTestId('pricing-panel-right-size'), 'Slice by', field);
    await this.page.getByTestId('slice-value').fill(typed);
    await this.page.getByRole('option', { name: option }).click();
    await this.page.getByTestId('right-size-run').click();
    await expect(this.results).toBeVisible({ timeout: 60_000 });
  }

  candidate(provider: string, model: string): Locator {
    return this.page.locator(`[data-testid="candidate-row"][data-provider="${provider}"][data-model="${model}"]`);
  }
}
