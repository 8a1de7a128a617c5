import policy from '../../resources/web-policy.json';

/** The renderer's Content-Security-Policy (why each source is allowed: resources/web-policy.json). */
export const RENDERER_CSP = policy.csp.join('; ');

export const MIME_TYPES: Record<string, string> = policy.mimeTypes;
