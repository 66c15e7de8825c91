// GET /api/metrics/ and the worker's metrics port: off (404) without
// METRICS_TOKEN, 401 for a wrong token, and the Prometheus text with counts
// that follow the requests served, labelled by route template.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import * as metricsRoute from "@/app/api/metrics/route";
import * as unknownApiPath from "@/app/api/[[...path]]/route";
import { GET as account } from "@/app/api/v1/account/route";
import { GET as payment } from "@/app/api/v1/payments/[paymentId]/route";
import { prisma } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { METRIC_NAMES } from "@/lib/metrics/registry";
import { startMetricsServer } from "@/lib/metrics/server";
import { requireStripe } from "@/lib/stripe/config";
import { startWebhookWorker } from "@/lib/webhooks/worker";
import { BASE_URL, call, nextTestIp } from "./helpers/api";
import { tenantWithSecrets } from "./helpers/api-traffic";
import { withStripeSimulator } from "./helpers/stripe-simulator";

const TOKEN = "metrics-test-token-0123456789abcdef";
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
/** Every metric this database has: the pool's are PostgreSQL's only. */
const POOL_METRICS: string[] = [METRIC_NAMES.databasePoolConnections, METRIC_NAMES.databasePoolWaiting];
const EXPECTED_METRICS = Object.values(METRIC_NAMES).filter((name) => onPostgres || !POOL_METRICS.includes(name));

