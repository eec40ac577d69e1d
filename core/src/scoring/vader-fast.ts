import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * VADER's `polarity_scores`, as the `vader-sentiment` package (1.1.x) computes it, without
 * its per-call cost: the package builds a dictionary of every word joined with every one
 * of 17 punctuation marks on both sides (`get_words_plus_punc`) for each text, and looks
 * every word up in plain objects several times. Here the tables are Maps built once, each
 * token is lower-cased, classified and looked up once, and the word+punctuation
 * dictionary becomes the rule it encodes (see `stripAffix`). The arithmetic is the
 * package's, step for step and in the same order, so the scores are the same numbers
 * (`vader-fast.test.ts` compares both on the eval tickets, the lexicon and odd strings).
 *
 * The lexicon is the package's own `vader_lexicon.txt` (the source of its `vader_lexicon.js`;
 * a later entry of a repeated word wins, as there); the other tables are copied from
 * `vaderSentiment.js`.
 */

export interface PolarityScores {
  neg: number;
  neu: number;
  pos: number;
  compound: number;
}

const B_INCR = 0.293;
const B_DECR = -0.293;
const C_INCR = 0.733;
const N_SCALAR = -0.74;

/** `string.punctuation`: the characters the package strips to find the words. */
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
const PUNC_LIST = new Set(['.', '!', '?', ',', ';', ':', '-', "'", '"', '!!', '!!!', '??', '???', '?!?', '!?!', '?!?!', '!?!?']);

const NEGATE = new Set([
  'aint', 'arent', 'cannot', 'cant', 'couldnt', 'darent', 'didnt', 'doesnt', "ain't", "aren't", "can't", "couldn't",
  "daren't", "didn't", "doesn't", 'dont', 'hadnt', 'hasnt', 'havent', 'isnt', 'mightnt', 'mustnt', 'neither', "don't",
  "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", 'neednt', "needn't", 'never', 'none', 'nope', 'nor',
  'not', 'nothing', 'nowhere', 'oughtnt', 'shant', 'shouldnt', 'uhuh', 'wasnt', 'werent', "oughtn't", "shan't",
  "shouldn't", 'uh-uh', "wasn't", "weren't", 'without', 'wont', 'wouldnt', "won't", "wouldn't", 'rarely', 'seldom',
  'despite',
]);

const BOOSTER = new Map<string, number>([
  ...[
    'absolutely', 'amazingly', 'awfully', 'completely', 'considerably', 'decidedly', 'deeply', 'effing', 'enormously',
    'entirely', 'especially', 'exceptionally', 'extremely', 'fabulously', 'flipping', 'flippin', 'fricking', 'frickin',
    'frigging', 'friggin', 'fully', 'fucking', 'greatly', 'hella', 'highly', 'hugely', 'incredibly', 'intensely',
    'majorly', 'more', 'most', 'particularly', 'purely', 'quite', 'really', 'remarkably', 'so', 'substantially',
    'thoroughly', 'totally', 'tremendously', 'uber', 'unbelievably', 'unusually', 'utterly', 'very',
  ].map((w): [string, number] => [w, B_INCR]),
  ...[
    'almost', 'barely', 'hardly', 'just enough', 'kind of', 'kinda', 'kindof', 'kind-of', 'less', 'little',
    'marginally', 'occasionally', 'partly', 'scarcely', 'slightly', 'somewhat', 'sort of', 'sorta', 'sortof', 'sort-of',
  ].map((w): [string, number] => [w, B_DECR]),
]);

const SPECIAL_CASE_IDIOMS = new Map<string, number>([
  ['the shit', 3],
  ['the bomb', 3],
  ['bad ass', 1.5],
  ['yeah right', -2],
  ['cut the mustard', 2],
  ['kiss of death', -1.5],
  ['hand to mouth', -2],
]);

/** The package's lexicon file: `word<TAB>mean<TAB>sd<TAB>ratings`, one word a line. */
export const VADER_LEXICON_FILE = createRequire(import.meta.url).resolve('vader-sentiment/vader_lexicon.txt');

function loadLexicon(file: string): Map<string, number> {
  const lexicon = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    const [word, mean] = line.split('\t');
    const valence = Number(mean);
    if (word === undefined || mean === undefined || !Number.isFinite(valence)) throw new Error(`${file}: malformed line ${JSON.stringify(line)}`);
    lexicon.set(word, valence);
  }
  return lexicon;
}

