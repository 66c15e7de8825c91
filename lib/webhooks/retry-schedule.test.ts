import { describe, expect, it } from "vitest";
import { nextRetryDelayMs, parseRetryAfter, RETRY_DELAYS_MS } from "./retry-schedule";

describe("nextRetryDelayMs", () => {
  it("follows 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, then stops", () => {
    const mid = () => 0.5;
    expect(RETRY_DELAYS_MS.map((_, i) => nextRetryDelayMs(i + 1, null, mid))).toEqual([
      5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000, 72_000_000, 86_400_000,
    ]);
    expect(nextRetryDelayMs(10, null, mid)).toBeNull();
  });

  it("keeps jitter within ±20%", () => {
    for (let n = 1; n <= 9; n++) {
      const base = RETRY_DELAYS_MS[n - 1];
      expect(nextRetryDelayMs(n, null, () => 0)).toBe(Math.round(base * 0.8));
      expect(nextRetryDelayMs(n, null, () => 1)).toBe(Math.round(base * 1.2));
      for (let i = 0; i < 50; i++) {
        const delay = nextRetryDelayMs(n)!;
        expect(delay).toBeGreaterThanOrEqual(base * 0.8 - 1);
        expect(delay).toBeLessThanOrEqual(base * 1.2 + 1);
      }
    }
  });

  it("honours Retry-After within limits, never sooner than the schedule", () => {
    expect(nextRetryDelayMs(1, 60, () => 0.5)).toBe(60_000);
    expect(nextRetryDelayMs(2, 1, () => 0.5)).toBe(300_000);
    expect(nextRetryDelayMs(1, 10 * 86_400, () => 0.5)).toBe(86_400_000);
    expect(nextRetryDelayMs(1, 0, () => 0.5)).toBe(5_000);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-11-26T10:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter("Thu, 26 Nov 2026 10:01:00 GMT", now)).toBe(60);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
