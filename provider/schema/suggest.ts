/**
 * "Did you mean": the known name closest to a misspelt one, for unknown properties (`externalID`,
 * `timeout_seconds`). JavaScript and YAML programs have no compiler to catch a typo, and an ignored
 * property would silently not apply.
 */

/** The candidate that `name` most likely meant, or undefined when none is close. Pure. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[_-]/g, "");
  const wanted = squash(name);
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = candidate.length === 0 ? Infinity : editDistance(wanted, squash(candidate));
    if (best === undefined || distance < best.distance) best = { name: candidate, distance };
  }
  if (best === undefined) return undefined;
  // Same letters up to case and separators, or a slip of one or two characters in a long enough name.
  return best.distance === 0 || (best.distance <= 2 && wanted.length > 4) ? best.name : undefined;
}

/** Levenshtein distance, capped work: names here are short. Pure. */
export function editDistance(a: string, b: string): number {
  if (a.length > 200 || b.length > 200) return Math.abs(a.length - b.length) + 200;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
