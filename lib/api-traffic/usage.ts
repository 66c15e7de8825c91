import { Prisma, prisma } from "@/lib/db";
import { LATENCY_COLUMNS } from "@/lib/api-traffic/latency-buckets";
import { addCounts, bucketRange, countsFromRow, DAY_MS, emptyCounts, fillSeries, HOUR_MS, toFigures, type UsageCounts } from "@/lib/api-traffic/usage-buckets";
import { apiError } from "@/lib/http/errors";
import { USAGE_MAX_POINTS, type UsageGranularity, type UsageQuery, type UsageReport } from "@/lib/schemas/api-traffic";

/** How far back `from` reaches when it is not given, per granularity. */
export const DEFAULT_SPAN_MS: Record<UsageGranularity, number> = { minute: HOUR_MS, hour: DAY_MS, day: 30 * DAY_MS };

/**
 * Where each granularity is read from: minutes from the minute rows; hours
 * from the hour rows; days as 24 UTC hours of the hour rows summed in SQL.
 * `perBucket` is how many stored units one bucket spans.
 */
const SOURCES: Record<UsageGranularity, { table: string; column: string; perBucket: number }> = {
  minute: { table: "ApiUsageMinute", column: "minute", perBucket: 1 },
  hour: { table: "ApiUsageHour", column: "hour", perBucket: 1 },
  day: { table: "ApiUsageHour", column: "hour", perBucket: 24 },
};

const SUMS = Prisma.raw(
  ["requests", "succeeded", "clientErrors", "serverErrors", "rateLimited", ...LATENCY_COLUMNS].map((column) => `SUM("${column}") AS "${column}"`).join(", "),
);

type Filters = { tenantId: string; first: number; end: number; keyId?: string; mode?: string };

/** Sums of the tenant's rows in the range, grouped by `group` (an expression over the source table's columns). */
async function sumsBy(granularity: UsageGranularity, filters: Filters, group: Prisma.Sql): Promise<{ group: unknown; counts: UsageCounts }[]> {
  const source = SOURCES[granularity];
  const column = Prisma.raw(`"${source.column}"`);
  const conditions = [
    Prisma.sql`"tenantId" = ${filters.tenantId}`,
    Prisma.sql`${column} >= ${filters.first * source.perBucket}`,
    Prisma.sql`${column} < ${filters.end * source.perBucket}`,
  ];
  if (filters.keyId) conditions.push(Prisma.sql`"keyId" = ${filters.keyId}`);
  if (filters.mode) conditions.push(Prisma.sql`"mode" = ${filters.mode}`);
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>(
    Prisma.sql`SELECT ${group} AS "grp", ${SUMS} FROM ${Prisma.raw(`"${source.table}"`)} WHERE ${Prisma.join(conditions, " AND ")} GROUP BY ${group}`,
  );
  return rows.map((row) => ({ group: row.grp, counts: countsFromRow(row) }));
}

const busiestFirst = <T extends { requests: number }>(a: T & { name: string }, b: T & { name: string }) =>
  b.requests - a.requests || a.name.localeCompare(b.name);

/**
 * The tenant's platform API usage over a range: a series with every bucket
 * (zeros included), totals, and the range split by route and by key, busiest
 * first. More than USAGE_MAX_POINTS buckets is refused: the caller picks a
 * coarser granularity or a shorter range.
 */
export async function getApiUsage(tenantId: string, query: UsageQuery, now = new Date()): Promise<UsageReport> {
  const granularity = query.granularity;
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_SPAN_MS[granularity]);
  if (from.getTime() >= to.getTime()) {
    throw apiError("validation_error", "from must be before to.", [{ path: ["from"], code: "custom", message: "from must be before to." }]);
  }
  const { first, end, points } = bucketRange(from, to, granularity);
  if (points > USAGE_MAX_POINTS) {
    throw apiError("range_too_large", `This range holds ${points} ${granularity} points; at most ${USAGE_MAX_POINTS} fit in one answer.`, {
      points,
      max_points: USAGE_MAX_POINTS,
    });
  }
  const filters: Filters = { tenantId, first, end, keyId: query.key_id, mode: query.mode };
  const source = SOURCES[granularity];
  const bucketExpr = Prisma.raw(source.perBucket === 1 ? `"${source.column}"` : `("${source.column}" / ${source.perBucket})`);
  const [byBucket, byRoute, byKey] = await Promise.all([
    sumsBy(granularity, filters, bucketExpr),
    sumsBy(granularity, filters, Prisma.raw(`"route"`)),
    sumsBy(granularity, filters, Prisma.raw(`"keyId"`)),
  ]);

  const counted = new Map<number, UsageCounts>();
  for (const row of byBucket) {
    const bucket = Number(row.group);
    const counts = counted.get(bucket) ?? emptyCounts();
    addCounts(counts, row.counts);
    counted.set(bucket, counts);
  }
  const { series, totals } = fillSeries(first, end, counted, granularity);

  const keys = await prisma.apiKey.findMany({
    where: { tenantId, id: { in: byKey.map((row) => String(row.group)) } },
    select: { id: true, prefix: true, last4: true, mode: true },
  });
  const keyById = new Map(keys.map((key) => [key.id, key]));

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    granularity,
    series,
    totals: toFigures(totals),
    by_route: byRoute
      .map((row) => ({ name: String(row.group), requests: row.counts.requests, counts: row.counts }))
      .sort(busiestFirst)
      .map((row) => ({ route: row.name, ...toFigures(row.counts) })),
    by_key: byKey
      .flatMap((row) => {
        const key = keyById.get(String(row.group));
        return key ? [{ name: key.id, requests: row.counts.requests, counts: row.counts, key }] : [];
      })
      .sort(busiestFirst)
      .map((row) => ({
        key: { id: row.key.id, prefix: row.key.prefix, last4: row.key.last4, mode: row.key.mode === "live" ? ("live" as const) : ("test" as const) },
        ...toFigures(row.counts),
      })),
  };
}
