// The platform API's per-key rate limits and the failed-authentication limit
// per address, through the route handlers. Windows are made long (60 s) where
// a run of requests must land in one window, so nothing depends on timing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as account } from "@/app/api/v1/account/route";
import { GET as getTenant } from "@/app/api/v1/platform/tenants/[tenantId]/route";
import { PUT as putRateLimits } from "@/app/api/v1/platform/tenants/[tenantId]/rate-limits/route";
import { findKeyByHash } from "@/lib/api-keys/key-lookup";
import { generateKey, hashKey } from "@/lib/api-keys/key-format";
import { createLimiterStore, type LimiterStore } from "@/lib/api-traffic/limiter-store";
import { replaceApiLimiters } from "@/lib/api-traffic/limiters";
import { recordApiRequest } from "@/lib/api-traffic/recorder";
import { prisma } from "@/lib/db";
import { TENANT_STATUS } from "@/lib/statuses";
import { ANY_REQUEST_ID, call, type CallOptions } from "./helpers/api";
import { addPlatformOperator } from "./helpers/fixtures";
import { paymentTenant } from "./helpers/payments";

// Counts the key lookups (the database read a refused request must not make) and sees what the recorder is handed.
vi.mock("@/lib/api-keys/key-lookup", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/api-keys/key-lookup")>();
  return { ...actual, findKeyByHash: vi.fn(actual.findKeyByHash) };
});
vi.mock("@/lib/api-traffic/recorder", () => ({ recordApiRequest: vi.fn() }));

const ACCOUNT = "/api/v1/account/";
const lookups = () => vi.mocked(findKeyByHash).mock.calls.length;
const recorded = () => vi.mocked(recordApiRequest).mock.calls.map(([record]) => record);

let ipCounter = 0;
/** A fresh address per test, so the failed-authentication counts of one test never reach another. */
const freshIp = () => `192.0.2.${(ipCounter += 1)}`;

const get = (key: string, options: CallOptions = {}) => call(account, ACCOUNT, { headers: { authorization: `Bearer ${key}` }, ...options });

const rateLimitPath = (tenantId: string) => `/api/v1/platform/tenants/${tenantId}/rate-limits/`;
const setLimits = (who: Pick<CallOptions, "token" | "cookie" | "origin">, tenantId: string, body: unknown) =>
  call(putRateLimits, rateLimitPath(tenantId), { ...who, method: "PUT", body, params: { tenantId } });

/** The `r` of the RateLimit header. */
const remaining = (headers: Headers) => Number(/;r=(\d+)/.exec(headers.get("ratelimit") ?? "")?.[1]);

beforeEach(async () => {
  await replaceApiLimiters({ keyWindowSeconds: 60 });
  vi.mocked(recordApiRequest).mockClear();
});

afterAll(async () => {
  await replaceApiLimiters();
});

