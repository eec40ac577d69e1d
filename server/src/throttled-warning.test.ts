import { describe, expect, it } from 'vitest';
import { throttledWarning } from './throttled-warning.js';

function recorder() {
  const lines: [Record<string, unknown>, string][] = [];
  return { lines, log: { warn: (fields: Record<string, unknown>, msg: string) => void lines.push([fields, msg]) } as never };
}

describe('throttledWarning', () => {
  it('logs a key at once, then at most once per interval, saying how many it held back', () => {
    const { lines, log } = recorder();
    let now = 0;
    const warn = throttledWarning(log, 'bad thing', 1_000, () => now);
    warn('a', { type: 'a' });
    warn('a', { type: 'a' });
    warn('a', { type: 'a' });
    now = 999;
    warn('a', { type: 'a' });
    expect(lines).toEqual([[{ type: 'a', suppressed: 0 }, 'bad thing']]);
    now = 1_000;
    warn('a', { type: 'a' });
    expect(lines.at(-1)).toEqual([{ type: 'a', suppressed: 3 }, 'bad thing']);
  });

  it('counts each key on its own', () => {
    const { lines, log } = recorder();
    const warn = throttledWarning(log, 'bad thing', 1_000, () => 0);
    warn('a');
    warn('b');
    warn('a');
    expect(lines.map(([fields]) => fields)).toEqual([{ suppressed: 0 }, { suppressed: 0 }]);
  });
});
