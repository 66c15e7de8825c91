// GET /api/v1/auth/tenants/usage/, /requests/ and /requests/{request_id}/:
// what the portal reads back of the platform API's traffic, fed through the
// recorder with requests at fixed times, on whichever database the suite runs.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as usageRoute } from "@/app/api/v1/auth/tenants/usage/route";
import { GET as requestsRoute } from "@/app/api/v1/auth/tenants/requests/route";
import { GET as requestRoute } from "@/app/api/v1/auth/tenants/requests/[requestId]/route";
import { flushApiTraffic } from "@/lib/api-traffic/recorder";
import { prisma } from "@/lib/db";
import { call } from "./helpers/api";
import { recordAt, tenantWithSecrets } from "./helpers/api-traffic";
import { addMember } from "./helpers/fixtures";

const USAGE = "/api/v1/auth/tenants/usage/";
const REQUESTS = "/api/v1/auth/tenants/requests/";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 10:00 UTC on a fixed day: the fixtures are placed around it. */
const BASE = Date.UTC(2026, 10, 20, 10, 0, 0);
const MIDNIGHT = BASE - 10 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

let a: Awaited<ReturnType<typeof tenantWithSecrets>>;
let b: Awaited<ReturnType<typeof tenantWithSecrets>>;
/** Tenant A's request ids, oldest first. */
let aIds: string[];
let bIds: string[];

beforeAll(async () => {
  a = await tenantWithSecrets();
  b = await tenantWithSecrets();
  aIds = [
    recordAt(a.test, new Date(BASE + 30_000), { latencyMs: 3 }),
    recordAt(a.test, new Date(BASE + 40_000), { latencyMs: 4 }),
    recordAt(a.test, new Date(BASE + 90_000), { method: "POST", route: "POST /v1/payments", path: "/api/v1/payments/", status: 400, errorCode: "validation_error", latencyMs: 20 }),
    recordAt(a.live, new Date(BASE + HOUR + 10_000), { latencyMs: 300 }),
    recordAt(a.live, new Date(BASE + HOUR + 20_000), { keyId: null, status: 429, errorCode: "rate_limited", latencyMs: 1 }),
    recordAt(a.test, new Date(BASE + DAY), { status: 500, errorCode: "internal_error", latencyMs: 6_000 }),
  ].map((record) => record.requestId);
  bIds = Array.from({ length: 5 }, () => recordAt(b.test, new Date(BASE + 30_000)).requestId);
  await flushApiTraffic();
});

const usage = (query: string, token = a.token) => call(usageRoute, `${USAGE}?${query}`, { token });
const requests = (query = "", token = a.token) => call(requestsRoute, `${REQUESTS}?${query}`, { token });
const request = (requestId: string, token = a.token) => call(requestRoute, `${REQUESTS}${requestId}/`, { token, params: { requestId } });

const zeros = { requests: 0, succeeded: 0, client_errors: 0, server_errors: 0, rate_limited: 0, p50_ms: null, p95_ms: null, p99_ms: null };

