import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assessUrgency, parseUrgencyModel } from './urgency-model.js';
import { DEFAULT_URGENCY_MODEL_FILE, loadUrgencyModel } from './urgency-scorer.js';

const committed = readFileSync(DEFAULT_URGENCY_MODEL_FILE, 'utf8');
const withChange = (change: (m: any) => void) => {
  const m = JSON.parse(committed);
  change(m);
  return JSON.stringify(m);
};

describe('the urgency model file', () => {
  it('loads the committed model', () => {
    const model = loadUrgencyModel(DEFAULT_URGENCY_MODEL_FILE);
    expect(model.names[0]).toBe('tone');
    expect(model.weights).toHaveLength(model.names.length);
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '{"format":', /^urgency model m\.json: not JSON/],
    ['another format', withChange((m) => (m.format = 'other')), /^urgency model m\.json: format: /],
    ['a weight missing', withChange((m) => delete m.weights.tone), /no weight for tone/],
    ['a weight not a number', withChange((m) => (m.weights.tone = 'high')), /weights\.tone: /],
    ['features out of step', withChange((m) => m.features.pop()), /features do not match the families/],
    ['a broken pattern', withChange((m) => (m.families[0].phrases = ['a{2,1}'])), /phrase "a\{2,1\}" is not a valid pattern/],
    ['an unclosed group', withChange((m) => (m.families[0].phrases = ['(?:unclosed'])), /leaves a group open/],
    ['no families', withChange((m) => (m.families = [])), /families: /],
    ['a phrase matching nothing', withChange((m) => (m.families[0].phrases = ['x?'])), /phrase "x\?" matches an empty text/],
    ['a phrase escaping its group', withChange((m) => (m.families[0].phrases = ['zzz)|(?:world'])), /closes a group it did not open/],
    ['a capturing group', withChange((m) => (m.families[0].phrases = ['(out)age'])), /has a capturing group/],
    ['a family twice', withChange((m) => m.families.push(m.families[0])), /family impact is listed twice/],
    ['an unknown version', withChange((m) => (m.version = 2)), /version 2 is not one this code reads/],
  ])('refuses %s with a message naming the file', (_what, text, message) => {
    expect(() => parseUrgencyModel(text, 'm.json')).toThrow(message);
  });

  it('refuses a missing file', () => {
    expect(() => loadUrgencyModel('/nonexistent/u.json')).toThrow('urgency model /nonexistent/u.json: cannot be read (ENOENT)');
  });
});

describe('assessUrgency', () => {
  const model = loadUrgencyModel(DEFAULT_URGENCY_MODEL_FILE);

  it('explains S by tone and the cues that fired, heaviest first', () => {
    const a = assessUrgency(model, 'Outage', 'Our whole company is locked out since this morning.', 0.3);
    expect(a.score).toBeGreaterThan(0.5);
    expect(a.explanation).toMatch(/tone 0\.30 [+−]\d\.\d/);
    expect(a.explanation).toContain('subject “outage”');
    const magnitudes = a.contributions.map((c) => Math.abs(c.contribution));
    expect(magnitudes).toEqual([...magnitudes].sort((x, y) => y - x));
  });

  it('ranks a calm outage above an angry complaint about a font', () => {
    const calm = assessUrgency(model, 'Checkout down for all customers', 'Hi team, since 9am no customer can pay. Thanks!', 0.1);
    const angry = assessUrgency(model, 'YOUR FONT IS HORRIBLE', 'This font on the invoice is UGLY and I HATE it.', 0.95);
    expect(calm.score).toBeGreaterThan(angry.score);
  });

  it('lets dampeners pull S down', () => {
    const plain = assessUrgency(model, 'Export broken', 'The CSV export is broken.', 0.5);
    const damped = assessUrgency(model, 'Export broken', 'The CSV export is broken. No rush, whenever you can.', 0.5);
    expect(damped.score).toBeLessThan(plain.score);
    expect(damped.explanation).toMatch(/no rush −/);
  });
});
