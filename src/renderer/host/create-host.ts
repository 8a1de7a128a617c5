import { createBrowserHost } from './browser-host';
import { createDesktopHost } from './desktop-host';
import type { Host } from './host';

/** The build says which host it targets; the desktop build still checks that the preload ran. */
export function createHost(): Host {
  if (__COSTBOOK_HOST__ === 'desktop' && window.costbook) return createDesktopHost(window.costbook);
  return createBrowserHost();
}
