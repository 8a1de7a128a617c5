import { expect, type Locator, type Page } from '@playwright/test';

/** "72.4 %" -> 72.4; "–" -> NaN. */
export function percentOf(text: string): number {
  const m = /(-?\d+(?:\.\d+)?)\s*%/.exec(text);
  return m ? Number(m[1]) : Number.NaN;
}

/** "USD 1,234.56" or "1,234.56" -> 1234.56. */
export function moneyOf(text: string): number {
  const m = /-?[\d,]+\.\d+/.exec(text);
  return m ? Number(m[0].replace(/,/g, '')) : Number.NaN;
}

/** The Allocation screen: tag keys and rules, split rules, the live preview and the allocated view. */
export class AllocationPage {
  readonly root: Locator;
  readonly keyCards: Locator;
  readonly preview: Locator;
  readonly previewCoverage: Locator;
  readonly ruleRows: Locator;
  readonly ruleEditor: Locator;
  readonly saveButton: Locator;
  readonly version: Locator;
  readonly unsaved: Locator;
  readonly splitRows: Locator;
  readonly splitEditor: Locator;
  readonly splitPreview: Locator;
  readonly allocated: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('allocation-screen');
    this.keyCards = page.getByTestId('key-card');
    this.preview = page.getByTestId('preview-panel');
    this.previewCoverage = page.getByTestId('preview-coverage');
    this.ruleRows = page.getByTestId('rule-row');
    this.ruleEditor = page.getByTestId('rule-editor');
    this.saveButton = page.getByTestId('allocation-save');
    this.version = page.getByTestId('allocation-version');
    this.unsaved = page.getByTestId('allocation-unsaved');
    this.splitRows = page.getByTestId('split-row');
    this.splitEditor = page.getByTestId('split-editor');
    this.splitPreview = page.getByTestId('split-preview');
    this.allocated = page.getByTestId('allocated-view');
  }

  async waitLoaded(): Promise<void> {
    await expect(this.root).toBeVisible({ timeout: 30_000 });
  }

  keyCard(key: string): Locator {
    return this.page.locator(`[data-testid="key-card"][data-key="${key}"]`);
  }

  async keys(): Promise<string[]> {
    return this.keyCards.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-key') ?? ''));
  }

  /** The coverage a key card shows, in percent (NaN while it is not known yet). */
  async coverageOf(key: string): Promise<number> {
    return percentOf(await this.keyCard(key).getByTestId('key-coverage').innerText());
  }

  /** Waits until the engine's preview is on screen and no newer one is being computed. */
  async waitPreview(): Promise<void> {
    await expect(this.preview).toHaveAttribute('data-updating', 'false', { timeout: 60_000 });
    await expect(this.previewCoverage).toBeVisible({ timeout: 60_000 });
  }

  async selectKey(key: string): Promise<void> {
    await this.keyCard(key).click();
    await expect(this.keyCard(key)).toHaveAttribute('aria-pressed', 'true');
    await expect(this.page.getByTestId('key-title')).toHaveText(key);
  }

  unallocatedEntries(): Locator {
    return this.page.getByTestId('unallocated-item');
  }

  /** Unfolds a ranked list of the preview (values, what to tag next) when it has more entries. */
  async showAll(list: 'preview-values' | 'unallocated'): Promise<void> {
    const more = this.page.getByTestId(`${list}-more`);
    if ((await more.count()) > 0 && (await more.getAttribute('aria-expanded')) === 'false') await more.click();
  }

  async tab(id: 'tags' | 'splits' | 'allocated'): Promise<void> {
    await this.page.getByTestId(`tab-${id}`).click();
    await expect(this.page.getByTestId(`tab-${id}`)).toHaveAttribute('aria-selected', 'true');
  }

  /** Picks an option of an MUI select by its visible text. */
  async choose(select: Locator, option: string | RegExp): Promise<void> {
    // The select's hidden input carries the test id; the visible combobox is its sibling.
    await select.locator('xpath=..').getByRole('combobox').click();
    await this.page.getByRole('option', { name: option }).first().click();
  }

  async save(): Promise<void> {
    await expect(this.saveButton).toBeEnabled({ timeout: 30_000 });
    await this.saveButton.click();
    await expect(this.unsaved).toHaveCount(0, { timeout: 30_000 });
  }

  /** Scrolls the screen back to its top and closes any open suggestion list, for screenshots. */
  async settle(): Promise<void> {
    await this.page.locator('body').click({ position: { x: 5, y: 5 } });
    await this.page.locator('main').evaluate((main) => main.scrollTo(0, 0));
  }

  /**
   * Scrollable boxes on the screen whose content is wider than they are (a horizontal scrollbar),
   * the screen itself included; text cut with an ellipsis on purpose does not count.
   */
  async horizontalOverflow(): Promise<string[]> {
    return this.page.locator('main').evaluate((main) => {
      const boxes = [main, ...Array.from(main.querySelectorAll<HTMLElement>('*'))];
      return boxes
        .filter((el) => {
          const style = getComputedStyle(el);
          const scrolls = el === main || style.overflowX === 'auto' || style.overflowX === 'scroll';
          return scrolls && el.scrollWidth > el.clientWidth + 1;
        })
        .map((el) => `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} ${el.scrollWidth}>${el.clientWidth}`);
    });
  }

  async savedVersion(): Promise<number> {
    const m = /version (\d+)/.exec(await this.version.innerText());
    return m ? Number(m[1]) : 0;
  }
}
