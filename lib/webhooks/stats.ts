// The endpoint's delivery health for GET /webhooks/stats/: finished attempts
// (succeeded or failed, test sends and pings included) counted per UTC hour by
// the database, then folded here into the 24-hour and 7-day windows and
// series. A busy tenant's week is at most 168 rows on the wire, never its attempts.

import { databaseTarget, Prisma, prisma } from "@/lib/db";
import { DAY_MS, HOUR_MS } from "@/lib/api-traffic/usage-buckets";
import { WEBHOOK_ATTEMPT_STATE } from "@/lib/statuses";

/** One UTC hour's finished attempts, as the database sums them. */
export type HourFigures = {
  /** Whole hours since the Unix epoch. */
  hour: number;
  attempts: number;
  succeeded: number;
  /** Sum and count of the recorded response times (an attempt without an answer still has one: the time it waited). */
  durationSum: number;
  durationCount: number;
  durationMax: number | null;
};

type WindowFigures = {
  attempts: number;
  succeeded: number;
  failed: number;
  success_rate: number | null;
  avg_response_ms: number | null;
  max_response_ms: number | null;
};
type SeriesPoint = { start: string; attempts: number; succeeded: number; failed: number; avg_response_ms: number | null };
export type WebhookStats = {
  windows: { "24h": WindowFigures; "7d": WindowFigures };
  series: { "24h": SeriesPoint[]; "7d": SeriesPoint[] };
};

const HOURS_SHOWN = 24;
const DAYS_SHOWN = 7;

function sum(hours: HourFigures[]) {
  let attempts = 0;
  let succeeded = 0;
  let durationSum = 0;
  let durationCount = 0;
  let durationMax: number | null = null;
  for (const hour of hours) {
    attempts += hour.attempts;
    succeeded += hour.succeeded;
    durationSum += hour.durationSum;
    durationCount += hour.durationCount;
    if (hour.durationMax !== null) durationMax = Math.max(durationMax ?? 0, hour.durationMax);
  }
  return { attempts, succeeded, failed: attempts - succeeded, avg: durationCount > 0 ? Math.round(durationSum / durationCount) : null, max: durationMax };
}

const toWindow = (hours: HourFigures[]): WindowFigures => {
  const total = sum(hours);
  return {
    attempts: total.attempts,
    succeeded: total.succeeded,
    failed: total.failed,
    success_rate: total.attempts > 0 ? Math.round((total.succeeded / total.attempts) * 10_000) / 10_000 : null,
    avg_response_ms: total.avg,
    max_response_ms: total.max,
  };
};

const toPoint = (start: number, hours: HourFigures[]): SeriesPoint => {
  const total = sum(hours);
  return { start: new Date(start).toISOString(), attempts: total.attempts, succeeded: total.succeeded, failed: total.failed, avg_response_ms: total.avg };
};

/**
 * The windows and series from per-hour figures. The 24-hour window is the
 * current UTC hour and the 23 before it; the 7-day window is the current UTC
 * day and the 6 before it. Each window is the sum of its series, so a chart
 * and its totals always agree; empty buckets are zeros with null times.
 */
export function webhookStatsFromHours(hours: HourFigures[], now: Date): WebhookStats {
  const currentHour = Math.floor(now.getTime() / HOUR_MS);
  const today = Math.floor(now.getTime() / DAY_MS);
  const hoursPerDay = DAY_MS / HOUR_MS;
  const byHour = new Map(hours.map((figures) => [figures.hour, figures]));
  const hourly = Array.from({ length: HOURS_SHOWN }, (_, i) => currentHour - HOURS_SHOWN + 1 + i);
  const daily = Array.from({ length: DAYS_SHOWN }, (_, i) => today - DAYS_SHOWN + 1 + i);
  const inHour = (hour: number) => (byHour.has(hour) ? [byHour.get(hour)!] : []);
  const inDay = (day: number) => hours.filter((figures) => Math.floor(figures.hour / hoursPerDay) === day);
  const last24 = hourly.flatMap(inHour);
  const last7 = daily.flatMap(inDay);
  return {
    windows: { "24h": toWindow(last24), "7d": toWindow(last7) },
    series: {
      "24h": hourly.map((hour) => toPoint(hour * HOUR_MS, inHour(hour))),
      "7d": daily.map((day) => toPoint(day * DAY_MS, inDay(day))),
    },
  };
}

/** Whole UTC hours since the epoch of "finishedAt", in each database's dialect (SQLite keeps it as ISO 8601 text). */
function hourOfFinishedAt(): Prisma.Sql {
  return databaseTarget().provider === "postgresql"
    ? Prisma.raw(`CAST(FLOOR(EXTRACT(EPOCH FROM "finishedAt") / 3600) AS BIGINT)`)
    : Prisma.raw(`(CAST(strftime('%s', "finishedAt") AS INTEGER) / 3600)`);
}

/** GET /webhooks/stats/: the tenant's finished attempts over the last 24 hours and 7 days. */
export async function webhookStats(tenantId: string, now = new Date()): Promise<WebhookStats> {
  const from = new Date((Math.floor(now.getTime() / DAY_MS) - DAYS_SHOWN + 1) * DAY_MS);
  const hour = hourOfFinishedAt();
  // The (tenantId, finishedAt) index narrows the rows; the database does the counting.
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT ${hour} AS "hour",
           COUNT(*) AS "attempts",
           SUM(CASE WHEN "state" = ${WEBHOOK_ATTEMPT_STATE.succeeded} THEN 1 ELSE 0 END) AS "succeeded",
           SUM("durationMs") AS "durationSum",
           COUNT("durationMs") AS "durationCount",
           MAX("durationMs") AS "durationMax"
    FROM "WebhookAttempt"
    WHERE "tenantId" = ${tenantId}
      AND "state" IN (${WEBHOOK_ATTEMPT_STATE.succeeded}, ${WEBHOOK_ATTEMPT_STATE.failed})
      AND "finishedAt" >= ${from}
      AND "finishedAt" <= ${now}
    GROUP BY ${hour}`);
  // Drivers answer numbers, bigints or numeric strings.
  const n = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));
  const hours = rows.map((row) => ({
    hour: n(row.hour),
    attempts: n(row.attempts),
    succeeded: n(row.succeeded),
    durationSum: n(row.durationSum),
    durationCount: n(row.durationCount),
    durationMax: row.durationMax === null || row.durationMax === undefined ? null : Number(row.durationMax),
  }));
  return webhookStatsFromHours(hours, now);
}
