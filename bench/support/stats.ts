/** Small statistics helpers for benchmark figures. */

/**
 * The `p`-th percentile (0..100) of `values` by the nearest-rank method; `NaN` when empty.
 * @param values samples, in any order (not modified)
 * @param p percentile between 0 and 100
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** p50, p95 and max of a sample. */
export interface Summary {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

/** Summarizes a sample as count, p50, p95 and max. */
export function summarize(values: readonly number[]): Summary {
  return {
    count: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
  };
}

/** Counts occurrences of each key. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}
