import { beforeEach, describe, expect, it, vi } from 'vitest';

const created: Array<Record<string, unknown>> = [];

vi.mock('electron', () => ({
  BrowserWindow: vi.fn(function FakeBrowserWindow(options: Record<string, unknown>) {
    created.push(options);
    return { once: vi.fn(), show: vi.fn() };
  }),
}));

const { createAppWindow, secureWebPreferences } = await import('../../../src/main/window');

/** The reviewed set (reliability.md §1.4, checklist A.1). Any change here needs a security review. */
const SECURE_SET = {
  preload: '/app/out/preload/index.cjs',
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  webviewTag: false,
  spellcheck: false,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
};

beforeEach(() => {
  created.length = 0;
});

describe('window factory', () => {
  it('secureWebPreferences is exactly the reviewed set', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toStrictEqual(SECURE_SET);
  });

  it('every window it creates gets exactly those preferences', () => {
    createAppWindow({ preloadPath: '/app/out/preload/index.cjs' });
    createAppWindow({ preloadPath: '/app/out/preload/index.cjs', title: 'About', width: 400, height: 300 });
    expect(created).toHaveLength(2);
    for (const options of created) {
      expect(options.webPreferences).toStrictEqual(SECURE_SET);
      expect(options).not.toHaveProperty('webPreferences.enableBlinkFeatures');
    }
  });

  it('starts hidden so no blank frame flashes before the first paint', () => {
    createAppWindow({ preloadPath: '/p' });
    expect(created[0]).toMatchObject({ show: false });
  });
});
