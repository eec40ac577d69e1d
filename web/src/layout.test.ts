import { describe, expect, it } from 'vitest';

// Every module of src as text, tests included: a test importing across a seam is a user of it too.
const sources = import.meta.glob<string>(['./**/*.{ts,tsx}', '!./**/*.d.ts', '!./layout.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

const importsOf = (source: string) => [...source.matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1]!);
const importsIn = (folder: string) =>
  Object.entries(sources)
    .filter(([path]) => path.startsWith(folder))
    .flatMap(([path, source]) => importsOf(source).map((specifier) => `${path}: ${specifier}`));

describe('the layout of src', () => {
  it('finds the modules it checks', () => {
    expect(Object.keys(sources)).toContain('./live/LiveProvider.tsx');
    expect(importsIn('./live/').length).toBeGreaterThan(10);
  });

  it('keeps live/ free of the views built on it', () => {
    expect(importsIn('./live/').filter((line) => /: \.\.\/(activity|queue|submit|header|urgency|claims|jobs)\//.test(line))).toEqual([]);
  });

  it('keeps each view from importing another', () => {
    const views = ['activity', 'queue', 'submit', 'header', 'urgency', 'claims', 'jobs'];
    expect(importsIn('./claims/').length).toBeGreaterThan(5);
    const across = views.flatMap((view) => {
      const others = new RegExp(`: \\.\\./(${views.filter((v) => v !== view).join('|')})/`);
      return importsIn(`./${view}/`).filter((line) => others.test(line));
    });
    expect(across).toEqual([]);
  });

  it('imports the shared contract as @iq/core/domain, never the barrel that loads Redis and BullMQ', () => {
    const core = importsIn('./').filter((line) => /: @iq\/core\b/.test(line));
    expect(core.length).toBeGreaterThan(0);
    expect(core.filter((line) => !line.endsWith(': @iq/core/domain'))).toEqual([]);
  });
});
