/**
 * Runs two arms of a comparison `rounds` times each, interleaved: A B, then B A, then
 * A B … so neither arm always runs first (on a colder or warmer machine), and drift on a
 * shared VM hits both alike. Returns the samples of each arm in round order, so
 * sample i of A and sample i of B form a pair.
 */
export async function interleave<T>(
  rounds: number,
  a: (round: number) => Promise<T>,
  b: (round: number) => Promise<T>,
  between: () => Promise<void> = async () => undefined,
): Promise<{ a: T[]; b: T[] }> {
  const out = { a: [] as T[], b: [] as T[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    for (const arm of order) {
      await between();
      out[arm].push(await (arm === 'a' ? a : b)(round));
    }
  }
  return out;
}