describe("per-key rate limits", () => {
  it("announces the key's limit and window on every answer, with Stripe's defaults per mode", async () => {
    await replaceApiLimiters();
    const tenant = await paymentTenant({ connect: false });
    const live = await get(tenant.liveKey, { ip: freshIp() });
    expect(live.status).toBe(200);
    expect(live.headers.get("ratelimit-policy")).toBe('"key";q=100;w=1');
    expect(live.headers.get("ratelimit")).toBe('"key";r=99;t=1');
    expect(live.headers.get("request-id")).toMatch(/^req_/);
    const test = await get(tenant.testKey, { ip: freshIp() });
    expect(test.headers.get("ratelimit-policy")).toBe('"key";q=25;w=1');
    expect(test.headers.get("ratelimit")).toBe('"key";r=24;t=1');
  });

  it("serves the 100th request of a window and refuses the 101st with 429 rate_limited, without reading the database", async () => {
    const tenant = await paymentTenant({ connect: false });
    const ip = freshIp();
    const seen: number[] = [];
    for (let i = 1; i <= 100; i++) {
      const answer = await get(tenant.liveKey, { ip });
      expect(answer.status, `request ${i}`).toBe(200);
      expect(answer.headers.get("ratelimit-policy")).toBe('"key";q=100;w=60');
      seen.push(remaining(answer.headers));
    }
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => 99 - i));

    const before = lookups();
    const refused = await get(tenant.liveKey, { ip });
    expect(lookups()).toBe(before);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body).toEqual({
      error: {
        code: "rate_limited",
        message: expect.stringContaining("100 requests per 60 seconds"),
        details: { limit: 100, window_seconds: 60, retry_after_seconds: retryAfter },
        request_id: ANY_REQUEST_ID,
      },
    });
    expect(refused.headers.get("ratelimit")).toBe(`"key";r=0;t=${retryAfter}`);
    expect(refused.headers.get("ratelimit-policy")).toBe('"key";q=100;w=60');

    // The refusal is recorded with the key's id and tenant, known from the earlier lookups.
    const key = await prisma.apiKey.findFirstOrThrow({ where: { tenantId: tenant.tenantId, mode: "live", kind: "secret" } });
    expect(recorded().at(-1)).toMatchObject({ status: 429, errorCode: "rate_limited", key: { id: key.id, tenantId: tenant.tenantId, hash: hashKey(tenant.liveKey) } });
    expect(recorded()).toHaveLength(101);

    // Each key counts on its own: the tenant's test key is untouched.
    expect((await get(tenant.testKey, { ip })).status).toBe(200);
  });

  it("answers the 429's exact shape in the production window of one second", async () => {
    await replaceApiLimiters();
    const operator = await addPlatformOperator();
    const tenant = await paymentTenant({ connect: false });
    expect((await setLimits({ token: operator.token }, tenant.tenantId, { live_per_second: null, test_per_second: 1 })).status).toBe(200);
    const ip = freshIp();
    // Two requests of one second's window meet sooner or later; the loop waits for that without assuming how fast requests are.
    let refused = null;
    for (let attempt = 0; attempt < 50 && !refused; attempt++) {
      const answer = await get(tenant.testKey, { ip });
      if (answer.status === 429) refused = answer;
      else expect(answer.status).toBe(200);
    }
    expect(refused).not.toBeNull();
    expect(refused!.headers.get("retry-after")).toBe("1");
    expect(refused!.headers.get("ratelimit-policy")).toBe('"key";q=1;w=1');
    expect(refused!.headers.get("ratelimit")).toBe('"key";r=0;t=1');
    expect(refused!.body.error).toMatchObject({ code: "rate_limited", details: { limit: 1, window_seconds: 1, retry_after_seconds: 1 } });
  });

  it("applies an operator's override at once, raised or lowered, and a regenerated key inherits it", async () => {
    const operator = await addPlatformOperator();
    const tenant = await paymentTenant({ connect: false });
    const ip = freshIp();
    for (let i = 0; i < 25; i++) expect((await get(tenant.testKey, { ip })).status).toBe(200);
    expect((await get(tenant.testKey, { ip })).status).toBe(429);

    const raised = await setLimits({ token: operator.token }, tenant.tenantId, { live_per_second: null, test_per_second: 30 });
    expect(raised.status).toBe(200);
    expect(raised.body).toEqual({ rate_limits: { live_per_second: 100, test_per_second: 30, live_is_default: true, test_is_default: false } });
    const after = await get(tenant.testKey, { ip });
    expect(after.status).toBe(200);
    expect(after.headers.get("ratelimit-policy")).toBe('"key";q=30;w=60');
    expect(remaining(after.headers)).toBe(3); // 27 counted: the refused one counts too

    expect((await setLimits({ token: operator.token }, tenant.tenantId, { live_per_second: 2, test_per_second: 5 })).status).toBe(200);
    const before = lookups();
    const lowered = await get(tenant.testKey, { ip });
    expect(lowered.status).toBe(429);
    expect(lowered.body.error.details).toMatchObject({ limit: 5 });
    expect(lookups()).toBe(before);

    // A new key of the tenant (as a regeneration issues) works under the tenant's limit, counted on its own.
    const fresh = generateKey("secret", "live");
    await prisma.apiKey.create({ data: { tenantId: tenant.tenantId, mode: "live", kind: "secret", prefix: fresh.prefix, last4: fresh.last4, keyHash: fresh.hash } });
    const first = await get(fresh.key, { ip });
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-policy")).toBe('"key";q=2;w=60');
    expect(first.headers.get("ratelimit")).toMatch(/^"key";r=1;/);
  });

  it("still reads the key on every admitted request, so a revoked key fails on its next request", async () => {
    const tenant = await paymentTenant({ connect: false });
    const ip = freshIp();
    expect((await get(tenant.testKey, { ip })).status).toBe(200);
    await prisma.apiKey.updateMany({ where: { keyHash: hashKey(tenant.testKey) }, data: { revokedAt: new Date() } });
    const answer = await get(tenant.testKey, { ip });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe("invalid_api_key");
  });
});

