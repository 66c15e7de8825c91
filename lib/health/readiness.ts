import { prisma } from "@/lib/db";
import { apiLimiters } from "@/lib/api-traffic/limiters";
import { errorMessage, log } from "@/lib/log";
import { isShuttingDown } from "./shutdown";
import { TimeoutError, withTimeout } from "./timeout";

/** How long a dependency has to answer before readiness calls it down: a load balancer's probe must get an answer. */
export const CHECK_TIMEOUT_MS = 1_000;

export type CheckResult = "ok" | "failed" | "timeout" | "not_configured";
export type Readiness =
  | { httpStatus: 200; body: { status: "ready"; checks: { database: CheckResult; redis: CheckResult } } }
  | { httpStatus: 503; body: { status: "not_ready"; checks: { database: CheckResult; redis: CheckResult } } }
  | { httpStatus: 503; body: { status: "shutting_down" } };

/** What readiness asks: each probe resolves when its dependency answers; null means the dependency is not configured. */
export type Probes = { database: () => Promise<unknown>; redis: (() => Promise<unknown>) | null };

export const defaultProbes = (): Probes => {
  const store = apiLimiters().store;
  return {
    database: () => prisma.$queryRaw`SELECT 1`,
    redis: store.kind === "redis" ? () => store.ping() : null,
  };
};

async function probe(name: string, run: (() => Promise<unknown>) | null, timeoutMs: number): Promise<CheckResult> {
  if (!run) return "not_configured";
  try {
    await withTimeout(Promise.resolve().then(run), timeoutMs);
    return "ok";
  } catch (error) {
    // The reason goes to the log, not to the unauthenticated caller.
    log.warn({ check: name, error: errorMessage(error) }, "readiness: a dependency did not answer");
    return error instanceof TimeoutError ? "timeout" : "failed";
  }
}

/**
 * Whether this instance should get traffic: the database answers a trivial
 * query and, when REDIS_URL is set, Redis answers a PING, each within
 * `timeoutMs`; and the process is not stopping.
 */
export async function checkReadiness(probes: Probes = defaultProbes(), timeoutMs = CHECK_TIMEOUT_MS): Promise<Readiness> {
  if (isShuttingDown()) return { httpStatus: 503, body: { status: "shutting_down" } };
  const [database, redis] = await Promise.all([probe("database", probes.database, timeoutMs), probe("redis", probes.redis, timeoutMs)]);
  const checks = { database, redis };
  return database === "ok" && (redis === "ok" || redis === "not_configured")
    ? { httpStatus: 200, body: { status: "ready", checks } }
    : { httpStatus: 503, body: { status: "not_ready", checks } };
}
