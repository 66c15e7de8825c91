import { describe, expect, it } from "vitest";
import {
  addCounts,
  bucketRange,
  bucketStart,
  countRequest,
  countsFromRow,
  emptyCounts,
  fillSeries,
  hourOf,
  minuteOf,
  toFigures,
  type UsageCounts,
} from "@/lib/api-traffic/usage-buckets";

const at = (iso: string) => new Date(iso);

describe("bucket numbering", () => {
  it("counts whole minutes and hours since the epoch (UTC)", () => {
    expect(minuteOf(at("1970-01-01T00:00:59.999Z"))).toBe(0);
    expect(minuteOf(at("1970-01-01T00:01:00Z"))).toBe(1);
    expect(hourOf(at("1970-01-02T00:59:00Z"))).toBe(24);
    expect(minuteOf(at("2026-11-29T10:15:30+02:00"))).toBe(Date.UTC(2026, 10, 29, 8, 15) / 60_000);
  });

  it.each([
    ["minute", "2026-11-29T10:15:30Z", "2026-11-29T10:18:00Z", 3, "2026-11-29T10:15:00.000Z"],
    ["minute", "2026-11-29T10:15:00Z", "2026-11-29T10:18:01Z", 4, "2026-11-29T10:15:00.000Z"],
    ["hour", "2026-11-29T10:15:00Z", "2026-11-29T12:00:00Z", 2, "2026-11-29T10:00:00.000Z"],
    ["hour", "2026-11-28T10:00:00Z", "2026-11-29T10:00:00Z", 24, "2026-11-28T10:00:00.000Z"],
    ["day", "2026-11-29T23:30:00+02:00", "2026-12-01T00:00:00Z", 2, "2026-11-29T00:00:00.000Z"],
    ["day", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", 30, "2026-11-01T00:00:00.000Z"],
  ] as const)("%s buckets from %s to %s: %s, the first starting at %s", (granularity, from, to, points, firstStart) => {
    const range = bucketRange(at(from), at(to), granularity);
    expect(range.points).toBe(points);
    expect(range.end - range.first).toBe(points);
    expect(bucketStart(range.first, granularity)).toBe(firstStart);
  });
});

describe("counts", () => {
  it("counts a request under its outcome and latency bucket", () => {
    const counts = emptyCounts();
    countRequest(counts, "succeeded", 3);
    countRequest(counts, "client_error", 40);
    countRequest(counts, "rate_limited", 0);
    countRequest(counts, "server_error", 20_000);
    expect(counts).toMatchObject({ requests: 4, succeeded: 1, clientErrors: 1, serverErrors: 1, rateLimited: 1 });
    expect(counts.latency).toEqual([1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it("adds counts field by field, histograms included", () => {
    const a = emptyCounts();
    countRequest(a, "succeeded", 3);
    const b = emptyCounts();
    countRequest(b, "succeeded", 4);
    countRequest(b, "server_error", 900);
    addCounts(a, b);
    expect(a).toMatchObject({ requests: 3, succeeded: 2, serverErrors: 1 });
    expect(a.latency[2]).toBe(2);
    expect(a.latency[9]).toBe(1);
  });

  it("reads a row of sums whatever number type the driver answers", () => {
    const counts = countsFromRow({ requests: 5n, succeeded: "4", clientErrors: 1, serverErrors: null, rateLimited: undefined, latencyLe5: 5n });
    expect(counts).toMatchObject({ requests: 5, succeeded: 4, clientErrors: 1, serverErrors: 0, rateLimited: 0 });
    expect(counts.latency[2]).toBe(5);
  });

  it("shows figures with percentiles from the histogram, null when nothing was counted", () => {
    expect(toFigures(emptyCounts())).toEqual({
      requests: 0,
      succeeded: 0,
      client_errors: 0,
      server_errors: 0,
      rate_limited: 0,
      p50_ms: null,
      p95_ms: null,
      p99_ms: null,
    });
    const counts = emptyCounts();
    for (let i = 0; i < 99; i++) countRequest(counts, "succeeded", 8);
    countRequest(counts, "server_error", 3_000);
    expect(toFigures(counts)).toMatchObject({ requests: 100, p50_ms: 10, p95_ms: 10, p99_ms: 10 });
  });
});

describe("fillSeries", () => {
  const one = (requests: number): UsageCounts => {
    const counts = emptyCounts();
    for (let i = 0; i < requests; i++) countRequest(counts, "succeeded", 1);
    return counts;
  };

  it("has every bucket of the range in order, zeros included, and sums the totals", () => {
    const first = Date.UTC(2026, 10, 29, 10) / 3_600_000;
    const counted = new Map([
      [first + 1, one(2)],
      [first + 3, one(1)],
      [first + 9, one(50)], // outside the range: ignored
    ]);
    const { series, totals } = fillSeries(first, first + 4, counted, "hour");
    expect(series.map((point) => [point.start, point.requests])).toEqual([
      ["2026-11-29T10:00:00.000Z", 0],
      ["2026-11-29T11:00:00.000Z", 2],
      ["2026-11-29T12:00:00.000Z", 0],
      ["2026-11-29T13:00:00.000Z", 1],
    ]);
    expect(series[0].p50_ms).toBeNull();
    expect(totals.requests).toBe(3);
  });
});
