import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { databasePoolUse, databaseTarget, prisma } from "@/lib/db";
import { withTimeout } from "@/lib/health/timeout";
import { errorMessage, log } from "@/lib/log";
import { WEBHOOK_ATTEMPT_STATE } from "@/lib/statuses";

/** Every metric's name, in one place: the README's "Observability" section lists the same. */
export const METRIC_NAMES = {
  httpRequests: "http_requests_total",
  httpRequestDuration: "http_request_duration_seconds",
  rateLimited: "api_rate_limited_total",
  webhookQueueDepth: "webhook_queue_depth",
  webhookQueueOldestDueAge: "webhook_queue_oldest_due_age_seconds",
  webhookDeliveries: "webhook_deliveries_total",
  webhookDeliveryDuration: "webhook_delivery_duration_seconds",
  workerBatches: "webhook_worker_batches_total",
  stripeRequests: "stripe_api_requests_total",
  stripeErrors: "stripe_api_errors_total",
  databasePoolConnections: "database_pool_connections",
  databasePoolWaiting: "database_pool_waiting_requests",
} as const;

/** How a webhook attempt ended, as the delivery counter labels it. */
export type DeliveryOutcome = "succeeded" | "http_error" | "timeout" | "unreachable" | "refused" | "cancelled";

/** A due attempt waits this long at most for the scrape's queue query; a slow database then leaves the gauges unknown. */
const QUEUE_QUERY_TIMEOUT_MS = 1_000;

type RequestChild = { count: { inc(): void }; duration: { observe(seconds: number): void } };

