import { z } from 'zod';
import { compileFamilies, extractFeatures, featureNames, type CompiledFamily } from './features.js';
import { predict } from './logistic.js';

export const MODEL_FORMAT = 'intelligent-queue/urgency-model';

const familySchema = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  description: z.string(),
  negatable: z.boolean(),
  phrases: z.array(z.string().min(1)).min(1),
});

/** The committed model file: cue definitions, fitted weights, and how it was trained. */
export const urgencyModelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.number().int().positive(),
  name: z.string().min(1),
  /** The sentiment backend whose P(NEGATIVE) the `tone` weight was fitted on. */
  tone: z.string().min(1),
  families: z.array(familySchema).min(1),
  features: z.array(z.string()),
  bias: z.number().refine(Number.isFinite, 'must be finite'),
  weights: z.record(z.string(), z.number().refine(Number.isFinite, 'must be finite')),
  training: z.object({ examples: z.number().int(), urgent: z.number().int(), lambda: z.number(), data_sha256: z.string() }).passthrough(),
});

export type UrgencyModelFile = z.infer<typeof urgencyModelFileSchema>;

/** A model file that cannot be used; the message says which file and what is wrong. */
export class UrgencyModelError extends Error {
  constructor(source: string, problem: string) {
    super(`urgency model ${source}: ${problem}`);
    this.name = 'UrgencyModelError';
  }
}

export interface UrgencyModel {
  file: UrgencyModelFile;
  families: CompiledFamily[];
  names: string[];
  weights: number[];
}

/** Parses and checks a model file's text; every problem is an UrgencyModelError naming `source`. */
export function parseUrgencyModel(text: string, source: string): UrgencyModel {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UrgencyModelError(source, `not JSON (${(error as Error).message})`);
  }
  const parsed = urgencyModelFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UrgencyModelError(source, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const file = parsed.data;
  if (file.version !== 1) throw new UrgencyModelError(source, `version ${file.version} is not one this code reads (1)`);
  const ids = file.families.map((f) => f.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new UrgencyModelError(source, `family ${duplicate} is listed twice`);
  for (const family of file.families) {
    for (const phrase of family.phrases) {
      const problem = phraseProblem(phrase);
      if (problem) throw new UrgencyModelError(source, `family ${family.id}: phrase ${JSON.stringify(phrase)} ${problem}`);
    }
  }
  let families: CompiledFamily[];
  try {
    families = compileFamilies(file.families);
  } catch (error) {
    throw new UrgencyModelError(source, `a cue phrase is not a valid pattern (${(error as Error).message})`);
  }
  const names = featureNames(file.families);
  if (names.join(',') !== file.features.join(',')) {
    throw new UrgencyModelError(source, `features do not match the families (expected ${names.join(', ')})`);
  }
  const missing = names.filter((n) => !(n in file.weights));
  if (missing.length > 0) throw new UrgencyModelError(source, `no weight for ${missing.join(', ')}`);
  return { file, families, names, weights: names.map((n) => file.weights[n]!) };
}

/**
 * Why a phrase cannot be a cue: it would match nothing at all (and so fire everywhere), it
 * captures (the matcher reads only the whole match), or its parentheses do not balance on
 * their own — `a)|(?:b` would escape the word boundaries it is wrapped in.
 */
function phraseProblem(phrase: string): string | undefined {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < phrase.length; i++) {
    const c = phrase[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') {
      if (phrase[i + 1] !== '?') return 'has a capturing group; use (?:…)';
      depth++;
    } else if (c === ')' && --depth < 0) return 'closes a group it did not open';
  }
  if (depth !== 0) return 'leaves a group open';
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^(?:${phrase})$`, 'iu');
  } catch (error) {
    return `is not a valid pattern (${(error as Error).message})`;
  }
  if (pattern.test('')) return 'matches an empty text';
  return undefined;
}

export interface Contribution {
  feature: string;
  /** What fired: the phrase, or `tone 0.31`. */
  label: string;
  contribution: number;
}

export interface UrgencyAssessment {
  score: number;
  contributions: Contribution[];
  explanation: string;
}

const signed = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(1)}`;

/** S and its explanation for one ticket, given its tone (the sentiment backend's P(NEGATIVE)). */
export function assessUrgency(model: UrgencyModel, subject: string, body: string, tone: number): UrgencyAssessment {
  const { values, matched } = extractFeatures(model.families, subject, body, tone);
  const score = predict({ bias: model.file.bias, weights: model.weights }, values);
  const contributions: Contribution[] = [];
  values.forEach((value, i) => {
    if (value === 0 && i !== 0) return;
    const feature = model.names[i]!;
    const label = feature === 'tone' ? `tone ${tone.toFixed(2)}` : feature.startsWith('subject:') ? `subject “${matched[i]}”` : matched[i]!;
    contributions.push({ feature, label, contribution: model.weights[i]! * value });
  });
  contributions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const explanation = contributions
    // The tone is always shown: "tone 0.05" says the text reads calm, which is part of the answer.
    .filter((c) => c.feature === 'tone' || Math.abs(c.contribution) >= 0.05)
    .map((c) => `${c.label} ${signed(c.contribution)}`)
    .join(' · ');
  return { score, contributions, explanation };
}
