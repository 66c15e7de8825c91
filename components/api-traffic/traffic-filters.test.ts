import { describe, expect, it } from "vitest";
import {
  errorRate,
  fillSeries,
  requestFiltersFromParams,
  requestFiltersToParams,
  requestsApiQuery,
  requestsHref,
  statusClass,
  usageApiQuery,
  usageHref,
  usageViewFromParams,
} from "./traffic-filters";

const NOW = Date.parse("2026-11-30T12:34:56.000Z");

describe("usage view", () => {
  it("reads the range and key from the URL, dropping what it does not know", () => {
    expect(usageViewFromParams(new URLSearchParams("range=7d&key=key_1"))).toEqual({ range: "7d", key: "key_1" });
    expect(usageViewFromParams({ range: "2y" })).toEqual({ range: "24h" });
  });

  it("leaves the default range out of links", () => {
    expect(usageHref({})).toBe("/usage");
    expect(usageHref({ key: "key_1" })).toBe("/usage?key=key_1");
    expect(usageHref({ range: "1h" })).toBe("/usage?range=1h");
  });

  it("asks for minutes over an hour, hours over a day or a week, days over 30 days", () => {
    const query = (range: "1h" | "24h" | "7d" | "30d") => Object.fromEntries(new URLSearchParams(usageApiQuery({ range }, NOW)));
    expect(query("1h")).toEqual({ from: "2026-11-30T11:34:56.000Z", to: "2026-11-30T12:34:56.000Z", granularity: "minute" });
    expect(query("24h")).toMatchObject({ from: "2026-11-29T12:34:56.000Z", granularity: "hour" });
    expect(query("7d")).toMatchObject({ from: "2026-11-23T12:34:56.000Z", granularity: "hour" });
    expect(query("30d")).toMatchObject({ from: "2026-10-31T12:34:56.000Z", granularity: "day" });
    expect(usageApiQuery({ range: "24h", key: "key_1" }, NOW)).toContain("key_id=key_1");
  });
});

describe("fillSeries", () => {
  const figures = { requests: 3, succeeded: 2, client_errors: 1, server_errors: 0, rate_limited: 0, p50_ms: 4, p95_ms: 9, p99_ms: 9 };

  it("gives every bucket of the range, zero where nothing was called, starting at the bucket that holds `from`", () => {
    const points = fillSeries({
      from: "2026-11-30T09:30:00.000Z",
      to: "2026-11-30T12:30:00.000Z",
      granularity: "hour",
      series: [{ start: "2026-11-30T10:00:00.000Z", ...figures }],
    });
    expect(points.map((point) => [point.start, point.requests])).toEqual([
      ["2026-11-30T09:00:00.000Z", 0],
      ["2026-11-30T10:00:00.000Z", 3],
      ["2026-11-30T11:00:00.000Z", 0],
      ["2026-11-30T12:00:00.000Z", 0],
    ]);
    expect(points[0]).toMatchObject({ p95_ms: null, succeeded: 0 });
  });

  it("keeps a bucket that is off the grid instead of losing its requests", () => {
    const points = fillSeries({
      from: "2026-11-30T10:00:00.000Z",
      to: "2026-11-30T10:02:00.000Z",
      granularity: "minute",
      series: [{ start: "2026-11-30T10:00:30.000Z", ...figures }],
    });
    expect(points.reduce((sum, point) => sum + point.requests, 0)).toBe(3);
    expect(points).toHaveLength(3);
  });

  it("gives the series as sent when the range is unreadable", () => {
    expect(fillSeries({ from: "x", to: "y", granularity: "day", series: [] })).toEqual([]);
  });
});

describe("errorRate", () => {
  it("counts client and server errors, not rate limiting, and is null without requests", () => {
    expect(errorRate({ requests: 10, client_errors: 2, server_errors: 1 })).toBeCloseTo(0.3);
    expect(errorRate({ requests: 0, client_errors: 0, server_errors: 0 })).toBeNull();
  });
});

describe("request filters", () => {
  it("reads a status class or code, a key, a route, a mode and a range; drops the rest", () => {
    expect(requestFiltersFromParams(new URLSearchParams("status=4XX&key=key_1&route=GET%20%2Fv1%2Faccount&mode=test&range=1h"))).toEqual({
      status: "4xx",
      key: "key_1",
      route: "GET /v1/account",
      mode: "test",
      range: "1h",
    });
    expect(requestFiltersFromParams({ status: "teapot", mode: "sandbox", range: "1y" })).toEqual({ range: "7d" });
  });

  it("round-trips through the page's query string with the open request", () => {
    const filters = { status: "429", route: "POST /v1/payments", range: "24h" as const };
    const params = requestFiltersToParams(filters, { request: "req_abc" });
    expect(params.get("request")).toBe("req_abc");
    expect(requestFiltersFromParams(params)).toEqual(filters);
    expect(requestsHref({})).toBe("/requests");
    expect(requestsHref({ status: "429" })).toBe("/requests?status=429");
  });

  it("turns the key into key_id and carries the first page's start", () => {
    const query = new URLSearchParams(requestsApiQuery({ key: "key_1", range: "7d" }, { from: "2026-11-23T00:00:00.000Z", cursor: "c1", limit: 25 }));
    expect(Object.fromEntries(query)).toEqual({ key_id: "key_1", from: "2026-11-23T00:00:00.000Z", cursor: "c1", limit: "25" });
  });
});

describe("statusClass", () => {
  it("tells 429 apart from other client errors", () => {
    expect([200, 201, 304, 400, 404, 429, 500, 503].map(statusClass)).toEqual([
      "success",
      "success",
      "success",
      "client_error",
      "client_error",
      "rate_limited",
      "server_error",
      "server_error",
    ]);
  });
});
