import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('.', import.meta.url));

describe('ending the process', () => {
  it('happens only in the entry point: startServer and everything it builds throw instead', () => {
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const exiting = files.filter((f) => /\bprocess\.exit\(/.test(readFileSync(path.join(src, f), 'utf8')));
    expect(exiting).toEqual(['index.ts']);
  });
});
