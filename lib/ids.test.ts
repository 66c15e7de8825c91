import { describe, expect, it } from "vitest";
import { newPublicId } from "./ids";

describe("newPublicId", () => {
  it("is the prefix, an underscore and 24 base62 characters by default", () => {
    expect(newPublicId("req")).toMatch(/^req_[0-9A-Za-z]{24}$/);
    expect(newPublicId("pay", 10)).toMatch(/^pay_[0-9A-Za-z]{10}$/);
  });

  it("never repeats in practice", () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newPublicId("msg")));
    expect(ids.size).toBe(10_000);
  });

  it("uses every character about equally often (no modulo bias toward the first ones)", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4_000; i++) for (const char of newPublicId("x").slice(2)) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(62);
    // 96,000 characters: about 1,548 each; without the rejection, the first 8 characters would come up a fifth more often.
    const expected = 96_000 / 62;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.15);
  });
});

describe("newPublicId's byte pool", () => {
  it("keeps ids distinct across many refills of the pool", () => {
    // 4,096 bytes make about 160 ids: 20,000 ids cross more than a hundred refills.
    const ids = new Set(Array.from({ length: 20_000 }, () => newPublicId("req")));
    expect(ids.size).toBe(20_000);
  });
});
