/**
 * The renderer's Content-Security-Policy. The same string is in the meta tag of
 * src/renderer/index.html and in scripts/serve-web.mjs (a test keeps the copies equal).
 * - 'wasm-unsafe-eval': sql.js compiles its WebAssembly in the engine worker; never 'unsafe-eval'.
 * - style-src 'unsafe-inline': MUI's emotion injects <style> tags at run time.
 * - worker-src/connect-src blob: and data:: the engine worker and downloads of exported files.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
