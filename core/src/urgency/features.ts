import type { CueFamily } from './cue-families.js';

/** A family compiled for matching. */
export interface CompiledFamily {
  id: string;
  negatable: boolean;
  pattern: RegExp;
}

const NEGATION = /(?:\b(?:not|no|never|without|nothing|nor|hardly|none)\b|n't\b)/;

export function compileFamilies(families: readonly Pick<CueFamily, 'id' | 'negatable' | 'phrases'>[]): CompiledFamily[] {
  return families.map((family) => ({
    id: family.id,
    negatable: family.negatable,
    // Word-ish boundaries that also work next to $, digits and punctuation; a hyphen
    // before a phrase joins it to another word ("pre-production" is not production).
    pattern: new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${family.phrases.join('|')})(?![\\p{L}\\p{N}_])`, 'giu'),
  }));
}

/** Lowercased, typographic apostrophes straightened, quoted mail (`> …` lines) left out: the new words decide. */
export function normalize(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*>/.test(line))
    .join('\n')
    .toLowerCase()
    .replace(/[’‘]/g, "'");
}

/** The first phrase of `family` that fires in `text` (not negated), or undefined. */
export function firstMatch(family: CompiledFamily, text: string): string | undefined {
  family.pattern.lastIndex = 0;
  for (const match of text.matchAll(family.pattern)) {
    if (family.negatable && negated(text, match.index)) continue;
    return match[0];
  }
  return undefined;
}

/** Whether one of the three words before `index` (in the same sentence) negates what follows. */
function negated(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 40), index);
  const sentence = before.split(/[.!?;\n]/).at(-1) ?? '';
  const words = sentence.trim().split(/\s+/).slice(-3).join(' ');
  return NEGATION.test(words);
}

/** Splits `subject\nbody` (how tickets are scored); a text without a newline is all body. */
export function splitTicketText(text: string): { subject: string; body: string } {
  const newline = text.indexOf('\n');
  return newline === -1 ? { subject: '', body: text } : { subject: text.slice(0, newline), body: text.slice(newline + 1) };
}

/** Feature names: one per family for the body, one for the subject, and the tone. */
export const featureNames = (families: readonly { id: string }[]): string[] => [
  'tone',
  ...families.flatMap((f) => [f.id, `subject:${f.id}`]),
];

export interface ExtractedFeatures {
  values: number[];
  /** The phrase that fired each feature (for explanations), by feature index. */
  matched: (string | undefined)[];
}

/** The feature vector of one ticket, in `featureNames` order. */
export function extractFeatures(families: readonly CompiledFamily[], subject: string, body: string, tone: number): ExtractedFeatures {
  const s = normalize(subject);
  const b = normalize(body);
  const values = [tone];
  const matched: (string | undefined)[] = [undefined];
  for (const family of families) {
    const inBody = firstMatch(family, b);
    const inSubject = firstMatch(family, s);
    values.push(inBody === undefined ? 0 : 1, inSubject === undefined ? 0 : 1);
    matched.push(inBody, inSubject);
  }
  return { values, matched };
}
