import { describe, expect, it } from "vitest";
import { webhookStatsFromHours, type HourFigures } from "./stats";

const HOUR = 3_600_000;
const now = new Date("2026-11-26T06:30:00.000Z");
const hourOf = (iso: string) => Math.floor(Date.parse(iso) / HOUR);
const figures = (iso: string, attempts: number, succeeded: number, durations: number[]): HourFigures => ({
  hour: hourOf(iso),
  attempts,
  succeeded,
  durationSum: durations.reduce((a, b) => a + b, 0),
  durationCount: durations.length,
  durationMax: durations.length ? Math.max(...durations) : null,
});

describe("webhookStatsFromHours", () => {
  it("answers zeros and nulls without attempts, with every bucket present", () => {
    const stats = webhookStatsFromHours([], now);
    const empty = { attempts: 0, succeeded: 0, failed: 0, success_rate: null, avg_response_ms: null, max_response_ms: null };
    expect(stats.windows).toEqual({ "24h": empty, "7d": empty });
    expect(stats.series["24h"]).toHaveLength(24);
    expect(stats.series["24h"][0]).toEqual({ start: "2026-11-25T07:00:00.000Z", attempts: 0, succeeded: 0, failed: 0, avg_response_ms: null });
    expect(stats.series["24h"][23].start).toBe("2026-11-26T06:00:00.000Z");
    expect(stats.series["7d"].map((point) => point.start)).toEqual([
      "2026-11-20T00:00:00.000Z",
      "2026-11-21T00:00:00.000Z",
      "2026-11-22T00:00:00.000Z",
      "2026-11-23T00:00:00.000Z",
      "2026-11-24T00:00:00.000Z",
      "2026-11-25T00:00:00.000Z",
      "2026-11-26T00:00:00.000Z",
    ]);
  });

  it("sums hours into the windows and the daily series; the 24-hour window is the current hour and the 23 before", () => {
    const hours = [
      figures("2026-11-26T06:00:00Z", 3, 2, [100, 200, 300]),
      figures("2026-11-25T07:00:00Z", 1, 1, [50]), // the first hour of the 24-hour window
      figures("2026-11-25T06:00:00Z", 2, 0, [10_000, 10_002]), // just before it: in the 7 days only
      figures("2026-11-20T00:00:00Z", 4, 4, [20, 20, 20, 20]), // the first of the 7 days
      figures("2026-11-19T23:00:00Z", 9, 9, [1]), // outside both
    ];
    const stats = webhookStatsFromHours(hours, now);
    expect(stats.windows["24h"]).toEqual({ attempts: 4, succeeded: 3, failed: 1, success_rate: 0.75, avg_response_ms: 163, max_response_ms: 300 });
    expect(stats.windows["7d"]).toEqual({ attempts: 10, succeeded: 7, failed: 3, success_rate: 0.7, avg_response_ms: 2073, max_response_ms: 10_002 });
    expect(stats.series["24h"][0]).toEqual({ start: "2026-11-25T07:00:00.000Z", attempts: 1, succeeded: 1, failed: 0, avg_response_ms: 50 });
    expect(stats.series["24h"][23]).toEqual({ start: "2026-11-26T06:00:00.000Z", attempts: 3, succeeded: 2, failed: 1, avg_response_ms: 200 });
    expect(stats.series["7d"][0]).toEqual({ start: "2026-11-20T00:00:00.000Z", attempts: 4, succeeded: 4, failed: 0, avg_response_ms: 20 });
    expect(stats.series["7d"][5]).toEqual({ start: "2026-11-25T00:00:00.000Z", attempts: 3, succeeded: 1, failed: 2, avg_response_ms: 6684 });
    expect(stats.series["7d"][6]).toEqual({ start: "2026-11-26T00:00:00.000Z", attempts: 3, succeeded: 2, failed: 1, avg_response_ms: 200 });
    // A chart and its totals agree.
    expect(stats.series["7d"].reduce((total, point) => total + point.attempts, 0)).toBe(stats.windows["7d"].attempts);
  });

  it("rounds the success rate to four decimals", () => {
    const stats = webhookStatsFromHours([figures("2026-11-26T06:00:00Z", 3, 2, [])], now);
    expect(stats.windows["24h"]).toMatchObject({ success_rate: 0.6667, avg_response_ms: null, max_response_ms: null });
  });
});
