// Types of serve-web.mjs for the TypeScript that starts it in-process (benchmarks).
export type WebServer = { url: string; port: number; close(): Promise<void> };
export const DEFAULT_WEB_ROOT: string;
export const DEFAULT_PORT: number;
export const WEB_CSP: string;
export function resolveStaticPath(root: string, requestUrl: string): string | null;
export function serveWeb(options?: { port?: number; root?: string; host?: string }): Promise<WebServer>;
