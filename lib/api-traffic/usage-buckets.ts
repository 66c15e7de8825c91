import { emptyHistogram, LATENCY_COLUMNS, latencyBucketIndex, percentileFromHistogram, type LatencyHistogram } from "@/lib/api-traffic/latency-buckets";
import type { RequestOutcome } from "@/lib/api-traffic/types";
import type { UsageFigures, UsageGranularity } from "@/lib/schemas/api-traffic";

// Pure arithmetic shared by the recorder (which fills the counters) and the
// usage service (which reads them back): bucket numbering, alignment and sums.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** How long one bucket of each granularity lasts. */
export const GRANULARITY_MS: Record<UsageGranularity, number> = { minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS };

/** Whole minutes since the Unix epoch: ApiUsageMinute.minute. */
export const minuteOf = (at: Date) => Math.floor(at.getTime() / MINUTE_MS);
/** Whole hours since the Unix epoch: ApiUsageHour.hour. */
export const hourOf = (at: Date) => Math.floor(at.getTime() / HOUR_MS);

/**
 * The buckets a range [from, to) touches, as bucket numbers since the epoch:
 * the first is the one `from` falls in (so the series starts on a UTC
 * minute, hour or midnight), the last the one just before `to` ends. The
 * epoch is a UTC midnight, so day n starts at n × 24 h.
 */
export function bucketRange(from: Date, to: Date, granularity: UsageGranularity): { first: number; end: number; points: number } {
  const unit = GRANULARITY_MS[granularity];
  const first = Math.floor(from.getTime() / unit);
  const end = Math.max(first, Math.ceil(to.getTime() / unit));
  return { first, end, points: end - first };
}

/** A bucket's start as the API shows it. */
export const bucketStart = (bucket: number, granularity: UsageGranularity) => new Date(bucket * GRANULARITY_MS[granularity]).toISOString();

/** Counts over any set of requests: what one usage row holds, and what sums of rows hold. */
export type UsageCounts = {
  requests: number;
  succeeded: number;
  clientErrors: number;
  serverErrors: number;
  rateLimited: number;
  latency: LatencyHistogram;
};

export function emptyCounts(): UsageCounts {
  return { requests: 0, succeeded: 0, clientErrors: 0, serverErrors: 0, rateLimited: 0, latency: emptyHistogram() };
}

const OUTCOME_FIELD: Record<RequestOutcome, "succeeded" | "clientErrors" | "serverErrors" | "rateLimited"> = {
  succeeded: "succeeded",
  client_error: "clientErrors",
  server_error: "serverErrors",
  rate_limited: "rateLimited",
};

/** Counts one request into `counts` (in place). */
export function countRequest(counts: UsageCounts, outcome: RequestOutcome, latencyMs: number): void {
  counts.requests += 1;
  counts[OUTCOME_FIELD[outcome]] += 1;
  counts.latency[latencyBucketIndex(latencyMs)] += 1;
}

/** Adds `more` into `into` (in place). */
export function addCounts(into: UsageCounts, more: UsageCounts): void {
  into.requests += more.requests;
  into.succeeded += more.succeeded;
  into.clientErrors += more.clientErrors;
  into.serverErrors += more.serverErrors;
  into.rateLimited += more.rateLimited;
  for (let i = 0; i < into.latency.length; i++) into.latency[i] += more.latency[i] ?? 0;
}

/** A row of sums as the database answers it (numbers, bigints or numeric strings, by driver) → counts. */
export function countsFromRow(row: Record<string, unknown>): UsageCounts {
  const n = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));
  return {
    requests: n(row.requests),
    succeeded: n(row.succeeded),
    clientErrors: n(row.clientErrors),
    serverErrors: n(row.serverErrors),
    rateLimited: n(row.rateLimited),
    latency: LATENCY_COLUMNS.map((column) => n(row[column])),
  };
}

/** Counts as the API shows them, with percentiles to the histogram's bucket. */
export function toFigures(counts: UsageCounts): UsageFigures {
  return {
    requests: counts.requests,
    succeeded: counts.succeeded,
    client_errors: counts.clientErrors,
    server_errors: counts.serverErrors,
    rate_limited: counts.rateLimited,
    p50_ms: percentileFromHistogram(counts.latency, 0.5),
    p95_ms: percentileFromHistogram(counts.latency, 0.95),
    p99_ms: percentileFromHistogram(counts.latency, 0.99),
  };
}

/**
 * Every bucket of the range in order, zeros where nothing was counted.
 * `counted` maps bucket numbers to their sums; buckets outside the range are ignored.
 */
export function fillSeries(first: number, end: number, counted: ReadonlyMap<number, UsageCounts>, granularity: UsageGranularity) {
  const series: ({ start: string } & UsageFigures)[] = [];
  const totals = emptyCounts();
  for (let bucket = first; bucket < end; bucket++) {
    const counts = counted.get(bucket) ?? emptyCounts();
    addCounts(totals, counts);
    series.push({ start: bucketStart(bucket, granularity), ...toFigures(counts) });
  }
  return { series, totals };
}
