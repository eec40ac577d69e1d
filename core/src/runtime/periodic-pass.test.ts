import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from './logger.js';
import { runPeriodically } from './periodic-pass.js';

const logger = () => ({ warn: vi.fn() }) as unknown as Logger & { warn: ReturnType<typeof vi.fn> };

describe('runPeriodically', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('never overlaps a slow pass with the next, and stop() waits for the one in progress', async () => {
    let release!: () => void;
    const pass = vi.fn(() => new Promise<number>((resolve) => (release = () => resolve(1))));
    const done = vi.fn();
    const loop = runPeriodically(pass, { intervalMs: 100, log: logger(), failure: 'failed', done });
    await vi.advanceTimersByTimeAsync(450);
    expect(pass).toHaveBeenCalledTimes(1);
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(done).toHaveBeenCalledWith(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(pass).toHaveBeenCalledTimes(1);
  });

  it('logs a failed pass, but leaves an unreachable Redis to the connection-state log', async () => {
    const log = logger();
    const report = vi.fn((error: unknown) => (error as Error).message === 'Connection is closed.');
    const redisState = { report, up: vi.fn() } as never;
    const failures = [new Error('Connection is closed.'), new Error('script bug')];
    const loop = runPeriodically(async () => Promise.reject(failures.shift()), { intervalMs: 100, log, redisState, failure: 'pass failed' });
    await vi.advanceTimersByTimeAsync(250);
    await loop.stop();
    expect(report).toHaveBeenCalledTimes(2);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledWith({ err: 'script bug' }, 'pass failed');
  });
});
