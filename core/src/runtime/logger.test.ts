import { describe, expect, it } from 'vitest';
import { resolveLogFormat } from './logger.js';

describe('resolveLogFormat', () => {
  it('auto: JSON off a terminal, pretty on one; explicit values stay', () => {
    expect(resolveLogFormat('auto', false)).toBe('json');
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });
});
