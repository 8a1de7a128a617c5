import { expect, type Locator, type Page } from '@playwright/test';
import { moneyOf, type AllocationPage } from './allocation-page';

type FileToSet = string | { name: string; mimeType: string; buffer: Buffer };

/**
 * The usage measure of the split being edited: the measure picker with what a business metric
 * covers, the business metric import and what it reports; and the split preview's figures.
 */
export class SplitMetricPanel {
  readonly usage: Locator;
  /** The measure as the closed picker shows it. */
  readonly usageShown: Locator;
  readonly coverage: Locator;
  readonly importButton: Locator;
  readonly importInput: Locator;
  readonly imported: Locator;
  readonly error: Locator;
  readonly table: Locator;

  constructor(
    readonly page: Page,
    private readonly allocation: AllocationPage,
  ) {
    this.usage = page.getByTestId('split-usage');
    this.usageShown = this.usage.locator('xpath=..').getByRole('combobox');
    this.coverage = page.getByTestId('split-usage-coverage');
    this.importButton = page.getByTestId('metric-import');
    this.importInput = page.getByTestId('metric-import-input');
    this.imported = page.getByTestId('metric-imported');
    this.error = page.getByTestId('metric-import-error');
    this.table = page.getByTestId('split-table');
  }

  /** Opens a split of the list in the editor by its rule id. */
  async editSplit(id: string): Promise<void> {
    await this.page.locator(`[data-testid="split-row"][data-row-id="${id}"]`).getByTestId('split-select').click();
    await expect(this.allocation.splitEditor).toBeVisible();
  }

  /** Chooses a file in the "Import business metric…" picker and waits for the engine to finish. */
  async importMetric(file: FileToSet): Promise<void> {
    await this.importInput.setInputFiles(file);
    await expect(this.page.getByTestId('metric-import-progress')).toHaveCount(0, { timeout: 30_000 });
    await expect(this.importButton).toBeEnabled();
  }

  /** The measures the picker offers, as the analyst reads them. */
  async usageOptions(): Promise<string[]> {
    await this.usageShown.click();
    const options = this.page.getByRole('listbox').getByRole('option');
    await expect(options.first()).toBeVisible();
    const texts = await options.allInnerTexts();
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByRole('listbox')).toHaveCount(0);
    return texts.map((t) => t.trim());
  }

  /** Waits for the split preview to show figures for the latest draft. */
  async waitFigures(): Promise<void> {
    await expect(this.allocation.splitPreview).toHaveAttribute('data-updating', 'false', { timeout: 60_000 });
    await expect(this.table).toBeVisible({ timeout: 60_000 });
  }

  /** Each value's cost before and after the split, from the preview's table. */
  async figures(): Promise<Map<string, { before: number; after: number }>> {
    const out = new Map<string, { before: number; after: number }>();
    for (const row of await this.table.getByTestId('split-table-row').all()) {
      const value = (await row.getAttribute('data-value')) ?? '';
      out.set(value, { before: moneyOf(await row.getByTestId('split-before').innerText()), after: moneyOf(await row.getByTestId('split-after').innerText()) });
    }
    return out;
  }

  /** "Pooled USD 1,234.56 from 789 rows" -> 1234.56. */
  async pooled(): Promise<number> {
    return moneyOf(await this.page.getByTestId('split-pooled').innerText());
  }
}
