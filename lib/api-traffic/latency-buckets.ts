/**
 * Fixed latency buckets: each counts the requests answered in at most that
 * many milliseconds (and more than the bound before it); one more counts the
 * rest. Fixed bounds add up across minutes, keys and instances by plain
 * addition, so p50/p95/p99 over any range are answered to the bucket.
 * The order matches the latencyLe… columns of ApiUsageMinute and ApiUsageHour.
 */
export const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;

/** Bucket counts: one per bound, then the overflow. */
export type LatencyHistogram = number[];

export const LATENCY_COLUMNS = [...LATENCY_BUCKETS_MS.map((bound) => `latencyLe${bound}` as const), "latencyOver" as const];
export type LatencyColumn = (typeof LATENCY_COLUMNS)[number];

export function emptyHistogram(): LatencyHistogram {
  return new Array<number>(LATENCY_COLUMNS.length).fill(0);
}

/** The bucket a latency falls in: the first bound it does not exceed, or the overflow. */
export function latencyBucketIndex(latencyMs: number): number {
  const index = LATENCY_BUCKETS_MS.findIndex((bound) => latencyMs <= bound);
  return index === -1 ? LATENCY_BUCKETS_MS.length : index;
}

/**
 * The q-quantile (0 < q ≤ 1) as the upper bound of the bucket it falls in;
 * in the overflow bucket, the largest bound (the answer is "more than that").
 * Null when nothing was counted.
 */
export function percentileFromHistogram(histogram: readonly number[], q: number): number | null {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i];
    if (seen >= rank) return LATENCY_BUCKETS_MS[Math.min(i, LATENCY_BUCKETS_MS.length - 1)];
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
}
