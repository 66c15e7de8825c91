import { describe, expect, it } from "vitest";
import { rateLimitHeaders } from "@/lib/api-traffic/rate-limit-headers";

describe("rateLimitHeaders", () => {
  it("announces the policy and the window as structured fields", () => {
    expect(rateLimitHeaders({ limit: 100, windowSeconds: 1, remaining: 42, resetSeconds: 1 })).toEqual({
      "RateLimit-Policy": '"key";q=100;w=1',
      RateLimit: '"key";r=42;t=1',
    });
  });

  it("never announces a negative remainder", () => {
    expect(rateLimitHeaders({ limit: 25, windowSeconds: 1, remaining: -3, resetSeconds: 1 }).RateLimit).toBe('"key";r=0;t=1');
  });
});