let lexiconTable: Map<string, number> | undefined;
/** The lexicon, read on first use. */
export function vaderLexicon(): ReadonlyMap<string, number> {
  return (lexiconTable ??= loadLexicon(VADER_LEXICON_FILE));
}

/** Python's `str.isupper` as the package writes it: /^[^a-z]*[A-Z]+[^a-z]*$/. */
function isUpper(word: string): boolean {
  let upper = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) upper = true;
  }
  return upper;
}

/** The package's `negated([word])`: a negation word, or any word containing "n't". */
const isNegation = (word: string) => NEGATE.has(word) || word.includes("n't");

/**
 * What the package's word+punctuation dictionary does to a token: `P + w` and `w + P`
 * become `w` when P is one of PUNC_LIST and w is a word of the text, i.e. a token
 * without punctuation and longer than one character. Since w has no punctuation, P is
 * the token's whole leading (or trailing) run of punctuation, and w is the token itself
 * with that run removed.
 */
function stripAffix(token: string): string {
  const n = token.length;
  let lead = 0;
  while (lead < n && PUNCTUATION.has(token[lead]!)) lead++;
  if (lead > 0) {
    if (n - lead < 2 || !PUNC_LIST.has(token.slice(0, lead))) return token;
    for (let i = lead; i < n; i++) if (PUNCTUATION.has(token[i]!)) return token;
    return token.slice(lead);
  }
  let end = n;
  while (end > 0 && PUNCTUATION.has(token[end - 1]!)) end--;
  if (end === n || end < 2 || !PUNC_LIST.has(token.slice(end))) return token;
  for (let i = 0; i < end; i++) if (PUNCTUATION.has(token[i]!)) return token;
  return token.slice(0, end);
}

const isSoOrThis = (word: string | undefined) => word === 'so' || word === 'this';

function countChar(text: string, char: string): number {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) count++;
  return count;
}

/** The package's `polarity_scores(text)`, the same numbers. */
export function polarityScores(text: string): PolarityScores {
  const lexicon = vaderLexicon();
  // get_words_and_emoticons: whitespace-split, drop singletons, strip punctuation affixes.
  const words: string[] = [];
  for (const token of text.split(/\s/)) if (token.length > 1) words.push(stripAffix(token));
  const n = words.length;
  if (n === 0) return { neg: 0, neu: 0, pos: 0, compound: 0 };

  const lower = new Array<string>(n);
  const upper = new Array<boolean>(n);
  const valences = new Array<number | undefined>(n);
  let allcap = 0;
  for (let i = 0; i < n; i++) {
    const word = words[i]!;
    const l = word.toLowerCase();
    lower[i] = l;
    valences[i] = lexicon.get(l);
    upper[i] = isUpper(word);
    if (upper[i]) allcap++;
  }
  const capDiff = n - allcap;
  const isCapDiff = capDiff > 0 && capDiff < n;

  const sentiments = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const l = lower[i]!;
    if ((i < n - 1 && l === 'kind' && lower[i + 1] === 'of') || BOOSTER.has(l)) {
      sentiments[i] = 0;
      continue;
    }
    sentiments[i] = sentimentValence(words, lower, upper, valences, isCapDiff, i);
  }

  // but_check
  let but = words.indexOf('but');
  if (but === -1) but = words.indexOf('BUT');
  if (but !== -1) {
    for (let i = 0; i < n; i++) {
      if (i < but) sentiments[i] = sentiments[i]! * 0.5;
      else if (i > but) sentiments[i] = sentiments[i]! * 1.5;
    }
  }
  return scoreValence(sentiments, text);
}

function sentimentValence(
  words: string[],
  lower: string[],
  upper: boolean[],
  valences: (number | undefined)[],
  isCapDiff: boolean,
  index: number,
): number {
  const lexiconValence = valences[index];
  if (lexiconValence === undefined) return 0;
  let valence = lexiconValence;
  if (upper[index] && isCapDiff) {
    if (valence > 0) valence += C_INCR;
    else valence -= C_INCR;
  }
  for (let start = 0; start < 3; start++) {
    const at = index - (start + 1);
    if (index > start && valences[at] === undefined) {
      // scalar_inc_dec
      let s = 0.0;
      const boost = BOOSTER.get(lower[at]!);
      if (boost !== undefined) {
        s = boost;
        if (valence < 0) s *= -1;
        if (isCapDiff && upper[at]) {
          if (valence > 0) s += C_INCR;
          else s -= C_INCR;
        }
      }
      if (start === 1 && s !== 0) s = s * 0.95;
      else if (start === 2 && s !== 0) s = s * 0.9;
      valence = valence + s;
      valence = neverCheck(valence, words, start, index);
      if (start === 2) valence = idiomsCheck(valence, words, index);
    }
  }
  // least_check ("least" is a lexicon word only if the lexicon says so)
  if (index > 1 && lower[index - 1] === 'least' && valences[index - 1] === undefined) {
    if (lower[index - 2] !== 'at' && lower[index - 2] !== 'very') valence = valence * N_SCALAR;
  } else if (index > 0 && lower[index - 1] === 'least' && valences[index - 1] === undefined) {
    valence = valence * N_SCALAR;
  }
  return valence;
}

