// The platform API's traffic recorder: what reaches the database after a
// flush, through the real route handlers, on whichever database the suite runs.
import { describe, expect, it, vi } from "vitest";
import { GET as account } from "@/app/api/v1/account/route";
import { POST as createPayment } from "@/app/api/v1/payments/route";
import { generateKey, hashKey } from "@/lib/api-keys/key-format";
import { flushApiTraffic, recordApiRequest } from "@/lib/api-traffic/recorder";
import { sweepApiTraffic } from "@/lib/api-traffic/retention";
import { Prisma, prisma } from "@/lib/db";
import { call } from "./helpers/api";
import { recordAt, tenantWithSecrets, usageByRoute } from "./helpers/api-traffic";

const DAY = 24 * 3_600_000;

describe("the traffic recorder", () => {
  it("writes exactly the requests sent: counts by outcome per minute and hour, one log row each, last_used_at", async () => {
    const tenant = await tenantWithSecrets();
    const key = tenant.test;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await call(account, "/api/v1/account/", { token: key.secret, headers: { "user-agent": "traffic-test/1.0" } });
      expect(result.status).toBe(200);
      ids.push(result.headers.get("request-id")!);
    }
    for (let i = 0; i < 2; i++) {
      const result = await call(createPayment, "/api/v1/payments/", { token: key.secret, body: { amount: "lots" } });
      expect(result.status).toBe(400);
      ids.push(result.headers.get("request-id")!);
    }
    await flushApiTraffic();

    const expected = {
      "GET /v1/account": { requests: 3, succeeded: 3, clientErrors: 0, serverErrors: 0, rateLimited: 0, histogram: 3 },
      "POST /v1/payments": { requests: 2, succeeded: 0, clientErrors: 2, serverErrors: 0, rateLimited: 0, histogram: 2 },
    };
    expect(await usageByRoute("minute", key.id)).toEqual(expected);
    expect(await usageByRoute("hour", key.id)).toEqual(expected);
    const usageRows = await prisma.apiUsageMinute.findMany({ where: { keyId: key.id } });
    expect(usageRows.every((row) => row.tenantId === tenant.tenantId && row.mode === "test")).toBe(true);

    const logs = await prisma.apiRequestLog.findMany({ where: { keyId: key.id }, orderBy: { createdAt: "asc" } });
    expect(logs.map((row) => row.id).sort()).toEqual([...ids].sort());
    const get = logs.find((row) => row.id === ids[0])!;
    expect(get).toMatchObject({
      tenantId: tenant.tenantId,
      mode: "test",
      method: "GET",
      route: "GET /v1/account",
      path: "/api/v1/account/",
      status: 200,
      ip: "203.0.113.10",
      userAgent: "traffic-test/1.0",
      errorCode: null,
    });
    expect(get.latencyMs).toBeGreaterThanOrEqual(0);
    const post = logs.find((row) => row.id === ids[3])!;
    expect(post).toMatchObject({ method: "POST", route: "POST /v1/payments", path: "/api/v1/payments/", status: 400, errorCode: "validation_error" });
    // No secret (nor its hash) and no body anywhere in what was stored.
    const stored = JSON.stringify([logs, usageRows]);
    expect(stored).not.toContain(key.secret);
    expect(stored).not.toContain(key.secret.slice(8));
    expect(stored).not.toContain(hashKey(key.secret));
    expect(stored).not.toContain("lots");

    const keyRow = await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(keyRow.lastUsedAt).toBeInstanceOf(Date);
    // The live key was not used.
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: tenant.live.id } })).lastUsedAt).toBeNull();

    // A second flush adds to the rows the first one wrote.
    for (let i = 0; i < 2; i++) expect((await call(account, "/api/v1/account/", { token: key.secret })).status).toBe(200);
    await flushApiTraffic();
    expect((await usageByRoute("minute", key.id))["GET /v1/account"]).toMatchObject({ requests: 5, succeeded: 5 });
    expect((await usageByRoute("hour", key.id))["GET /v1/account"]).toMatchObject({ requests: 5, succeeded: 5, histogram: 5 });
    expect(await prisma.apiRequestLog.count({ where: { keyId: key.id } })).toBe(7);
  });

  it("adds to counts already in the table, as another instance's flush left them", async () => {
    const tenant = await tenantWithSecrets();
    const at = new Date(Date.UTC(2026, 9, 1, 12, 0, 30));
    recordAt(tenant.live, at);
    await flushApiTraffic();
    // Same key, route and minute, as if written by another process.
    recordAt(tenant.live, at, { status: 500, errorCode: "internal_error", latencyMs: 700 });
    recordAt(tenant.live, at, { status: 404, errorCode: "not_found" });
    await flushApiTraffic();
    const [minute] = await prisma.apiUsageMinute.findMany({ where: { keyId: tenant.live.id } });
    expect(minute).toMatchObject({ minute: Math.floor(at.getTime() / 60_000), requests: 3, succeeded: 1, serverErrors: 1, clientErrors: 1, latencyLe5: 2, latencyLe1000: 1 });
    const [hour] = await prisma.apiUsageHour.findMany({ where: { keyId: tenant.live.id } });
    expect(hour).toMatchObject({ hour: Math.floor(at.getTime() / 3_600_000), requests: 3, succeeded: 1, serverErrors: 1, clientErrors: 1 });
  });

  it("resolves a request refused before its key was looked up by the key's hash, and drops one whose hash matches no key", async () => {
    const tenant = await tenantWithSecrets();
    const at = new Date();
    const refused = recordAt(tenant.test, at, { keyId: null, status: 429, errorCode: "rate_limited", latencyMs: 0 });
    const stranger = generateKey("secret", "test").key;
    const unknown = recordAt({ id: "unknown", secret: stranger }, at, { keyId: null, status: 429, errorCode: "rate_limited" });
    await flushApiTraffic();

    expect(await usageByRoute("minute", tenant.test.id)).toEqual({
      "GET /v1/account": { requests: 1, succeeded: 0, clientErrors: 0, serverErrors: 0, rateLimited: 1, histogram: 1 },
    });
    const row = await prisma.apiRequestLog.findUniqueOrThrow({ where: { id: refused.requestId } });
    expect(row).toMatchObject({ keyId: tenant.test.id, tenantId: tenant.tenantId, mode: "test", status: 429, errorCode: "rate_limited" });
    expect(await prisma.apiRequestLog.findUnique({ where: { id: unknown.requestId } })).toBeNull();
    // A refusal is not a use of the key.
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: tenant.test.id } })).lastUsedAt).toBeNull();
  });

  it("keeps what a failed flush could not write for the next one, without counting anything twice", async () => {
    const tenant = await tenantWithSecrets();
    const at = new Date();
    const first = recordAt(tenant.live, at);
    // The flush's last write fails: the counts and log rows before it are in, only last_used_at is left over.
    // The client itself: lib/db's export is a proxy that reads every property from it.
    const client = (globalThis as typeof globalThis & { __portalPrisma: typeof prisma }).__portalPrisma;
    const execute = client.$executeRaw.bind(client);
    const failure = vi.spyOn(client, "$executeRaw").mockImplementation(((query: Prisma.Sql) =>
      query.sql.includes('"lastUsedAt"') ? Promise.reject(new Error("database unavailable")) : execute(query)) as typeof prisma.$executeRaw);
    await expect(flushApiTraffic()).rejects.toThrow("database unavailable");
    failure.mockRestore();
    expect(await prisma.apiRequestLog.count({ where: { keyId: tenant.live.id } })).toBe(1);
    expect((await usageByRoute("minute", tenant.live.id))["GET /v1/account"]).toMatchObject({ requests: 1 });
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: tenant.live.id } })).lastUsedAt).toBeNull();

    const second = recordAt(tenant.live, at);
    await flushApiTraffic();
    expect((await usageByRoute("minute", tenant.live.id))["GET /v1/account"]).toMatchObject({ requests: 2, succeeded: 2 });
    expect((await usageByRoute("hour", tenant.live.id))["GET /v1/account"]).toMatchObject({ requests: 2 });
    const logged = await prisma.apiRequestLog.findMany({ where: { keyId: tenant.live.id }, select: { id: true } });
    expect(logged.map((row) => row.id).sort()).toEqual([first.requestId, second.requestId].sort());
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: tenant.live.id } })).lastUsedAt).toEqual(at);
  });
  it("skips a log row already in the table (a flush whose answer was lost) and writes the rest of its batch", async () => {
    const tenant = await tenantWithSecrets();
    const first = recordAt(tenant.test, new Date());
    await flushApiTraffic();
    recordApiRequest(first);
    const next = recordAt(tenant.test, new Date());
    await flushApiTraffic();
    const logged = await prisma.apiRequestLog.findMany({ where: { keyId: tenant.test.id }, select: { id: true } });
    expect(logged.map((row) => row.id).sort()).toEqual([first.requestId, next.requestId].sort());
  });
});

