import { expect, type Locator, type Page } from '@playwright/test';

export type ScreenId = 'import' | 'explore' | 'allocation' | 'unit-metrics' | 'chargeback' | 'commitments' | 'pricing' | 'settings';

/** The open workspace: app bar, navigation and save status. */
export class ShellPage {
  readonly root: Locator;
  readonly name: Locator;
  readonly saveStatus: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('workspace-shell');
    this.name = page.getByTestId('workspace-name');
    this.saveStatus = page.getByTestId('save-status');
  }

  async goto(screen: ScreenId): Promise<void> {
    await this.page.getByTestId(`nav-${screen}`).click();
    await expect(this.page.getByTestId(`screen-${screen}`)).toBeVisible();
  }

  /** Autosave is debounced; wait until the status line says everything is on disk. */
  async waitSaved(): Promise<void> {
    await expect(this.saveStatus).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
    await expect(this.saveStatus).toContainText('All changes saved');
  }
}