describe("PUT /api/v1/platform/tenants/{id}/rate-limits/", () => {
  const columns = (tenantId: string) => prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { apiRateLimitLive: true, apiRateLimitTest: true } });
  const auditRows = (tenantId: string) =>
    prisma.auditLog.findMany({ where: { action: "platform.tenant_rate_limits_changed", targetId: tenantId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

  it("stores the limits, shows them in the tenant view, and audits before and after once per change", async () => {
    const operator = await addPlatformOperator();
    const tenant = await paymentTenant({ connect: false });
    const view = await call(getTenant, `/api/v1/platform/tenants/${tenant.tenantId}/`, { token: operator.token, params: { tenantId: tenant.tenantId } });
    expect(view.body.rate_limits).toEqual({ live_per_second: 100, test_per_second: 25, live_is_default: true, test_is_default: true });

    const saved = await setLimits({ token: operator.token }, tenant.tenantId, { live_per_second: 500, test_per_second: null });
    expect(saved.status).toBe(200);
    expect(saved.body.rate_limits).toEqual({ live_per_second: 500, test_per_second: 25, live_is_default: false, test_is_default: true });
    expect(await columns(tenant.tenantId)).toEqual({ apiRateLimitLive: 500, apiRateLimitTest: null });
    const again = await call(getTenant, `/api/v1/platform/tenants/${tenant.tenantId}/`, { token: operator.token, params: { tenantId: tenant.tenantId } });
    expect(again.body.rate_limits).toEqual(saved.body.rate_limits);

    const rows = await auditRows(tenant.tenantId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      tenantId: null,
      actorType: "user",
      actorUserId: operator.userId,
      severity: "warning",
      targetType: "tenant",
      ip: "203.0.113.10",
      metadata: { before: { live_per_second: null, test_per_second: null }, after: { live_per_second: 500, test_per_second: null } },
    });

    // The same values again change nothing and write nothing.
    expect((await setLimits({ token: operator.token }, tenant.tenantId, { live_per_second: 500, test_per_second: null })).status).toBe(200);
    expect(await auditRows(tenant.tenantId)).toHaveLength(1);

    // Back to the defaults, from the console (session cookie, same origin).
    const reset = await setLimits({ cookie: operator.session, origin: "http://localhost:3000" }, tenant.tenantId, { live_per_second: null, test_per_second: null });
    expect(reset.body.rate_limits).toMatchObject({ live_is_default: true, test_is_default: true });
    expect((await auditRows(tenant.tenantId)).at(-1)!.metadata).toEqual({ before: { live_per_second: 500, test_per_second: null }, after: { live_per_second: null, test_per_second: null } });
  });

  it.each([
    ["zero", { live_per_second: 0, test_per_second: null }, "live_per_second"],
    ["over 10000", { live_per_second: null, test_per_second: 10_001 }, "test_per_second"],
    ["a fraction", { live_per_second: 1.5, test_per_second: null }, "live_per_second"],
    ["a string", { live_per_second: "100", test_per_second: null }, "live_per_second"],
    ["a missing mode", { live_per_second: 100 }, "test_per_second"],
    ["an unknown field", { live_per_second: 100, test_per_second: 10, burst: 5 }, ""],
  ])("refuses %s with 400 validation_error and changes nothing", async (_name, body, path) => {
    const operator = await addPlatformOperator();
    const tenant = await paymentTenant({ connect: false });
    const auditBefore = await prisma.auditLog.count();
    const answer = await setLimits({ token: operator.token }, tenant.tenantId, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "validation_error", request_id: ANY_REQUEST_ID });
    expect(answer.body.error.details.map((issue: { path: string[] }) => issue.path.join("."))).toContain(path);
    expect(await columns(tenant.tenantId)).toEqual({ apiRateLimitLive: null, apiRateLimitTest: null });
    expect(await prisma.auditLog.count()).toBe(auditBefore);
  });

  it("is for operators only: a tenant owner gets 403, nobody signed in 401; an unknown tenant is 404", async () => {
    const operator = await addPlatformOperator();
    const tenant = await paymentTenant({ connect: false });
    const body = { live_per_second: 1, test_per_second: 1 };
    const owner = await setLimits({ token: tenant.token }, tenant.tenantId, body);
    expect(owner.status).toBe(403);
    expect(owner.body.error.code).toBe("forbidden");
    expect((await setLimits({}, tenant.tenantId, body)).status).toBe(401);
    expect(await columns(tenant.tenantId)).toEqual({ apiRateLimitLive: null, apiRateLimitTest: null });
    const missing = await setLimits({ token: operator.token }, "ten_missing", body);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
  });
});

