import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { localInputValue, recoverySince } from "./recovery-window";

const NOW = Date.parse("2026-11-26T06:00:00.000Z");

describe("recoverySince", () => {
  beforeEach(() => {
    // The shared schema reads the clock itself.
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it.each([
    ["1h", "", { since: "2026-11-26T05:00:00.000Z" }],
    ["24h", "", { since: "2026-11-25T06:00:00.000Z" }],
    ["7d", "", { since: "2026-11-19T06:00:00.000Z" }],
    // A minute inside the limit, so it is still inside when the request arrives.
    ["14d", "", { since: "2026-11-12T06:01:00.000Z" }],
    ["custom", "", { error: "Pick the date and time to recover from." }],
    ["custom", "not a date", { error: "Enter a date and time." }],
    ["custom", new Date(NOW + 60_000).toISOString(), { error: "Pick a time in the past." }],
    ["custom", new Date(NOW).toISOString(), { error: "Pick a time in the past." }],
    ["custom", "2026-11-01T00:00:00.000Z", { error: "Recovery reaches back at most 14 days." }],
    ["custom", "2026-11-20T12:30:00.000Z", { since: "2026-11-20T12:30:00.000Z" }],
  ] as const)("%s %s gives %o", (pick, custom, expected) => {
    expect(recoverySince(pick, custom, NOW)).toEqual(expected);
  });

  it("reads a datetime-local value in the browser's time zone", () => {
    const local = localInputValue(NOW - 3_600_000);
    expect(recoverySince("custom", local, NOW)).toEqual({ since: new Date(local).toISOString() });
    expect(new Date(local).getTime()).toBe(Math.floor((NOW - 3_600_000) / 60_000) * 60_000);
  });
});
