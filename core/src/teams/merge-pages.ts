/**
 * One page of several teams' lists, each already read from its start to `offset + limit`
 * in the same order: merged by `compare`, then cut to the page. What every read across
 * teams does, since no one team knows where another's entries fall in the whole.
 */
export function mergePages<T>(lists: readonly (readonly T[])[], compare: (a: T, b: T) => number, offset: number, limit: number): T[] {
  return lists
    .flat()
    .sort(compare)
    .slice(offset, offset + limit);
}
