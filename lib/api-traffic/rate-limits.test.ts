import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMITS, effectiveRateLimit, toRateLimitsView } from "@/lib/api-traffic/rate-limits";

describe("effectiveRateLimit", () => {
  it.each([
    ["no override, live", { apiRateLimitLive: null, apiRateLimitTest: null }, "live", 100],
    ["no override, test", { apiRateLimitLive: null, apiRateLimitTest: null }, "test", 25],
    ["live override, live", { apiRateLimitLive: 500, apiRateLimitTest: null }, "live", 500],
    ["live override leaves test at its default", { apiRateLimitLive: 500, apiRateLimitTest: null }, "test", 25],
    ["test override, test", { apiRateLimitLive: null, apiRateLimitTest: 3 }, "test", 3],
    ["test override leaves live at its default", { apiRateLimitLive: null, apiRateLimitTest: 3 }, "live", 100],
    ["both overridden, live", { apiRateLimitLive: 1, apiRateLimitTest: 10_000 }, "live", 1],
    ["both overridden, test", { apiRateLimitLive: 1, apiRateLimitTest: 10_000 }, "test", 10_000],
  ] as const)("%s → %s", (_name, limits, mode, expected) => {
    expect(effectiveRateLimit(limits, mode)).toBe(expected);
  });

  it("uses Stripe's figures as the defaults", () => {
    expect(DEFAULT_RATE_LIMITS).toEqual({ live: 100, test: 25 });
  });
});

describe("toRateLimitsView", () => {
  it("says what applies and whether it is the default", () => {
    expect(toRateLimitsView({ apiRateLimitLive: null, apiRateLimitTest: 50 })).toEqual({
      live_per_second: 100,
      test_per_second: 50,
      live_is_default: true,
      test_is_default: false,
    });
  });
});
