/**
 * Runs `work` over `items` in order, at most `limit` at a time. Stops taking new items once
 * `keepGoing` says no (the ones under way finish). Resolves with how many were started.
 */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
  keepGoing: () => boolean = () => true,
): Promise<number> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && keepGoing()) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return next;
}
