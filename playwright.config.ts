import { defineConfig } from '@playwright/test';

// Debian's Chromium: no browser download is possible on these machines (never `playwright install`).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const PORT = 4319;

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  // Each spec imports real files through a real engine; two at a time keeps a 100 MB import honest.
  workers: 2,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: 'list',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1366, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
      },
    },
    {
      // The same app through Playwright's Electron driver; that spec skips itself without an Electron binary.
      name: 'electron',
      testDir: 'test/e2e-electron',
    },
  ],
  // `npm test` builds out/web before Playwright runs; this only serves it.
  webServer: {
    command: 'node scripts/serve-web.mjs',
    url: `http://127.0.0.1:${PORT}/`,
    env: { PORT: String(PORT) },
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
