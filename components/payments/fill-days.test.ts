import { describe, expect, it } from "vitest";
import { fillDays, utcDays } from "./fill-days";

describe("utcDays", () => {
  it("lists every day, both ends included, across a month end and a leap day", () => {
    expect(utcDays("2024-02-27", "2024-03-02")).toEqual(["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02"]);
  });

  it("cuts date-times to their UTC day", () => {
    expect(utcDays("2026-03-01T15:00:00Z", "2026-03-02T00:00:00.000Z")).toEqual(["2026-03-01", "2026-03-02"]);
  });

  it("gives one day for a one-day range, none for a reversed or broken one", () => {
    expect(utcDays("2026-01-01", "2026-01-01")).toEqual(["2026-01-01"]);
    expect(utcDays("2026-01-02", "2026-01-01")).toEqual([]);
    expect(utcDays("nope", "2026-01-01")).toEqual([]);
  });

  it("covers 30 days with 30 entries", () => {
    expect(utcDays("2026-03-01", "2026-03-30")).toHaveLength(30);
  });
});

describe("fillDays", () => {
  const summary = {
    from: "2026-03-01T00:00:00.000Z",
    to: "2026-03-05T17:42:10.123Z",
    days: [
      { date: "2026-03-02", currency: "eur" as const, volume: 2000, fees: 88, count: 1 },
      { date: "2026-03-02", currency: "jpy" as const, volume: 5000, fees: 175, count: 2 },
      { date: "2026-03-04", currency: "eur" as const, volume: 1000, fees: 59, count: 1 },
    ],
  };

  it("gives every day of the range, zero where nothing was paid, one currency only", () => {
    expect(fillDays(summary, "eur")).toEqual([
      { date: "2026-03-01", volume: 0, fees: 0, count: 0 },
      { date: "2026-03-02", volume: 2000, fees: 88, count: 1 },
      { date: "2026-03-03", volume: 0, fees: 0, count: 0 },
      { date: "2026-03-04", volume: 1000, fees: 59, count: 1 },
      { date: "2026-03-05", volume: 0, fees: 0, count: 0 },
    ]);
  });

  it("never adds another currency's amounts in", () => {
    expect(fillDays(summary, "jpy").map((day) => day.volume)).toEqual([0, 5000, 0, 0, 0]);
    expect(fillDays(summary, "usd").every((day) => day.volume === 0 && day.count === 0)).toBe(true);
  });

  it("ignores days outside the range", () => {
    const outside = { ...summary, days: [...summary.days, { date: "2026-02-28", currency: "eur" as const, volume: 9, fees: 1, count: 1 }] };
    expect(fillDays(outside, "eur").reduce((sum, day) => sum + day.volume, 0)).toBe(3000);
  });

  it("adds up two rows for the same day", () => {
    const twice = { ...summary, days: [...summary.days, { date: "2026-03-04", currency: "eur" as const, volume: 500, fees: 10, count: 1 }] };
    expect(fillDays(twice, "eur")[3]).toEqual({ date: "2026-03-04", volume: 1500, fees: 69, count: 2 });
  });
});
