import { describe, expect, it } from 'vitest';
import { modulesLoadedBy as loadedBy, packagesIn } from '../testing/modules-loaded.js';

/** What importing `specifier` loads, in a process of its own. */
const modulesLoadedBy = (specifier: string) => loadedBy(`await import(${JSON.stringify(specifier)});`).resolved;

describe('@iq/core/domain', () => {
  it('loads no Redis client, BullMQ, pino, transformers.js or Node built-in: only zod', () => {
    const resolved = modulesLoadedBy('@iq/core/domain');
    // The hook ran and saw the domain itself, so an empty list cannot pass by accident.
    expect(resolved.some((url) => url.endsWith('/core/src/domain/index.ts'))).toBe(true);
    expect(resolved.some((url) => url.endsWith('/core/src/domain/activity-events.ts'))).toBe(true);
    expect([...packagesIn(resolved)]).toEqual(['zod']);
    expect(resolved.filter((url) => url.startsWith('node:'))).toEqual([]);
    expect(resolved.filter((url) => url.includes('/core/src/') && !url.includes('/core/src/domain/'))).toEqual([]);
  });

  it('is told apart from the full barrel, which does load BullMQ, ioredis and pino', () => {
    const packages = packagesIn(modulesLoadedBy('@iq/core'));
    for (const name of ['bullmq', 'ioredis', 'pino']) expect(packages).toContain(name);
  });
});
