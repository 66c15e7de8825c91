import { describe, expect, it } from "vitest";
import { CURRENCY_CODES, currencyExponent, type CurrencyCode } from "./currencies";
import { applicationFeeAmount, canonicalFeeSchedule, MAX_PERCENT_BPS, netAmount, percentOfAmount, PLATFORM_DEFAULT_FEE_SCHEDULE, sameFeeSchedule, type FeeSchedule } from "./fees";

describe("percentOfAmount (round half up, in integers)", () => {
  it.each<[number, number, number]>([
    [0, 290, 0],
    [10000, 290, 290],
    [50, 100, 1], // 0.5 → 1
    [150, 100, 2], // 1.5 → 2
    [250, 100, 3], // 2.5 → 3, not banker's 2
    [49, 100, 0], // 0.49 → 0
    [149, 100, 1], // 1.49 → 1
    [1, 5000, 1], // 0.5 → 1
    [1, 4999, 0], // 0.4999 → 0
    [1005, 290, 29], // 29.145 → 29
    [1035, 290, 30], // 30.015 → 30
    // 0.1 + 0.2 style trouble: 1.005 × 100 in floats is 100.49999…; in integers 10050 × 100 bps is 100.5 → 101.
    [10050, 100, 101],
    [99_999_999, 10000, 99_999_999],
    [99_999_999, 1, 10000], // 9999.9999 → 10000
    [99_999_999, 290, 2_900_000], // 2899999.971 → 2900000
  ])("%i × %i bps → %i", (amount, bps, fee) => {
    expect(percentOfAmount(amount, bps)).toBe(fee);
  });

  it("refuses a product it cannot compute exactly", () => {
    expect(() => percentOfAmount(Number.MAX_SAFE_INTEGER, 2)).toThrow(RangeError);
    expect(() => percentOfAmount(-1, 100)).toThrow(RangeError);
  });
});

describe("applicationFeeAmount", () => {
  const cases: [string, number, CurrencyCode, FeeSchedule, number][] = [
    ["percentage only", 10000, "usd", { percent_bps: 290 }, 290],
    ["fixed only", 10000, "usd", { percent_bps: 0, fixed: { usd: 30 } }, 30],
    ["percentage and fixed", 10000, "usd", { percent_bps: 290, fixed: { usd: 30 } }, 320],
    ["no fee at all", 10000, "usd", { percent_bps: 0 }, 0],
    ["rounding half up at exactly .5 (0.5 → 1)", 50, "usd", { percent_bps: 100 }, 1],
    ["rounding half up at exactly .5 (1.5 → 2)", 150, "usd", { percent_bps: 100 }, 2],
    ["rounding down below .5 (1.49 → 1)", 149, "usd", { percent_bps: 100 }, 1],
    ["the minimum binding", 1000, "usd", { percent_bps: 100, minimum: { usd: 50 } }, 50],
    ["the minimum not binding", 10000, "usd", { percent_bps: 100, minimum: { usd: 50 } }, 100],
    ["the minimum binding over percentage and fixed", 1000, "usd", { percent_bps: 100, fixed: { usd: 10 }, minimum: { usd: 50 } }, 50],
    ["the maximum binding", 1_000_000, "usd", { percent_bps: 290, fixed: { usd: 30 }, maximum: { usd: 500 } }, 500],
    ["the maximum not binding", 10000, "usd", { percent_bps: 290, fixed: { usd: 30 }, maximum: { usd: 500 } }, 320],
    ["the maximum over the minimum when both bind", 1000, "usd", { percent_bps: 0, minimum: { usd: 50 }, maximum: { usd: 50 } }, 50],
    ["capped at the amount (fixed larger than the payment)", 50, "usd", { percent_bps: 290, fixed: { usd: 100 } }, 50],
    ["capped at the amount (minimum larger than the payment)", 60, "usd", { percent_bps: 0, minimum: { usd: 100 } }, 60],
    ["capped at the amount (100%)", 5000, "usd", { percent_bps: MAX_PERCENT_BPS, fixed: { usd: 30 } }, 5000],
    ["a zero-decimal currency (¥1000 at 2.9% + ¥30)", 1000, "jpy", { percent_bps: 290, fixed: { jpy: 30 } }, 59],
    ["a zero-decimal currency rounding half up (¥50 at 1%)", 50, "jpy", { percent_bps: 100 }, 1],
    ["a three-decimal currency (KWD 10.000 at 2.9% + 0.080)", 10000, "kwd", { percent_bps: 290, fixed: { kwd: 80 } }, 370],
    ["a three-decimal currency with the maximum binding", 1_000_000, "kwd", { percent_bps: 290, maximum: { kwd: 5000 } }, 5000],
    ["another currency's entries do not apply", 10000, "eur", { percent_bps: 290, fixed: { usd: 30 }, minimum: { usd: 1000 }, maximum: { usd: 100 } }, 290],
    ["a missing fixed entry counts as 0", 10000, "gbp", { percent_bps: 100, fixed: {} }, 100],
    ["a missing minimum entry means no minimum", 100, "gbp", { percent_bps: 100, minimum: { eur: 50 } }, 1],
    ["a missing maximum entry means no maximum", 99_999_999, "gbp", { percent_bps: MAX_PERCENT_BPS, maximum: { eur: 50 } }, 99_999_999],
    ["a zero maximum means no fee", 10000, "usd", { percent_bps: 290, fixed: { usd: 30 }, maximum: { usd: 0 } }, 0],
  ];

  it.each(cases)("%s: %i %s → %i", (_case, amount, currency, schedule, fee) => {
    expect(applicationFeeAmount(amount, currency, schedule)).toBe(fee);
  });

  it.each<[number, FeeSchedule]>([
    [-1, { percent_bps: 290 }],
    [1.5, { percent_bps: 290 }],
    [Number.NaN, { percent_bps: 290 }],
    [100, { percent_bps: -1 }],
    [100, { percent_bps: 10001 }],
    [100, { percent_bps: 2.5 }],
  ])("refuses amount %j with schedule %j rather than compute a wrong fee", (amount, schedule) => {
    expect(() => applicationFeeAmount(amount, "usd", schedule)).toThrow(RangeError);
  });
});

