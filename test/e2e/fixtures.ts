import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { ExplorePage } from './pages/explore-page';
import { ImportPage } from './pages/import-page';
import { ShellPage } from './pages/shell-page';
import { StartPage } from './pages/start-page';

export const SCREENSHOT_DIR = join('test-results', 'screenshots');
export const FOCUS_SAMPLE = join('test', 'fixtures', 'focus-1.0-sample', 'focus_sample_subset200.csv');

export type App = {
  page: Page;
  start: StartPage;
  shell: ShellPage;
  importer: ImportPage;
  explore: ExplorePage;
  /** Loads the app again (same browser context, so the same origin-private storage). */
  reload: () => Promise<void>;
  /** Writes test-results/screenshots/<name>.png with the whole scrolled content. */
  screenshot: (name: string) => Promise<void>;
  /** Uncaught errors the page threw so far. */
  pageErrors: string[];
};

async function waitReady(page: Page): Promise<void> {
  // The app sets this once the engine worker has started; no sleeping.
  await page.locator('body[data-app-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
}

/**
 * The app scrolls inside its own panes, so a plain full-page shot would cut them off: grow the
 * viewport to the tallest pane for the shot, then put it back.
 */
async function fullScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const size = page.viewportSize();
  const needed = await page.evaluate(() => {
    const panes = Array.from(document.querySelectorAll<HTMLElement>('main, [data-testid="start-screen"]'));
    return Math.max(document.documentElement.scrollHeight, ...panes.map((el) => el.getBoundingClientRect().top + el.scrollHeight));
  });
  if (size && needed > size.height) await page.setViewportSize({ width: size.width, height: Math.min(4000, Math.ceil(needed)) });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
  if (size && needed > size.height) await page.setViewportSize(size);
}

/** Opens the app in `page`, logging its console and uncaught errors into the test output. */
export async function openApp(page: Page, url = '/'): Promise<App> {
  const pageErrors: string[] = [];
  page.on('console', (msg) => console.log(`[browser ${msg.type()}] ${msg.text()}`));
  page.on('pageerror', (error) => {
    pageErrors.push(error.stack ?? error.message);
    console.log(`[pageerror] ${error.stack ?? error.message}`);
  });
  page.on('crash', () => console.log('[page crashed]'));
  await page.goto(url);
  await waitReady(page);
  return {
    page,
    start: new StartPage(page),
    shell: new ShellPage(page),
    importer: new ImportPage(page),
    explore: new ExplorePage(page),
    reload: async () => {
      await page.reload();
      await waitReady(page);
    },
    screenshot: (name) => fullScreenshot(page, name),
    pageErrors,
  };
}

/**
 * Playwright gives every test a fresh browser context, so each starts with empty origin-private
 * storage: no workspace from an earlier test can leak in. An uncaught page error fails the test.
 */
export const test = base.extend<{ app: App }>({
  app: async ({ page }, use, testInfo) => {
    const app = await openApp(page);
    await use(app);
    if (app.pageErrors.length > 0) {
      await testInfo.attach('page-errors', { body: app.pageErrors.join('\n\n'), contentType: 'text/plain' });
      throw new Error(`The page threw ${app.pageErrors.length} uncaught error(s):\n${app.pageErrors.join('\n')}`);
    }
  },
});

export { expect };
