import { expect, type Locator, type Page } from '@playwright/test';

/** Exact decimal text ("12.3456", "-0.5") -> picodollars, without a float. */
export function picoOf(text: string): bigint {
  const m = /^(-)?(\d+)(?:\.(\d{0,12}))?$/.exec(text.trim());
  if (!m) throw new Error(`Not a decimal with at most 12 places: ${text}`);
  const units = BigInt(m[2] + (m[3] ?? '').padEnd(12, '0'));
  return m[1] ? -units : units;
}

/** Picodollars rounded half away from zero to the cent, as the app shows money: "1,234.57". */
export function centsText(pico: bigint): string {
  const negative = pico < 0n;
  const mag = negative ? -pico : pico;
  const cents = (mag + 5_000_000_000n) / 10_000_000_000n;
  const int = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = `${int}.${(cents % 100n).toString().padStart(2, '0')}`;
  return negative && cents > 0n ? `-${body}` : body;
}

/** The dialog listing one allocated value's lines: month, rule or split, rows, billed cost. */
export class AllocatedLinesDialog {
  readonly root: Locator;
  readonly title: Locator;
  readonly table: Locator;
  readonly lines: Locator;
  readonly months: Locator;
  readonly total: Locator;
  readonly rows: Locator;
  readonly more: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('allocated-lines-dialog');
    this.title = this.root.locator('#allocated-lines-title');
    this.table = this.root.getByTestId('allocated-lines-table');
    this.lines = this.root.getByTestId('allocated-line');
    this.months = this.root.getByTestId('allocated-lines-month');
    this.total = this.root.getByTestId('allocated-lines-total');
    this.rows = this.root.getByTestId('allocated-lines-rows');
    this.more = this.root.getByTestId('allocated-lines-more');
  }

  async waitLoaded(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.table).toBeVisible({ timeout: 60_000 });
  }

  /** Lines a split rule put on the value (a tag rule's or the default's have no source). */
  splitLines(): Locator {
    return this.lines.filter({ has: this.page.getByTestId('allocated-line-source') });
  }

  /** The exact billed cost of each listed line, in picodollars. */
  async billedPicos(lines: Locator = this.lines): Promise<bigint[]> {
    const texts = await lines.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-billed') ?? ''));
    return texts.map(picoOf);
  }

  /**
   * Boxes in the dialog whose content is wider than they are, and the dialog itself when it does
   * not fit the window; text cut with an ellipsis on purpose does not count.
   */
  async horizontalOverflow(): Promise<string[]> {
    return this.root.evaluate((dialog) => {
      const paper = dialog.querySelector<HTMLElement>('.MuiDialog-paper') ?? dialog;
      const out: string[] = [];
      const box = paper.getBoundingClientRect();
      if (box.left < 0 || box.right > window.innerWidth) out.push(`dialog ${Math.round(box.left)}..${Math.round(box.right)} of ${window.innerWidth}`);
      for (const el of [paper, ...Array.from(paper.querySelectorAll<HTMLElement>('*'))]) {
        const style = getComputedStyle(el);
        const scrolls = el === paper || style.overflowX === 'auto' || style.overflowX === 'scroll';
        if (scrolls && el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} ${el.scrollWidth}>${el.clientWidth}`);
      }
      return out;
    });
  }

  /** Scrolls the dialog's content to its end (the total), for a screenshot. */
  async scrollToEnd(): Promise<void> {
    await this.root.locator('.MuiDialogContent-root').evaluate((content) => content.scrollTo(0, content.scrollHeight));
  }
}
