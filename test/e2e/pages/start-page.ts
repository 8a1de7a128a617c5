import { expect, type Locator, type Page } from '@playwright/test';

/** The start screen: shown whenever no workspace is open. */
export class StartPage {
  readonly root: Locator;
  readonly demoButton: Locator;
  readonly newButton: Locator;
  readonly openButton: Locator;
  readonly recent: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('start-screen');
    this.demoButton = page.getByTestId('demo-button');
    this.newButton = page.getByTestId('new-workspace-button');
    this.openButton = page.getByTestId('open-workspace-button');
    this.recent = page.getByTestId('recent-workspaces');
    this.error = this.root.getByTestId('error-report');
  }

  async openDemo(): Promise<void> {
    await this.demoButton.click();
    await expect(this.page.getByTestId('workspace-shell')).toBeVisible({ timeout: 90_000 });
  }

  async createWorkspace(name: string): Promise<void> {
    await this.newButton.click();
    await this.page.getByTestId('new-workspace-name').fill(name);
    await this.page.getByTestId('new-workspace-create').click();
    await expect(this.page.getByTestId('workspace-shell')).toBeVisible();
  }

  recentItem(name: string): Locator {
    return this.recent.getByTestId('recent-workspace').filter({ hasText: name });
  }

  async openRecent(name: string): Promise<void> {
    await this.recentItem(name).first().click();
    await expect(this.page.getByTestId('workspace-shell')).toBeVisible();
  }
}
