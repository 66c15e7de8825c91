import { describe, expect, it } from "vitest";
import { PLATFORM_DEFAULT_FEE_SCHEDULE } from "@/lib/money/fees";
import { feeScheduleSchema, tenantFeeScheduleBodySchema } from "./fees";

describe("feeScheduleSchema", () => {
  it.each<[string, unknown]>([
    ["a percentage only", { percent_bps: 290 }],
    ["no fee", { percent_bps: 0 }],
    ["100%", { percent_bps: 10000 }],
    ["every part", { percent_bps: 290, fixed: { usd: 30, jpy: 30 }, minimum: { usd: 50 }, maximum: { usd: 500, kwd: 5000 } }],
    ["empty maps", { percent_bps: 290, fixed: {}, minimum: {}, maximum: {} }],
    ["a minimum equal to the maximum", { percent_bps: 0, minimum: { eur: 100 }, maximum: { eur: 100 } }],
    ["a minimum in one currency and a lower maximum in another", { percent_bps: 0, minimum: { eur: 100 }, maximum: { usd: 50 } }],
    ["the largest amount Stripe charges", { percent_bps: 0, maximum: { usd: 99_999_999 } }],
    ["the platform default", PLATFORM_DEFAULT_FEE_SCHEDULE],
  ])("accepts %s", (_case, input) => {
    const result = feeScheduleSchema.safeParse(input);
    expect(result.error?.issues).toBeUndefined();
    expect(result.data).toEqual(input);
  });

  it.each<[string, unknown, (string | number)[], string]>([
    ["a missing percentage", {}, ["percent_bps"], "invalid_type"],
    ["a negative percentage", { percent_bps: -1 }, ["percent_bps"], "too_small"],
    ["a percentage over 100%", { percent_bps: 10001 }, ["percent_bps"], "too_big"],
    ["a fractional percentage", { percent_bps: 2.5 }, ["percent_bps"], "invalid_type"],
    ["a percentage as a string", { percent_bps: "290" }, ["percent_bps"], "invalid_type"],
    ["an unknown key", { percent_bps: 290, currency: "usd" }, [], "unrecognized_keys"],
    ["an uppercase currency", { percent_bps: 290, fixed: { USD: 30 } }, ["fixed"], "unrecognized_keys"],
    ["an unsupported currency", { percent_bps: 290, minimum: { idr: 30 } }, ["minimum"], "unrecognized_keys"],
    ["an inherited property's name", { percent_bps: 290, fixed: { constructor: 5 } }, ["fixed"], "unrecognized_keys"],
    ["a negative amount", { percent_bps: 290, fixed: { usd: -1 } }, ["fixed", "usd"], "too_small"],
    ["a fractional amount", { percent_bps: 290, maximum: { usd: 1.5 } }, ["maximum", "usd"], "invalid_type"],
    ["an amount as a string", { percent_bps: 290, fixed: { usd: "30" } }, ["fixed", "usd"], "invalid_type"],
    ["a null amount", { percent_bps: 290, fixed: { usd: null } }, ["fixed", "usd"], "invalid_type"],
    ["a list instead of a map", { percent_bps: 290, fixed: [30] }, ["fixed"], "invalid_type"],
    ["a minimum above the maximum", { percent_bps: 290, minimum: { usd: 501 }, maximum: { usd: 500 } }, ["minimum", "usd"], "custom"],
    ["an amount above any charge", { percent_bps: 290, fixed: { usd: 100_000_000 } }, ["fixed", "usd"], "custom"],
    ["null", null, [], "invalid_type"],
  ])("refuses %s", (_case, input, path, code) => {
    const result = feeScheduleSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path, code })]));
  });

  it("names the refused currency codes", () => {
    const result = feeScheduleSchema.safeParse({ percent_bps: 290, fixed: { USD: 30, Eur: 25 } });
    expect(result.error?.issues[0]?.message).toBe("Not a supported currency code in lowercase: USD, Eur.");
  });

  it("never carries a __proto__ key into the schedule", () => {
    const result = feeScheduleSchema.safeParse(JSON.parse('{"percent_bps": 290, "fixed": {"__proto__": {"usd": 1}, "eur": 25}}'));
    expect(result.data?.fixed).toEqual({ eur: 25 });
    expect(Object.getPrototypeOf(result.data?.fixed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(result.data?.fixed)).toEqual(["eur"]);
  });
});

describe("tenantFeeScheduleBodySchema", () => {
  it("takes a schedule, or null for the platform default", () => {
    expect(tenantFeeScheduleBodySchema.parse(null)).toBeNull();
    expect(tenantFeeScheduleBodySchema.parse({ percent_bps: 10 })).toEqual({ percent_bps: 10 });
  });

  it.each<[string, unknown]>([
    ["an empty object (what an empty body becomes)", {}],
    ["undefined", undefined],
    ["a string null", "null"],
    ["an invalid schedule", { percent_bps: 10001 }],
  ])("refuses %s", (_case, input) => {
    expect(tenantFeeScheduleBodySchema.safeParse(input).success).toBe(false);
  });
});
