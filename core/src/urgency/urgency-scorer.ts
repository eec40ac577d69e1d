import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scoreNonBlank, type Scorer, type UrgencyResult } from '../scoring/scorer.js';
import { splitTicketText } from './features.js';
import { assessUrgency, parseUrgencyModel, UrgencyModelError, type UrgencyModel } from './urgency-model.js';

/** The committed model (`npm run train:urgency` writes it). */
export const DEFAULT_URGENCY_MODEL_FILE = fileURLToPath(new URL('../../../models/urgency-model.json', import.meta.url));

/** Reads and checks a model file; a missing or malformed one is an UrgencyModelError. */
export function loadUrgencyModel(path: string): UrgencyModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UrgencyModelError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseUrgencyModel(text, path);
}

/**
 * S = the urgency model's calibrated probability that the ticket is urgent. The tone
 * scorer (a sentiment model) supplies one feature; the cues supply the rest. Texts are
 * `subject\nbody`, as tickets are scored.
 */
export function createUrgencyModelScorer(model: UrgencyModel, tone: Scorer, reason: string): Scorer {
  const name = `${model.file.name} (tone: ${tone.info.model})`;
  return {
    info: { kind: 'model', model: name, reason },
    score: (texts) =>
      scoreNonBlank(texts, name, async (filled): Promise<UrgencyResult[]> => {
        const tones = await tone.score(filled);
        return filled.map((text, i) => {
          const { subject, body } = splitTicketText(text);
          const assessed = assessUrgency(model, subject, body, tones[i]!.score);
          return {
            score: assessed.score,
            label: assessed.score >= 0.5 ? 'NEGATIVE' : 'POSITIVE',
            model: name,
            explanation: assessed.explanation,
          };
        });
      }),
    // The tone's passes are this scorer's: one tone pass per call, or the micro-batcher's.
    ...(tone.observePasses && { observePasses: (onPass: (texts: number) => void) => tone.observePasses!(onPass) }),
  };
}
