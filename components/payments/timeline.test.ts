import { describe, expect, it } from "vitest";
import { orderTimeline } from "./timeline";

describe("orderTimeline", () => {
  it("keeps creation first even when Stripe's whole-second stamp puts the success before it", () => {
    const entries = [
      { type: "succeeded" as const, at: "2026-03-01T10:00:00.000Z" },
      { type: "created" as const, at: "2026-03-01T10:00:00.412Z" },
      { type: "refunded" as const, at: "2026-03-01T11:00:00.000Z", amount: 500 },
    ];
    expect(orderTimeline(entries).map((entry) => entry.type)).toEqual(["created", "succeeded", "refunded"]);
  });

  it("orders the rest by time, keeping the given order for equal times", () => {
    const entries = [
      { type: "created" as const, at: "2026-03-01T10:00:00.000Z" },
      { type: "refunded" as const, at: "2026-03-01T12:00:00.000Z", amount: 1 },
      { type: "refunded" as const, at: "2026-03-01T12:00:00.000Z", amount: 2 },
      { type: "failed" as const, at: "2026-03-01T10:05:00.000Z" },
      { type: "succeeded" as const, at: "2026-03-01T10:06:00.000Z" },
    ];
    expect(orderTimeline(entries).map((entry) => `${entry.type}${entry.amount ?? ""}`)).toEqual(["created", "failed", "succeeded", "refunded1", "refunded2"]);
  });
});