describe("netAmount", () => {
  it.each<[number, number, number]>([
    [10000, 320, 9680],
    [50, 50, 0],
    [50, 0, 50],
  ])("%i − fee %i → %i", (amount, fee, net) => {
    expect(netAmount(amount, fee)).toBe(net);
  });

  it.each<[number, number]>([
    [50, 51],
    [50, -1],
    [50, 0.5],
  ])("refuses fee %i on %i", (amount, fee) => {
    expect(() => netAmount(amount, fee)).toThrow(RangeError);
  });
});

describe("PLATFORM_DEFAULT_FEE_SCHEDULE", () => {
  it("is 2.9% plus a fixed part in every supported currency", () => {
    expect(PLATFORM_DEFAULT_FEE_SCHEDULE.percent_bps).toBe(290);
    expect(Object.keys(PLATFORM_DEFAULT_FEE_SCHEDULE.fixed).sort()).toEqual([...CURRENCY_CODES].sort());
    expect(PLATFORM_DEFAULT_FEE_SCHEDULE.fixed).toMatchObject({ usd: 30, eur: 25, gbp: 20, jpy: 30 });
  });

  it("gives three-decimal currencies fixed parts ending in 0", () => {
    for (const [currency, fixed] of Object.entries(PLATFORM_DEFAULT_FEE_SCHEDULE.fixed)) {
      if (currencyExponent(currency as CurrencyCode) === 3) expect(fixed % 10, currency).toBe(0);
    }
  });

  it.each<[number, CurrencyCode, number]>([
    [10000, "usd", 320],
    [50, "usd", 31], // 1.45 → 1, + 30
    [10000, "eur", 315],
    [1000, "jpy", 59],
  ])("takes from %i %s: %i", (amount, currency, fee) => {
    expect(applicationFeeAmount(amount, currency, PLATFORM_DEFAULT_FEE_SCHEDULE)).toBe(fee);
  });
});

describe("canonicalFeeSchedule and sameFeeSchedule", () => {
  it.each<[string, FeeSchedule, FeeSchedule]>([
    ["a percentage only", { percent_bps: 290 }, { percent_bps: 290 }],
    ["empty maps left out", { percent_bps: 0, fixed: {}, minimum: {}, maximum: {} }, { percent_bps: 0 }],
    ["currencies in registry order", { percent_bps: 1, fixed: { jpy: 30, eur: 25, usd: 30 } }, { percent_bps: 1, fixed: { usd: 30, eur: 25, jpy: 30 } }],
    ["parts in a fixed order", { percent_bps: 1, maximum: { usd: 9 }, fixed: { usd: 1 }, minimum: { usd: 2 } }, { percent_bps: 1, fixed: { usd: 1 }, minimum: { usd: 2 }, maximum: { usd: 9 } }],
    ["an explicit zero kept", { percent_bps: 1, fixed: { usd: 0 } }, { percent_bps: 1, fixed: { usd: 0 } }],
  ])("%s", (_case, input, expected) => {
    const canonical = canonicalFeeSchedule(input);
    expect(canonical).toEqual(expected);
    expect(JSON.stringify(canonical)).toBe(JSON.stringify(expected));
    expect(sameFeeSchedule(input, expected)).toBe(true);
  });

  it.each<[string, FeeSchedule, FeeSchedule, boolean]>([
    ["the same default", PLATFORM_DEFAULT_FEE_SCHEDULE, { ...PLATFORM_DEFAULT_FEE_SCHEDULE }, true],
    ["key order only", { percent_bps: 5, fixed: { eur: 1, usd: 2 } }, { fixed: { usd: 2, eur: 1 }, percent_bps: 5 }, true],
    ["an empty map and none", { percent_bps: 5, minimum: {} }, { percent_bps: 5 }, true],
    ["another percentage", { percent_bps: 5 }, { percent_bps: 6 }, false],
    ["another amount", { percent_bps: 5, fixed: { usd: 1 } }, { percent_bps: 5, fixed: { usd: 2 } }, false],
    ["one more currency", { percent_bps: 5, fixed: { usd: 1 } }, { percent_bps: 5, fixed: { usd: 1, eur: 1 } }, false],
    ["the amount in another part", { percent_bps: 5, minimum: { usd: 1 } }, { percent_bps: 5, maximum: { usd: 1 } }, false],
    ["an explicit zero and none", { percent_bps: 5, fixed: { usd: 0 } }, { percent_bps: 5 }, false],
  ])("%s → same: %s", (_case, a, b, same) => {
    expect(sameFeeSchedule(a, b)).toBe(same);
    expect(sameFeeSchedule(b, a)).toBe(same);
  });
});
