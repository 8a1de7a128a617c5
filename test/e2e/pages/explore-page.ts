import { expect, type Locator, type Page } from '@playwright/test';

/** The Explore screen: KPI cards, the stacked bar chart and the month × provider table. */
export class ExplorePage {
  readonly chart: Locator;
  readonly table: Locator;
  readonly grandTotal: Locator;

  constructor(readonly page: Page) {
    this.chart = page.getByTestId('explore-chart');
    this.table = page.getByTestId('explore-table');
    this.grandTotal = page.getByTestId('explore-grand-total');
  }

  kpi(id: 'billed' | 'effective' | 'list' | 'rows' | 'months'): Locator {
    return this.page.getByTestId(`kpi-${id}-value`);
  }

  async providers(): Promise<string[]> {
    return (await this.table.getByTestId('explore-table-provider').allInnerTexts()).map((t) => t.trim());
  }

  async months(): Promise<string[]> {
    return (await this.table.getByTestId('explore-table-month').locator('th').allInnerTexts()).map((t) => t.trim());
  }

  async waitLoaded(): Promise<void> {
    await expect(this.chart).toBeVisible();
    await expect(this.table).toBeVisible();
    // The chart draws its bars once it has measured its container.
    await expect(this.chart.locator('svg rect').first()).toBeVisible();
  }

  /** The grand total as shown, e.g. "12,345.67"; and as a number for comparisons. */
  async total(): Promise<{ text: string; value: number }> {
    const text = (await this.grandTotal.innerText()).trim();
    return { text, value: Number(text.replace(/,/g, '')) };
  }
}