describe("failed authentication per address", () => {
  it("refuses an address after 20 failures in a minute, before any lookup; other addresses are unaffected, X-Forwarded-For is not trusted", async () => {
    const tenant = await paymentTenant({ connect: false });
    const prober = freshIp();
    for (let i = 1; i <= 20; i++) {
      const answer = await get(generateKey("secret", "test").key, { ip: prober });
      expect(answer.status, `failure ${i}`).toBe(401);
      expect(answer.body.error.code).toBe("invalid_api_key");
    }
    const before = lookups();
    const refused = await get(generateKey("secret", "test").key, { ip: prober });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: "too_many_requests", details: { retry_after: expect.any(Number) }, request_id: ANY_REQUEST_ID });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    // A valid key from that address waits too: nothing is looked up for it until the minute is over.
    expect((await get(tenant.testKey, { ip: prober })).status).toBe(429);
    // A forwarded-for header from an untrusted peer changes nothing.
    expect((await get(tenant.testKey, { ip: prober, headers: { authorization: `Bearer ${tenant.testKey}`, "x-forwarded-for": "198.51.100.77" } })).status).toBe(429);
    expect(lookups()).toBe(before);

    const other = await get(tenant.testKey, { ip: freshIp() });
    expect(other.status).toBe(200);
  });

  it("counts missing credentials, malformed, publishable, revoked and expired keys alike, but not a suspended tenant's", async () => {
    const tenant = await paymentTenant({ connect: false });
    const revoked = generateKey("secret", "live");
    const expired = generateKey("secret", "live");
    const common = { tenantId: tenant.tenantId, mode: "live", kind: "secret" } as const;
    await prisma.apiKey.create({ data: { ...common, prefix: revoked.prefix, last4: revoked.last4, keyHash: revoked.hash, revokedAt: new Date() } });
    await prisma.apiKey.create({ data: { ...common, prefix: expired.prefix, last4: expired.last4, keyHash: expired.hash, expiresAt: new Date(Date.now() - 1000) } });
    const ip = freshIp();
    const failures: [string, CallOptions][] = [
      ["missing", { ip }],
      ["not a bearer", { ip, headers: { authorization: "Basic abc" } }],
      ["malformed", { ip, headers: { authorization: "Bearer sk_test_nope" } }],
      ["publishable", { ip, headers: { authorization: `Bearer ${tenant.publishableKey}` } }],
      ["revoked", { ip, headers: { authorization: `Bearer ${revoked.key}` } }],
      ["expired", { ip, headers: { authorization: `Bearer ${expired.key}` } }],
    ];
    for (let i = 0; i < 20; i++) {
      const [name, options] = failures[i % failures.length];
      const answer = await call(account, ACCOUNT, options);
      expect([401, 403], `${name} (${i + 1})`).toContain(answer.status);
    }
    expect((await get(tenant.testKey, { ip })).status).toBe(429);

    // A suspended tenant's key is known: refusing it is not a failed authentication.
    const suspendedIp = freshIp();
    await prisma.tenant.update({ where: { id: tenant.tenantId }, data: { status: TENANT_STATUS.suspended } });
    for (let i = 0; i < 21; i++) expect((await get(tenant.testKey, { ip: suspendedIp })).body.error.code).toBe("tenant_suspended");
  });

  it("puts requests without a known address in one shared bucket", async () => {
    for (let i = 0; i < 20; i++) expect((await get(generateKey("secret", "test").key, { ip: "" })).status).toBe(401);
    const refused = await get(generateKey("secret", "test").key, { ip: "" });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("too_many_requests");
  });
});

