import { createHash, timingSafeEqual } from 'node:crypto';
import { isRole, ROLES, type Role } from './roles.js';

/** Who is calling: a fingerprint of the key (safe to log and to count by) and its roles. */
export interface Principal {
  /** `key:<first 12 hex of SHA-256>`, or `anonymous` when the API runs without keys. */
  id: string;
  roles: ReadonlySet<Role>;
}

export const ANONYMOUS: Principal = { id: 'anonymous', roles: new Set(ROLES) };

/** Keys shorter than this are refused at startup: a guessable key is no key. */
export const MIN_KEY_LENGTH = 16;

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Parses `role:key` pairs, separated by commas or newlines; in key files (`comments`)
 * `#` starts a comment, elsewhere it may be part of a key. Problems never quote a key,
 * since configuration errors end up in logs.
 */
export function parseApiKeys(
  text: string,
  source: string,
  { comments = false }: { comments?: boolean } = {},
): { pairs: { role: Role; key: string }[]; problems: string[] } {
  const pairs: { role: Role; key: string }[] = [];
  const problems: string[] = [];
  const entries = text
    .split(/[\n,]/)
    .map((line) => (comments ? line.replace(/#.*$/, '') : line).trim())
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const role = colon === -1 ? '' : entry.slice(0, colon).trim();
    const key = colon === -1 ? '' : entry.slice(colon + 1).trim();
    const where = `${source} entry ${index + 1}`;
    if (colon === -1) problems.push(`${where}: expected role:key`);
    else if (!isRole(role)) problems.push(`${where}: unknown role ${JSON.stringify(role)} (roles: ${ROLES.join(', ')})`);
    else if (key.length < MIN_KEY_LENGTH) problems.push(`${where}: the key is shorter than ${MIN_KEY_LENGTH} characters`);
    else if (/\s/.test(key)) problems.push(`${where}: the key contains whitespace`);
    else pairs.push({ role, key });
  });
  return { pairs, problems };
}

/**
 * The configured keys, held as SHA-256 digests. A lookup compares the presented key's
 * digest with every known digest in constant time and without stopping at a match, so
 * neither the content nor the position of a key leaks through timing.
 */
export class KeyRing {
  private readonly entries: { digest: Buffer; principal: Principal }[];

  constructor(pairs: readonly { role: Role; key: string }[]) {
    const byKey = new Map<string, Set<Role>>();
    for (const { role, key } of pairs) byKey.set(key, (byKey.get(key) ?? new Set()).add(role));
    this.entries = [...byKey].map(([key, roles]) => {
      const hash = digest(key);
      return { digest: hash, principal: { id: `key:${hash.toString('hex').slice(0, 12)}`, roles } };
    });
  }

  get size(): number {
    return this.entries.length;
  }

  identify(presented: string): Principal | undefined {
    const hash = digest(presented);
    let found: Principal | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(hash, entry.digest)) found = entry.principal;
    }
    return found;
  }
}
