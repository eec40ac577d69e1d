import { readFileSync } from 'node:fs';
import { ConfigError, KeyRing, parseApiKeys, resolveAccessPolicy, type AccessPolicy } from '@iq/core';
import type { ServerConfig } from '../config.js';

/** The keys and the listening policy, resolved once at startup. */
export interface AccessSetup {
  policy: AccessPolicy;
  /** Empty when the API runs without keys. */
  ring: KeyRing;
  /** Whether callers must present a key. */
  required: boolean;
}

/** Reads API_KEYS and API_KEYS_FILE; every problem is reported at once, no key is ever quoted. */
export function resolveAccess(config: ServerConfig): AccessSetup {
  const problems: string[] = [];
  const pairs = [];
  if (config.API_KEYS !== undefined) {
    const parsed = parseApiKeys(config.API_KEYS, 'API_KEYS');
    pairs.push(...parsed.pairs);
    problems.push(...parsed.problems);
    // Set but holding nothing (" ", ","): a lost secret must not quietly open the API.
    if (parsed.pairs.length === 0 && parsed.problems.length === 0) problems.push('API_KEYS: it is set but holds no role:key pair');
  }
  if (config.API_KEYS_FILE !== undefined) {
    let text: string | undefined;
    try {
      text = readFileSync(config.API_KEYS_FILE, 'utf8');
    } catch (error) {
      problems.push(`API_KEYS_FILE: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (text !== undefined) {
      const parsed = parseApiKeys(text, 'API_KEYS_FILE', { comments: true });
      pairs.push(...parsed.pairs);
      problems.push(...parsed.problems);
      if (parsed.pairs.length === 0 && parsed.problems.length === 0) problems.push('API_KEYS_FILE: the file holds no keys');
    }
  }
  const ring = new KeyRing(pairs);
  const exposed =
    config.NODE_ENV === 'production' ? 'NODE_ENV=production' : config.TRUST_PROXY !== false ? 'TRUST_PROXY is set' : undefined;
  const policy = resolveAccessPolicy({ auth: config.AUTH, keyCount: ring.size, host: config.HOST, exposed });
  if ('problem' in policy) problems.push(policy.problem);
  if (problems.length > 0 || 'problem' in policy) throw new ConfigError(problems);
  return { policy, ring, required: policy.mode === 'keys' };
}