describe.skipIf(!process.env.TEST_REDIS_URL)("on Redis (TEST_REDIS_URL)", () => {
  const redisUrl = process.env.TEST_REDIS_URL!;

  /** Until the store's connection is up: before that, counts go to the in-process insurance. */
  async function connected(store: LimiterStore) {
    for (let i = 0; i < 200 && store.state() !== "up"; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(store.state()).toBe("up");
  }

  it("applies the same limit, counted in Redis", async () => {
    const prefix = `portal-test:${randomUUID()}`;
    const limiters = await replaceApiLimiters({ redisUrl, prefix, keyWindowSeconds: 60 });
    expect(limiters.store.kind).toBe("redis");
    await connected(limiters.store);
    const tenant = await paymentTenant({ connect: false });
    const ip = freshIp();
    for (let i = 1; i <= 100; i++) expect((await get(tenant.liveKey, { ip })).status, `request ${i}`).toBe(200);
    const refused = await get(tenant.liveKey, { ip });
    expect(refused.status).toBe(429);
    expect(refused.body.error.details).toMatchObject({ limit: 100, window_seconds: 60 });

    // Another instance on the same Redis sees the same count.
    const other = createLimiterStore({ redisUrl, prefix });
    try {
      await connected(other);
      const seen = await other.counter("key", 60).peek(hashKey(tenant.liveKey));
      expect(seen?.consumed).toBe(101);
    } finally {
      await other.close();
    }
  });

  it("refuses an address another instance counted to the limit after this instance's next failure from it", async () => {
    const prefix = `portal-test:${randomUUID()}`;
    await connected((await replaceApiLimiters({ redisUrl, prefix })).store);
    const tenant = await paymentTenant({ connect: false });
    const prober = freshIp();
    for (let i = 1; i <= 20; i++) expect((await get(generateKey("secret", "test").key, { ip: prober })).status, `failure ${i}`).toBe(401);
    expect((await get(tenant.testKey, { ip: prober })).status).toBe(429);

    // Another instance on the same Redis: it has seen none of those failures itself.
    await connected((await replaceApiLimiters({ redisUrl, prefix })).store);
    const before = lookups();
    const first = await get(generateKey("secret", "test").key, { ip: prober });
    expect(first.status).toBe(401);
    expect(lookups()).toBe(before + 1);
    // That failure's count was the shared one (21): from now on this instance refuses too, with no lookup.
    const refused = await get(tenant.testKey, { ip: prober });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("too_many_requests");
    expect(lookups()).toBe(before + 1);
  });

  it("shares one count between two instances", async () => {
    const prefix = `portal-test:${randomUUID()}`;
    const first = createLimiterStore({ redisUrl, prefix });
    const second = createLimiterStore({ redisUrl, prefix });
    try {
      await connected(first);
      await connected(second);
      const a = first.counter("key", 60);
      const b = second.counter("key", 60);
      const counts = [];
      for (let i = 0; i < 3; i++) {
        counts.push((await a.hit("some-key-hash")).consumed);
        counts.push((await b.hit("some-key-hash")).consumed);
      }
      expect(counts).toEqual([1, 2, 3, 4, 5, 6]);
      expect(first.state()).toBe("up");
    } finally {
      await first.close();
      await second.close();
    }
  });
});
