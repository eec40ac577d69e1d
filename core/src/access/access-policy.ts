/**
 * Whether the API requires keys and where it may listen. The original's clients send no
 * credentials, so an API without keys stays usable — but only on loopback, unless the
 * operator says `AUTH=none` on purpose.
 */
export type AccessPolicy =
  | { mode: 'keys'; host: string; notice?: undefined }
  | { mode: 'open'; host: string; notice: { level: 'info' | 'warn'; message: string } };

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|\[::1\]|localhost)$/i;

export const isLoopback = (host: string): boolean => LOOPBACK.test(host);

export function resolveAccessPolicy(input: {
  auth?: 'none';
  keyCount: number;
  host?: string;
  /** NODE_ENV=production, or TRUST_PROXY set: the API is meant to be reached through something else. */
  exposed?: string;
}): AccessPolicy | { problem: string } {
  const { auth, keyCount, host, exposed } = input;
  if (auth === 'none' && keyCount > 0) {
    return { problem: 'AUTH: AUTH=none with API keys configured; remove one of them' };
  }
  if (keyCount > 0) return { mode: 'keys', host: host ?? '0.0.0.0' };
  if (auth === 'none') {
    const listen = host ?? '0.0.0.0';
    return {
      mode: 'open',
      host: listen,
      notice: isLoopback(listen)
        ? { level: 'info', message: `AUTH=none: no API keys; listening on ${listen} only` }
        : { level: 'warn', message: `AUTH=none: anyone who can reach ${listen} may submit, pop and clear tickets without a key` },
    };
  }
  if (exposed !== undefined) {
    // Behind a proxy, loopback is no protection: the proxy hands the world to it.
    return { problem: `API_KEYS: ${exposed} and no API keys are configured; set API_KEYS (or API_KEYS_FILE), or AUTH=none on purpose` };
  }
  if (host !== undefined && !isLoopback(host)) {
    return {
      problem:
        `HOST: ${host} is not a loopback address and no API keys are configured; ` +
        'set API_KEYS (or API_KEYS_FILE), or AUTH=none to serve it without keys on purpose',
    };
  }
  const listen = host ?? '127.0.0.1';
  return {
    mode: 'open',
    host: listen,
    notice: { level: 'info', message: `no API keys configured: listening on ${listen} only (set API_KEYS to listen on other interfaces)` },
  };
}
