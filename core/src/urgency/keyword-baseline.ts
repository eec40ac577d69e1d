/**
 * The original service's urgency before its transformer: a keyword regex. Kept as a
 * baseline for `npm run eval`; graded by how many keywords fire so AUC can rank ties.
 */
const KEYWORDS = /\b(?:asap|urgent(?:ly)?|immediately|emergency|critical|outage|down|not working|broken|can(?:no|')?t|help)\b/gi;

export function keywordScore(text: string): number {
  const hits = text.replace(/’/g, "'").match(KEYWORDS)?.length ?? 0;
  return Math.min(1, hits / 3);
}