function setToken(token: string | undefined) {
  if (token === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = token;
  resetEnvCache();
}

async function scrapeResponse(authorization?: string) {
  const headers = new Headers(authorization ? { authorization } : {});
  const response = await metricsRoute.GET(new NextRequest(new URL("/api/metrics/", BASE_URL), { headers }));
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function scrape(): Promise<string> {
  const result = await scrapeResponse(`Bearer ${TOKEN}`);
  expect(result.status).toBe(200);
  return result.text;
}

/** The value of the sample `name` whose labels include `labels`; 0 when there is none yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split("\n")) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? "").matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return 0;
}

describe("GET /api/metrics/ without METRICS_TOKEN", () => {
  beforeEach(() => setToken(undefined));

  it("answers exactly as an unknown /api path does, even to a token", async () => {
    const unknown = await unknownApiPath.GET();
    const unknownBody = await unknown.json();
    for (const authorization of [undefined, `Bearer ${TOKEN}`]) {
      const result = await scrapeResponse(authorization);
      expect(result.status).toBe(unknown.status);
      expect(result.status).toBe(404);
      const body = JSON.parse(result.text);
      expect(body).toEqual({ error: { ...unknownBody.error, request_id: result.headers.get("request-id") } });
      expect(result.headers.get("content-type")).toBe(unknown.headers.get("content-type"));
    }
  });
});

describe("GET /api/metrics/ with METRICS_TOKEN", () => {
  beforeEach(() => setToken(TOKEN));
  afterAll(() => setToken(undefined));

  it("answers 401 to a missing or wrong token, without a metric in the body", async () => {
    for (const authorization of [undefined, "Bearer wrong-token-0123456789abcdef", `Bearer ${TOKEN}x`, `Basic ${TOKEN}`]) {
      const result = await scrapeResponse(authorization);
      expect(result.status, authorization).toBe(401);
      expect(result.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(JSON.parse(result.text).error.code).toBe("unauthorized");
      expect(result.text).not.toContain(METRIC_NAMES.httpRequests);
    }
  });

  it("answers the Prometheus text with every metric, never cached", async () => {
    const result = await scrapeResponse(`Bearer ${TOKEN}`);
    expect(result.status).toBe(200);
    expect(result.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(result.headers.get("cache-control")).toBe("no-store");
    for (const name of EXPECTED_METRICS) expect(result.text).toContain(`# TYPE ${name} `);
    // prom-client's process metrics.
    expect(result.text).toContain("# TYPE process_cpu_user_seconds_total counter");
    expect(result.text).toContain("# TYPE nodejs_eventloop_lag_seconds gauge");
  });

  it("counts exactly the requests sent, by route template and status, never by raw path", async () => {
    const tenant = await tenantWithSecrets();
    const accountLabels = { method: "GET", route: "/v1/account", status: "200" };
    const paymentLabels = { method: "GET", route: "/v1/payments/{paymentId}", status: "404" };
    const before = await scrape();

    for (let i = 0; i < 3; i++) expect((await call(account, "/api/v1/account/", { token: tenant.test.secret })).status).toBe(200);
    const paymentIds = ["pay_metricsunknown1", "pay_metricsunknown2"];
    for (const paymentId of paymentIds) {
      const result = await call(payment, `/api/v1/payments/${paymentId}/`, { token: tenant.test.secret, params: { paymentId } });
      expect(result.status).toBe(404);
    }

    const after = await scrape();
    expect(sample(after, METRIC_NAMES.httpRequests, accountLabels) - sample(before, METRIC_NAMES.httpRequests, accountLabels)).toBe(3);
    expect(sample(after, `${METRIC_NAMES.httpRequestDuration}_count`, accountLabels) - sample(before, `${METRIC_NAMES.httpRequestDuration}_count`, accountLabels)).toBe(3);
    expect(sample(after, METRIC_NAMES.httpRequests, paymentLabels) - sample(before, METRIC_NAMES.httpRequests, paymentLabels)).toBe(2);
    for (const paymentId of paymentIds) expect(after).not.toContain(paymentId);
    // The scrapes themselves are not API requests.
    expect(after).not.toMatch(/route="\/metrics/);
  });

  it("counts 429 answers by their code", async () => {
    const ip = nextTestIp();
    const before = sample(await scrape(), METRIC_NAMES.rateLimited, { code: "too_many_requests" });
    let refused = 0;
    // Failed authentications from one address are throttled after a limit; count the 429s that brings.
    for (let i = 0; i < 25; i++) {
      const result = await call(account, "/api/v1/account/", { token: "sk_test_notarealkey0000000000000000", ip });
      if (result.status === 429) refused += 1;
    }
    expect(refused).toBeGreaterThan(0);
    expect(sample(await scrape(), METRIC_NAMES.rateLimited, { code: "too_many_requests" }) - before).toBe(refused);
  });

  it("reads the webhook queue at scrape time, and counts what the worker does with it", async () => {
    const tenant = await tenantWithSecrets();
    const dueSince = new Date(Date.now() - 90_000);
    // A due attempt of a tenant without an endpoint: the worker cancels it without sending anything.
    await prisma.webhookMessage.create({
      data: {
        id: `msg_metrics${Date.now()}`,
        tenantId: tenant.tenantId,
        eventType: "webhook.test",
        body: "{}",
        attempts: { create: { tenantId: tenant.tenantId, attemptNumber: 1, trigger: "scheduled", dueAt: dueSince } },
      },
    });
    const queued = await scrape();
    expect(sample(queued, METRIC_NAMES.webhookQueueDepth)).toBe(1);
    expect(sample(queued, METRIC_NAMES.webhookQueueOldestDueAge)).toBeGreaterThanOrEqual(90);

    const worker = startWebhookWorker({ workerId: "metrics-test", pollMs: 50 });
    try {
      for (let i = 0; i < 200 && (await prisma.webhookAttempt.count({ where: { tenantId: tenant.tenantId, state: "pending" } })) > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } finally {
      await worker.stop();
    }
    const after = await scrape();
    expect(sample(after, METRIC_NAMES.webhookQueueDepth)).toBe(0);
    expect(sample(after, METRIC_NAMES.webhookQueueOldestDueAge)).toBe(0);
    expect(sample(after, METRIC_NAMES.webhookDeliveries, { outcome: "cancelled" }) - sample(queued, METRIC_NAMES.webhookDeliveries, { outcome: "cancelled" })).toBe(1);
    expect(sample(after, METRIC_NAMES.workerBatches, { outcome: "processed" }) - sample(queued, METRIC_NAMES.workerBatches, { outcome: "processed" })).toBe(1);
  });

  it(`shows the database pool's use on PostgreSQL only (${onPostgres ? "PostgreSQL" : "SQLite"} here)`, async () => {
    await prisma.tenant.count();
    const text = await scrape();
    if (onPostgres) {
      expect(sample(text, METRIC_NAMES.databasePoolConnections, { state: "total" })).toBeGreaterThanOrEqual(1);
      expect(text).toMatch(new RegExp(`^${METRIC_NAMES.databasePoolConnections}\\{state="idle"\\} \\d+$`, "m"));
      expect(text).toMatch(new RegExp(`^${METRIC_NAMES.databasePoolWaiting} \\d+$`, "m"));
    } else {
      for (const name of POOL_METRICS) expect(text).not.toContain(name);
    }
  });
});

describe("Stripe requests", () => {
  withStripeSimulator();
  beforeEach(() => setToken(TOKEN));
  afterAll(() => setToken(undefined));

  it("counts each request to Stripe and each error answer, by path template", async () => {
    const stripe = requireStripe().stripe;
    const created = { method: "POST", path: "/v1/accounts" };
    const read = { method: "GET", path: "/v1/accounts/{id}" };
    const before = await scrape();
    const account = await stripe.accounts.create({ type: "express", country: "US" });
    await expect(stripe.accounts.retrieve("acct_1MetricsMissing9")).rejects.toMatchObject({ statusCode: 404 });
    const after = await scrape();
    expect(sample(after, METRIC_NAMES.stripeRequests, created) - sample(before, METRIC_NAMES.stripeRequests, created)).toBe(1);
    expect(sample(after, METRIC_NAMES.stripeRequests, read) - sample(before, METRIC_NAMES.stripeRequests, read)).toBe(1);
    expect(sample(after, METRIC_NAMES.stripeErrors, { ...read, status: "404" }) - sample(before, METRIC_NAMES.stripeErrors, { ...read, status: "404" })).toBe(1);
    expect(sample(after, METRIC_NAMES.stripeErrors, created)).toBe(0);
    expect(after).not.toContain(account.id);
  });
});

describe("the worker's metrics port", () => {
  let server: Awaited<ReturnType<typeof startMetricsServer>> | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  const get = (path: string, authorization?: string) =>
    fetch(`http://127.0.0.1:${server!.port}${path}`, { headers: authorization ? { authorization } : {} });

  it("serves the same registry at /metrics to the token holder", async () => {
    server = await startMetricsServer({ port: 0, host: "127.0.0.1", token: TOKEN });
    const ok = await get("/metrics", `Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await ok.text();
    for (const name of EXPECTED_METRICS) expect(text).toContain(`# TYPE ${name} `);

    expect((await get("/metrics")).status).toBe(401);
    expect((await get("/metrics", "Bearer wrong-token-0123456789abcdef")).status).toBe(401);
    expect((await get("/other", `Bearer ${TOKEN}`)).status).toBe(404);
  });

  it("answers 404 to everything while no token is configured", async () => {
    server = await startMetricsServer({ port: 0, host: "127.0.0.1", token: undefined });
    const response = await get("/metrics", `Bearer ${TOKEN}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(METRIC_NAMES.httpRequests);
  });
});