function neverCheck(valence: number, words: string[], start: number, index: number): number {
  if (start === 0) {
    if (isNegation(words[index - 1]!)) valence = valence * N_SCALAR;
  }
  if (start === 1) {
    if (words[index - 2] === 'never' && isSoOrThis(words[index - 1])) valence = valence * 1.5;
    else if (isNegation(words[index - 2]!)) valence = valence * N_SCALAR;
  }
  if (start === 2) {
    if ((words[index - 3] === 'never' && isSoOrThis(words[index - 2])) || isSoOrThis(words[index - 1])) valence = valence * 1.25;
    else if (isNegation(words[index - 3]!)) valence = valence * N_SCALAR;
  }
  return valence;
}

/** Only called with index ≥ 3, as in the package. */
function idiomsCheck(valence: number, w: string[], index: number): number {
  const onezero = `${w[index - 1]} ${w[index]}`;
  const twoonezero = `${w[index - 2]} ${w[index - 1]} ${w[index]}`;
  const twoone = `${w[index - 2]} ${w[index - 1]}`;
  const threetwoone = `${w[index - 3]} ${w[index - 2]} ${w[index - 1]}`;
  const threetwo = `${w[index - 3]} ${w[index - 2]}`;
  for (const sequence of [onezero, twoonezero, twoone, threetwoone, threetwo]) {
    const idiom = SPECIAL_CASE_IDIOMS.get(sequence);
    if (idiom !== undefined) {
      valence = idiom;
      break;
    }
  }
  if (w.length - 1 > index) {
    const idiom = SPECIAL_CASE_IDIOMS.get(`${w[index]} ${w[index + 1]}`);
    if (idiom !== undefined) valence = idiom;
  }
  if (w.length - 1 > index + 1) {
    const idiom = SPECIAL_CASE_IDIOMS.get(`${w[index]} ${w[index + 1]} ${w[index + 2]}`);
    if (idiom !== undefined) valence = idiom;
  }
  if (BOOSTER.has(threetwo) || BOOSTER.has(twoone)) valence = valence + B_DECR;
  return valence;
}

function scoreValence(sentiments: number[], text: string): PolarityScores {
  let sum = 0;
  for (const s of sentiments) sum += s;
  // punctuation_emphasis: up to 4 '!', and 2 or 3+ '?'
  const ep = Math.min(countChar(text, '!'), 4) * 0.292;
  const qmCount = countChar(text, '?');
  const qm = qmCount > 1 ? (qmCount <= 3 ? qmCount * 0.18 : 0.96) : 0;
  const amplifier = ep + qm;
  if (sum > 0) sum += amplifier;
  else if (sum < 0) sum -= amplifier;

  // normalize, alpha = 15
  let compound = sum / Math.sqrt(sum * sum + 15);
  if (compound < -1.0) compound = -1.0;
  else if (compound > 1.0) compound = 1.0;

  let posSum = 0.0;
  let negSum = 0.0;
  let neuCount = 0;
  for (const s of sentiments) {
    if (s > 0) posSum += s + 1;
    else if (s < 0) negSum += s - 1;
    else neuCount += 1;
  }
  if (posSum > Math.abs(negSum)) posSum += amplifier;
  else if (posSum < Math.abs(negSum)) negSum -= amplifier;

  const total = posSum + Math.abs(negSum) + neuCount;
  return {
    neg: parseFloat(Math.abs(negSum / total).toFixed(3)),
    neu: parseFloat(Math.abs(neuCount / total).toFixed(3)),
    pos: parseFloat(Math.abs(posSum / total).toFixed(3)),
    compound: parseFloat(compound.toFixed(4)),
  };
}
