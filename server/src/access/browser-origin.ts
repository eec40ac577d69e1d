import type { IncomingHttpHeaders } from 'node:http';
import { crossSiteVerdict, hostAllowed } from '@iq/core';

/** What the origin checks need; the same for HTTP requests and WebSocket upgrades. */
export interface OriginPolicy {
  corsOrigins: readonly string[];
  allowedHosts: readonly string[];
  keysRequired: boolean;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Why an API without keys will not answer under this Host (DNS rebinding), or undefined. */
export function foreignHost(headers: IncomingHttpHeaders, policy: OriginPolicy): string | undefined {
  if (policy.keysRequired || hostAllowed(headers.host, policy.corsOrigins, policy.allowedHosts)) return undefined;
  return 'This API serves requests without a key only under its own host names (ALLOWED_HOSTS)';
}

/** Why a state-changing request from a page on another site is refused, or undefined. */
export function crossSiteRefusal(headers: IncomingHttpHeaders, policy: OriginPolicy): string | undefined {
  const verdict = crossSiteVerdict(
    { origin: first(headers.origin) || undefined, secFetchSite: first(headers['sec-fetch-site']), host: headers.host },
    policy.corsOrigins,
  );
  return verdict.allowed ? undefined : `Cross-site request refused: ${verdict.reason}`;
}
