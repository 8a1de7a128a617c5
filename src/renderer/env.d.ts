/** Set by vite.web.config.ts ('browser') and electron.vite.config.ts ('desktop') at build time. */
declare const __COSTBOOK_HOST__: 'browser' | 'desktop';
