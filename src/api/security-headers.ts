/**
 * Security headers on every answer (OWASP secure headers): no MIME sniffing, no framing, no referrer,
 * same-origin resource policy, and a Content-Security-Policy that allows nothing for API answers (JSON, CSV,
 * problem+json are never documents to run) and just what the Swagger UI under `/docs` needs (its own
 * scripts, styles and images, and fetching `/docs/json`), and what the portal at `/` needs (its own scripts,
 * styles and MapLibre worker, the API on the same origin; no inline code, nothing from elsewhere). HSTS only when the operator says the API is
 * reached over TLS (`OPENPCS_BEHIND_TLS`): sent over plain HTTP it would lock browsers out of a
 * deployment without TLS.
 */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
  "frame-ancestors 'none'";

const PORTAL_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** The portal's page and its built files (`api/portal-static.ts`). */
function isPortal(path: string): boolean {
  return path === '/' || path.startsWith('/assets/');
}

export interface SecurityHeaderOptions {
  /** Where the Swagger UI is served; its pages get the documentation policy. */
  readonly docsPrefix: string;
  /** The API is reached over TLS (directly or behind a TLS-terminating proxy): send HSTS. */
  readonly behindTls: boolean;
}

/** The headers for an answer to `path` (without the query). */
export function securityHeaders(path: string, options: SecurityHeaderOptions): Record<string, string> {
  const docs = path === options.docsPrefix || path.startsWith(`${options.docsPrefix}/`);
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'content-security-policy': docs ? DOCS_CSP : isPortal(path) ? PORTAL_CSP : API_CSP,
    ...(options.behindTls ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
