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
  // mark them with Sec-Fetch-Site; with no origin to check, only the API's own pages
  // (same-origin) and the user's own navigation (none) may act. A same-site page — another
  // app on localhost, say — is as foreign as any other.
  if ((secFetchSite === 'cross-site' || secFetchSite === 'same-site') && !allowedOrigins.includes('*')) {
    return { allowed: false, reason: `a ${secFetchSite} request without an allowed Origin` };
  }
  return { allowed: true };
}

const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

/**
 * Whether an API without keys should answer a request addressed to `host` (the Host
 * header). DNS rebinding points an attacker's name at 127.0.0.1: the browser then treats
 * the API as the attacker's own origin, sends no Origin on reads and a matching one on
 * writes. Only names the operator expects — IP literals, localhost, the hosts of
 * CORS_ORIGINS and ALLOWED_HOSTS — are served; with keys, a rebound page has no key.
 */
export function hostAllowed(host: string | undefined, allowedOrigins: readonly string[], allowedHosts: readonly string[]): boolean {
  if (host === undefined || host === '') return true; // HTTP/1.0 clients; browsers always send Host
  let name: string;
  try {
    name = new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (IP_LITERAL.test(name) || name === 'localhost' || name.endsWith('.localhost')) return true;
  if (allowedHosts.some((h) => h.toLowerCase() === name)) return true;
  return allowedOrigins.some((origin) => {
    try {
      return origin !== '*' && new URL(origin).hostname.toLowerCase() === name;
    } catch {
      return false;
    }
  });
}

function sameHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
