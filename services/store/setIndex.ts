/** Secondary indexes of the in-memory record set: key → set of record keys. */
export function addTo(index: Map<string, Set<string>>, key: string, value: string): void {
  let set = index.get(key);
  if (set === undefined) index.set(key, (set = new Set()));
  set.add(value);
}

export function removeFrom(index: Map<string, Set<string>>, key: string, value: string): void {
  const set = index.get(key);
  set?.delete(value);
  if (set?.size === 0) index.delete(key);
}