describe("GET /api/v1/auth/tenants/usage/", () => {
  it("answers minutes: every bucket of the range, zeros included, totals, by route and by key busiest first", async () => {
    const result = await usage(`granularity=minute&from=${iso(BASE)}&to=${iso(BASE + 3 * 60_000)}`);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      from: iso(BASE),
      to: iso(BASE + 3 * 60_000),
      granularity: "minute",
      series: [
        { start: iso(BASE), requests: 2, succeeded: 2, client_errors: 0, server_errors: 0, rate_limited: 0, p50_ms: 5, p95_ms: 5, p99_ms: 5 },
        { start: iso(BASE + 60_000), requests: 1, succeeded: 0, client_errors: 1, server_errors: 0, rate_limited: 0, p50_ms: 25, p95_ms: 25, p99_ms: 25 },
        { start: iso(BASE + 120_000), ...zeros },
      ],
      totals: { requests: 3, succeeded: 2, client_errors: 1, server_errors: 0, rate_limited: 0, p50_ms: 5, p95_ms: 25, p99_ms: 25 },
      by_route: [
        { route: "GET /v1/account", requests: 2, succeeded: 2, client_errors: 0, server_errors: 0, rate_limited: 0, p50_ms: 5, p95_ms: 5, p99_ms: 5 },
        { route: "POST /v1/payments", requests: 1, succeeded: 0, client_errors: 1, server_errors: 0, rate_limited: 0, p50_ms: 25, p95_ms: 25, p99_ms: 25 },
      ],
      by_key: [
        {
          key: { id: a.test.id, prefix: "sk_test_", last4: a.test.secret.slice(-4), mode: "test" },
          requests: 3, succeeded: 2, client_errors: 1, server_errors: 0, rate_limited: 0, p50_ms: 5, p95_ms: 25, p99_ms: 25,
        },
      ],
    });
  });

  it("answers hours from the hour rows, with rate-limited requests apart from client errors", async () => {
    const result = await usage(`granularity=hour&from=${iso(BASE)}&to=${iso(BASE + 2 * HOUR)}`);
    expect(result.status).toBe(200);
    expect(result.body.series.map((point: { start: string; requests: number }) => [point.start, point.requests])).toEqual([
      [iso(BASE), 3],
      [iso(BASE + HOUR), 2],
    ]);
    expect(result.body.totals).toMatchObject({ requests: 5, succeeded: 3, client_errors: 1, rate_limited: 1, server_errors: 0 });
    expect(result.body.by_key.map((row: { key: { id: string }; requests: number }) => [row.key.id, row.requests])).toEqual([
      [a.test.id, 3],
      [a.live.id, 2],
    ]);
  });

  it("answers days as UTC days of summed hours, starting at midnight whatever time from names", async () => {
    const result = await usage(`granularity=day&from=${iso(BASE)}&to=${iso(BASE + DAY + HOUR)}`);
    expect(result.status).toBe(200);
    expect(result.body.series).toEqual([
      { start: iso(MIDNIGHT), requests: 5, succeeded: 3, client_errors: 1, server_errors: 0, rate_limited: 1, p50_ms: 5, p95_ms: 500, p99_ms: 500 },
      { start: iso(MIDNIGHT + DAY), requests: 1, succeeded: 0, client_errors: 0, server_errors: 1, rate_limited: 0, p50_ms: 10000, p95_ms: 10000, p99_ms: 10000 },
    ]);
    expect(result.body.totals.requests).toBe(6);
  });

  it("filters by key and by mode", async () => {
    const range = `granularity=hour&from=${iso(MIDNIGHT)}&to=${iso(MIDNIGHT + 2 * DAY)}`;
    expect((await usage(`${range}&mode=live`)).body.totals).toMatchObject({ requests: 2, succeeded: 1, rate_limited: 1 });
    expect((await usage(`${range}&mode=test`)).body.totals).toMatchObject({ requests: 4 });
    const byKey = await usage(`${range}&key_id=${a.test.id}`);
    expect(byKey.body.totals).toMatchObject({ requests: 4, server_errors: 1 });
    expect(byKey.body.by_key).toHaveLength(1);
    // Another tenant's key counts nothing here.
    expect((await usage(`${range}&key_id=${b.test.id}`)).body.totals.requests).toBe(0);
  });

  it("never shows another tenant's traffic", async () => {
    const range = `granularity=minute&from=${iso(BASE)}&to=${iso(BASE + 60_000)}`;
    expect((await usage(range)).body.totals.requests).toBe(2);
    const other = await usage(range, b.token);
    expect(other.body.totals.requests).toBe(5);
    expect(other.body.by_key.map((row: { key: { id: string } }) => row.key.id)).toEqual([b.test.id]);
  });

  it.each([
    ["minute", HOUR],
    ["hour", DAY],
    ["day", 30 * DAY],
  ])("defaults from to a span before to for %s", async (granularity, span) => {
    const result = await usage(`granularity=${granularity}&to=${iso(BASE + DAY)}`);
    expect(result.status).toBe(200);
    expect(Date.parse(result.body.to) - Date.parse(result.body.from)).toBe(span);
    expect(result.body.to).toBe(iso(BASE + DAY));
  });

  it("defaults to hours over the last day until now", async () => {
    const before = Date.now();
    const result = await usage("");
    expect(result.status).toBe(200);
    expect(result.body.granularity).toBe("hour");
    expect(Date.parse(result.body.to)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(result.body.to) - Date.parse(result.body.from)).toBe(DAY);
    expect(result.body.series.length).toBeGreaterThanOrEqual(24);
  });

  it("refuses more than 1500 points with range_too_large, and answers exactly 1500", async () => {
    const tooMany = await usage(`granularity=minute&from=${iso(BASE)}&to=${iso(BASE + 1501 * 60_000)}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: "range_too_large", details: { points: 1501, max_points: 1500 } });
    const days = await usage(`granularity=hour&from=${iso(MIDNIGHT - 90 * DAY)}&to=${iso(MIDNIGHT)}`);
    expect(days.body.error).toMatchObject({ code: "range_too_large", details: { points: 2160, max_points: 1500 } });
    const exact = await usage(`granularity=minute&from=${iso(BASE)}&to=${iso(BASE + 1500 * 60_000)}`);
    expect(exact.status).toBe(200);
    expect(exact.body.series).toHaveLength(1500);
    expect(exact.body.totals.requests).toBe(6); // 25 hours: the next day's 10:00 request included
  });

  it.each([
    ["an unknown granularity", "granularity=week", "granularity"],
    ["a malformed date", "from=yesterday", "from"],
    ["from after to", `from=${iso(BASE + HOUR)}&to=${iso(BASE)}`, "from"],
    ["an unknown mode", "mode=staging", "mode"],
    ["an unknown parameter", "tenant_id=x", ""],
  ])("refuses %s with validation_error", async (_name, query, field) => {
    const before = await prisma.apiUsageMinute.count();
    const result = await usage(query);
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("validation_error");
    if (field) expect(result.body.error.details.map((issue: { path: string[] }) => issue.path[0])).toContain(field);
    expect(await prisma.apiUsageMinute.count()).toBe(before);
  });
});

describe("GET /api/v1/auth/tenants/requests/", () => {
  it("lists the tenant's requests newest first, in the entry shape", async () => {
    const result = await requests();
    expect(result.status).toBe(200);
    expect(result.body.data.map((entry: { request_id: string }) => entry.request_id)).toEqual([...aIds].reverse());
    expect(result.body.next_cursor).toBeNull();
    expect(result.body.data.at(-1)).toEqual({
      request_id: aIds[0],
      created_at: iso(BASE + 30_000),
      key: { id: a.test.id, prefix: "sk_test_", last4: a.test.secret.slice(-4) },
      mode: "test",
      method: "GET",
      route: "GET /v1/account",
      path: "/api/v1/account/",
      status: 200,
      latency_ms: 3,
      ip: "203.0.113.5",
      user_agent: "fixture",
      error_code: null,
    });
  });

  it.each([
    ["a class of statuses", "status=4xx", [2, 4]],
    ["an exact status", "status=429", [4]],
    ["server errors", "status=5XX", [5]],
    ["a key", () => `key_id=${a.live.id}`, [3, 4]],
    ["a route", `route=${encodeURIComponent("POST /v1/payments")}`, [2]],
    ["a mode", "mode=live", [3, 4]],
    ["a range, from inclusive and to exclusive", `from=${iso(BASE + HOUR + 10_000)}&to=${iso(BASE + DAY)}`, [3, 4]],
  ])("filters by %s", async (_name, query, indexes) => {
    const result = await requests(typeof query === "function" ? query() : query);
    expect(result.status).toBe(200);
    expect(result.body.data.map((entry: { request_id: string }) => entry.request_id)).toEqual(indexes.map((i) => aIds[i]).reverse());
  });

  it("pages with the cursor and ends with next_cursor null", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result: Awaited<ReturnType<typeof requests>> = await requests(`limit=4${cursor ? `&cursor=${cursor}` : ""}`);
      expect(result.status).toBe(200);
      seen.push(...result.body.data.map((entry: { request_id: string }) => entry.request_id));
      cursor = result.body.next_cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual([...aIds].reverse());
  });

  it("never lists another tenant's requests, nor takes its request id as a cursor", async () => {
    const other = await requests("", b.token);
    expect(other.body.data.map((entry: { request_id: string }) => entry.request_id).sort()).toEqual([...bIds].sort());
    const cursor = await requests(`cursor=${bIds[0]}`);
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.code).toBe("invalid_cursor");
  });

  it.each([
    ["a malformed status", "status=4x"],
    ["a status out of range", "status=700"],
    ["a limit out of range", "limit=101"],
    ["a malformed date", "to=2026-13-01"],
    ["an unknown parameter", "tenant_id=x"],
  ])("refuses %s with validation_error, writing nothing", async (_name, query) => {
    const before = await prisma.apiRequestLog.count();
    const result = await requests(query);
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("validation_error");
    await flushApiTraffic();
    expect(await prisma.apiRequestLog.count()).toBe(before);
  });
});

describe("GET /api/v1/auth/tenants/requests/{request_id}/", () => {
  it("answers one request of the tenant", async () => {
    const result = await request(aIds[4]);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ request_id: aIds[4], status: 429, error_code: "rate_limited", mode: "live", key: { id: a.live.id } });
  });

  it("answers 404 for another tenant's request and an unknown id, 400 for a malformed one", async () => {
    expect((await request(bIds[0])).body.error.code).toBe("not_found");
    expect((await request(bIds[0])).status).toBe(404);
    expect((await request("req_unknown0000000000000000")).status).toBe(404);
    const malformed = await request("pay_123");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: "validation_error", details: [{ path: ["request_id"] }] });
  });
});

describe("roles", () => {
  it("lets admins in and keeps members and strangers out", async () => {
    const admin = await addMember(a.tenantId, "admin");
    const member = await addMember(a.tenantId, "member");
    expect((await usage("", admin.token)).status).toBe(200);
    expect((await requests("", admin.token)).status).toBe(200);
    expect((await request(aIds[0], admin.token)).status).toBe(200);
    for (const result of [await usage("", member.token), await requests("", member.token), await request(aIds[0], member.token)]) {
      expect(result.status).toBe(403);
      expect(result.body.error.code).toBe("forbidden");
    }
    const anonymous = await call(requestsRoute, REQUESTS);
    expect(anonymous.status).toBe(401);
    // A secret key is not a portal credential.
    expect((await requests("", a.test.secret)).status).toBe(401);
  });
});