function build() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const httpRequests = new Counter({
    name: METRIC_NAMES.httpRequests,
    help: "Requests answered by the /api/v1 route wrapper, by method, route template and status.",
    labelNames: ["method", "route", "status"] as const,
    registers,
  });
  const httpRequestDuration = new Histogram({
    name: METRIC_NAMES.httpRequestDuration,
    help: "Time from the route wrapper receiving a request to its answer, by method, route template and status.",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const rateLimited = new Counter({
    name: METRIC_NAMES.rateLimited,
    help: "Requests refused with 429, by error code (rate_limited: a key over its limit; too_many_requests: other throttles).",
    labelNames: ["code"] as const,
    registers,
  });

  // Both gauges are read from one pair of indexed queries on (state, dueAt) at scrape time, nothing on
  // the delivery path; the registry collects metrics concurrently, so the first gauge's read is shared.
  let queueRead: Promise<{ depth: number; oldestAgeSeconds: number }> | null = null;
  const readQueue = () =>
    (queueRead ??= (async () => {
      const now = new Date();
      const due = { state: WEBHOOK_ATTEMPT_STATE.pending, dueAt: { lte: now } };
      try {
        const [depth, oldest] = await withTimeout(
          Promise.all([prisma.webhookAttempt.count({ where: due }), prisma.webhookAttempt.findFirst({ where: due, orderBy: { dueAt: "asc" }, select: { dueAt: true } })]),
          QUEUE_QUERY_TIMEOUT_MS,
        );
        return { depth, oldestAgeSeconds: oldest ? Math.max(0, (now.getTime() - oldest.dueAt.getTime()) / 1000) : 0 };
      } catch (error) {
        // Unknown rather than a stale or made-up figure.
        log.warn({ error: errorMessage(error) }, "metrics: could not read the webhook queue");
        return { depth: Number.NaN, oldestAgeSeconds: Number.NaN };
      }
    })().finally(() => {
      queueRead = null;
    }));
  new Gauge({
    name: METRIC_NAMES.webhookQueueDepth,
    help: "Webhook attempts due now and not yet sent (pending, due time passed).",
    registers,
    async collect() {
      this.set((await readQueue()).depth);
    },
  });
  new Gauge({
    name: METRIC_NAMES.webhookQueueOldestDueAge,
    help: "Seconds since the oldest due, unsent webhook attempt became due (0 when none is waiting).",
    registers,
    async collect() {
      this.set((await readQueue()).oldestAgeSeconds);
    },
  });

  const webhookDeliveries = new Counter({
    name: METRIC_NAMES.webhookDeliveries,
    help: "Webhook delivery attempts, by outcome.",
    labelNames: ["outcome"] as const,
    registers,
  });
  const webhookDeliveryDuration = new Histogram({
    name: METRIC_NAMES.webhookDeliveryDuration,
    help: "Time a webhook request took until the receiver answered or it failed, by outcome.",
    labelNames: ["outcome"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const workerBatches = new Counter({
    name: METRIC_NAMES.workerBatches,
    help: "Webhook worker passes that claimed attempts (processed) or failed (failed).",
    labelNames: ["outcome"] as const,
    registers,
  });

  const stripeRequests = new Counter({
    name: METRIC_NAMES.stripeRequests,
    help: "Requests stripe-node sent to Stripe (retries included), by method and path template.",
    labelNames: ["method", "path"] as const,
    registers,
  });
  const stripeErrors = new Counter({
    name: METRIC_NAMES.stripeErrors,
    help: "Stripe answers with a 4xx or 5xx status, by method, path template and status.",
    labelNames: ["method", "path", "status"] as const,
    registers,
  });

  // PostgreSQL only: SQLite has one connection and no pool to watch.
  if (databaseTarget().provider === "postgresql") {
    new Gauge({
      name: METRIC_NAMES.databasePoolConnections,
      help: "PostgreSQL pool connections, by state (total: open, idle: open and unused).",
      labelNames: ["state"] as const,
      registers,
      collect() {
        const use = databasePoolUse();
        this.set({ state: "total" }, use?.total ?? 0);
        this.set({ state: "idle" }, use?.idle ?? 0);
      },
    });
    new Gauge({
      name: METRIC_NAMES.databasePoolWaiting,
      help: "Queries waiting for a PostgreSQL pool connection.",
      registers,
      collect() {
        this.set(databasePoolUse()?.waiting ?? 0);
      },
    });
  }

  return {
    registry,
    httpRequests,
    httpRequestDuration,
    rateLimited,
    webhookDeliveries,
    webhookDeliveryDuration,
    workerBatches,
    stripeRequests,
    stripeErrors,
    /** The children of the request metrics, one pair per method, route and status seen. */
    requestChildren: new Map<string, RequestChild>(),
  };
}

// On globalThis: every route bundle of a Next server, and every hot reload in development, must count into one registry.
const shared = globalThis as typeof globalThis & { __portalMetrics?: ReturnType<typeof build> };
const metrics = () => (shared.__portalMetrics ??= build());

/**
 * Counts one answered /api/v1 request. On every request's path, so it does
 * no more than a map lookup and two increments once a route and status have
 * been seen; `route` is a template ("/v1/payments/{paymentId}"), never a raw
 * path, which keeps the label sets as few as the routes.
 */
export function observeApiRequest(method: string, route: string, status: number, seconds: number): void {
  const m = metrics();
  const key = `${method} ${route} ${status}`;
  let child = m.requestChildren.get(key);
  if (!child) {
    const labels = { method, route, status: String(status) };
    child = { count: m.httpRequests.labels(labels), duration: m.httpRequestDuration.labels(labels) };
    m.requestChildren.set(key, child);
  }
  child.count.inc();
  child.duration.observe(seconds);
}

export function countRateLimited(code: string): void {
  metrics().rateLimited.inc({ code });
}

export function observeWebhookDelivery(outcome: DeliveryOutcome, seconds: number | null): void {
  const m = metrics();
  m.webhookDeliveries.inc({ outcome });
  if (seconds !== null) m.webhookDeliveryDuration.observe({ outcome }, seconds);
}

export function countWorkerBatch(outcome: "processed" | "failed"): void {
  metrics().workerBatches.inc({ outcome });
}

export function countStripeRequest(method: string, path: string): void {
  metrics().stripeRequests.inc({ method, path });
}

export function countStripeError(method: string, path: string, status: number): void {
  metrics().stripeErrors.inc({ method, path, status: String(status) });
}

/** The Prometheus text exposition of every metric, gauges read now. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
