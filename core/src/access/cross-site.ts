/**
 * Whether a state-changing request may come from where the browser says it comes from.
 * Non-browser clients (curl, the original's pytest suite) send neither `Origin` nor
 * `Sec-Fetch-Site` and pass; a page on another site is refused unless its origin is
 * allowed, so a cross-site form, `<img>` or WebSocket cannot act with an agent's access.
 */
export interface RequestOrigin {
  origin?: string;
  secFetchSite?: string;
  /** The Host header: a page served by the API itself is same-origin. */
  host?: string;
}

export type CrossSiteVerdict = { allowed: true } | { allowed: false; reason: string };

export function crossSiteVerdict(request: RequestOrigin, allowedOrigins: readonly string[]): CrossSiteVerdict {
  const { origin, secFetchSite, host } = request;
  if (origin !== undefined) {
    if (allowedOrigins.includes('*') || allowedOrigins.includes(origin)) return { allowed: true };
    if (host !== undefined && sameHost(origin, host)) return { allowed: true };
    return { allowed: false, reason: `origin ${origin === 'null' ? 'null' : origin} is not allowed (CORS_ORIGINS)` };
  }
  // Browsers omit Origin on simple GET navigations and subresources (<img>, <a>), but
  // mark them with Sec-Fetch-Site; with no origin to check, a cross-site one is refused.
  if (secFetchSite === 'cross-site' && !allowedOrigins.includes('*')) {
    return { allowed: false, reason: 'a cross-site request without an allowed Origin' };
  }
  return { allowed: true };
}

function sameHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