describe("retention", () => {
  it("deletes log rows and minute counts after 7 days and hour counts after 400 days", async () => {
    const tenant = await tenantWithSecrets();
    const now = new Date();
    const fresh = recordAt(tenant.test, new Date(now.getTime() - 6 * DAY));
    const week = recordAt(tenant.test, new Date(now.getTime() - 8 * DAY));
    recordAt(tenant.test, new Date(now.getTime() - 399 * DAY));
    recordAt(tenant.test, new Date(now.getTime() - 401 * DAY));
    await flushApiTraffic();
    expect(await prisma.apiUsageMinute.count({ where: { keyId: tenant.test.id } })).toBe(4);
    expect(await prisma.apiUsageHour.count({ where: { keyId: tenant.test.id } })).toBe(4);

    const deleted = await sweepApiTraffic(now);
    expect(deleted.logs).toBeGreaterThanOrEqual(3);
    const logs = await prisma.apiRequestLog.findMany({ where: { keyId: tenant.test.id }, select: { id: true } });
    expect(logs.map((row) => row.id)).toEqual([fresh.requestId]);
    expect(logs.map((row) => row.id)).not.toContain(week.requestId);
    const minutes = await prisma.apiUsageMinute.findMany({ where: { keyId: tenant.test.id } });
    expect(minutes.map((row) => row.minute)).toEqual([Math.floor((now.getTime() - 6 * DAY) / 60_000)]);
    const hours = await prisma.apiUsageHour.findMany({ where: { keyId: tenant.test.id }, orderBy: { hour: "asc" } });
    expect(hours.map((row) => row.hour)).toEqual(
      [399, 8, 6].map((days) => Math.floor((now.getTime() - days * DAY) / 3_600_000)),
    );
  });
});
