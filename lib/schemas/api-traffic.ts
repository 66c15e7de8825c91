import { z } from "zod";

// The platform API's traffic as the portal shows it: the request log and usage
// analytics. Shared by the routes, the services and the pages. Client-safe: zod only.

const modeSchema = z.enum(["live", "test"], { error: "mode is live or test." });
const dateTimeSchema = z.iso.datetime({ offset: true, error: "Use an ISO 8601 date-time such as 2026-11-01T00:00:00Z." });
const keyIdSchema = z.string().min(1).max(64);

/** An exact status code (429) or a class (4xx). */
export const STATUS_FILTER_PATTERN = /^(?:[1-5]xx|[1-5][0-9]{2})$/;

/** GET /api/v1/auth/tenants/requests/: newest first, cursor-paginated like the other lists. */
export const requestLogQuerySchema = z.strictObject({
  status: z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.string().regex(STATUS_FILTER_PATTERN, "status is a code such as 429 or a class such as 4xx."))
    .optional(),
  key_id: keyIdSchema.optional(),
  /** a route template exactly as listed, "GET /v1/account" */
  route: z.string().min(1).max(200).optional(),
  mode: modeSchema.optional(),
  from: dateTimeSchema.optional(),
  to: dateTimeSchema.optional(),
  cursor: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type RequestLogQuery = z.infer<typeof requestLogQuerySchema>;

/** A request id as the Request-Id header carries it. */
export const requestIdSchema = z.string().regex(/^req_[0-9A-Za-z]{1,64}$/, "Give a request id (req_…).");

export type ApiRequestLogEntry = {
  request_id: string;
  created_at: string;
  key: { id: string; prefix: string; last4: string };
  mode: "live" | "test";
  method: string;
  /** "GET /v1/payments/{paymentId}" */
  route: string;
  path: string;
  status: number;
  latency_ms: number;
  ip: string | null;
  user_agent: string | null;
  error_code: string | null;
};
export type ApiRequestLogPage = { data: ApiRequestLogEntry[]; next_cursor: string | null };

export const USAGE_GRANULARITIES = ["minute", "hour", "day"] as const;
export type UsageGranularity = (typeof USAGE_GRANULARITIES)[number];

/** The most points one usage answer holds; a longer range needs a coarser granularity. */
export const USAGE_MAX_POINTS = 1500;

/**
 * GET /api/v1/auth/tenants/usage/. `to` defaults to now; `from` to an hour
 * (minute), a day (hour) or 30 days (day) before `to`.
 */
export const usageQuerySchema = z
  .strictObject({
    from: dateTimeSchema.optional(),
    to: dateTimeSchema.optional(),
    granularity: z.enum(USAGE_GRANULARITIES, { error: "granularity is minute, hour or day." }).default("hour"),
    key_id: keyIdSchema.optional(),
    mode: modeSchema.optional(),
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), {
    message: "from must be before to.",
    path: ["from"],
  });
export type UsageQuery = z.infer<typeof usageQuerySchema>;

/** Counts over a bucket, a route, a key or the whole range; latencies to the histogram bucket, null with no requests. */
export type UsageFigures = {
  requests: number;
  succeeded: number;
  client_errors: number;
  server_errors: number;
  rate_limited: number;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
};
export type UsagePoint = { start: string } & UsageFigures;
export type UsageReport = {
  from: string;
  to: string;
  granularity: UsageGranularity;
  series: UsagePoint[];
  totals: UsageFigures;
  /** busiest first */
  by_route: ({ route: string } & UsageFigures)[];
  /** busiest first */
  by_key: ({ key: { id: string; prefix: string; last4: string; mode: "live" | "test" } } & UsageFigures)[];
};
