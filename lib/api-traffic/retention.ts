import { prisma } from "@/lib/db";
import { DAY_MS, HOUR_MS, hourOf, minuteOf } from "@/lib/api-traffic/usage-buckets";
import { errorMessage, log } from "@/lib/log";

/** Request log rows and minute counts: a week, enough to debug an integration. */
export const REQUEST_LOG_RETENTION_MS = 7 * DAY_MS;
export const MINUTE_USAGE_RETENTION_MS = 7 * DAY_MS;
/** Hour counts: a year and a month, so a year-over-year month still has its days. */
export const HOUR_USAGE_RETENTION_MS = 400 * DAY_MS;

/** Deletes what is past retention; returns how many rows of each went. */
export async function sweepApiTraffic(now = new Date()) {
  const [logs, minutes, hours] = await Promise.all([
    prisma.apiRequestLog.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - REQUEST_LOG_RETENTION_MS) } } }),
    prisma.apiUsageMinute.deleteMany({ where: { minute: { lt: minuteOf(new Date(now.getTime() - MINUTE_USAGE_RETENTION_MS)) } } }),
    prisma.apiUsageHour.deleteMany({ where: { hour: { lt: hourOf(new Date(now.getTime() - HOUR_USAGE_RETENTION_MS)) } } }),
  ]);
  return { logs: logs.count, minutes: minutes.count, hours: hours.count };
}

export type SweepHandle = { stop(): void };

/**
 * Sweeps shortly after start and then every `intervalMs` (an hour), wherever
 * the webhook worker runs: in the server process, or in `npm run worker`.
 * Several processes sweeping the same database only repeat a cheap delete.
 */
export function startApiTrafficSweep({ intervalMs = HOUR_MS, firstAfterMs = 60_000 }: { intervalMs?: number; firstAfterMs?: number } = {}): SweepHandle {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const run = async () => {
    try {
      const deleted = await sweepApiTraffic();
      if (deleted.logs + deleted.minutes + deleted.hours > 0) log.info(deleted, "API traffic past retention deleted");
    } catch (error) {
      log.warn({ error: errorMessage(error) }, "API traffic retention sweep failed; retrying at the next one");
    }
    if (!stopped) schedule(intervalMs);
  };
  const schedule = (delay: number) => {
    timer = setTimeout(() => void run(), delay);
    timer.unref();
  };
  schedule(firstAfterMs);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

const globalSweep = globalThis as typeof globalThis & { __portalApiTrafficSweep?: SweepHandle };

/** The in-process sweep, started once per server process next to the webhook worker. */
export function ensureInProcessSweep(): SweepHandle {
  globalSweep.__portalApiTrafficSweep ??= startApiTrafficSweep();
  return globalSweep.__portalApiTrafficSweep;
}
