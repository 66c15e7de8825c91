import { describe, expect, it } from "vitest";
import { CURRENCY_CODES, currencyExponent, minimumChargeAmount, type CurrencyCode } from "./currencies";
import { validateChargeAmount } from "./amounts";

describe("validateChargeAmount", () => {
  it.each<[string, unknown, CurrencyCode, string]>([
    ["zero", 0, "usd", "not_positive"],
    ["minus zero", -0, "usd", "not_positive"],
    ["negative", -1, "usd", "not_positive"],
    ["a fraction", 1.5, "usd", "not_an_integer"],
    ["a numeric string", "100", "usd", "not_an_integer"],
    ["NaN", Number.NaN, "usd", "not_an_integer"],
    ["Infinity", Number.POSITIVE_INFINITY, "usd", "not_an_integer"],
    ["-Infinity", Number.NEGATIVE_INFINITY, "usd", "not_an_integer"],
    ["an unsafe integer", 2 ** 53, "usd", "not_an_integer"],
    ["null", null, "usd", "not_an_integer"],
    ["undefined", undefined, "usd", "not_an_integer"],
    ["a boolean", true, "usd", "not_an_integer"],
    ["an object", { amount: 100 }, "usd", "not_an_integer"],
    ["a bigint", BigInt(100), "usd", "not_an_integer"],
    ["one over the maximum", 100_000_000, "usd", "over_maximum"],
    ["one over the maximum in jpy", 100_000_000, "jpy", "over_maximum"],
    ["a three-decimal amount not ending in 0", 1005, "kwd", "last_digit_not_zero"],
    ["a three-decimal amount not ending in 0 (bhd)", 1001, "bhd", "last_digit_not_zero"],
    ["a three-decimal amount below the minimum and not ending in 0", 5, "kwd", "last_digit_not_zero"],
  ])("refuses %s as amount_invalid", (_case, amount, currency, reason) => {
    const check = validateChargeAmount(amount, currency);
    expect(check).toMatchObject({ ok: false, code: "amount_invalid", reason });
    expect(check.ok === false && check.message).toMatch(/^[A-Z].*\.$/);
  });

  it("names the maximum when an amount is over it", () => {
    expect(validateChargeAmount(100_000_000, "usd")).toEqual({
      ok: false,
      code: "amount_invalid",
      reason: "over_maximum",
      message: "The amount is over the maximum of $999,999.99.",
      maximum_amount: 99_999_999,
    });
  });

  it.each<[unknown, CurrencyCode, number]>([
    [49, "jpy", 50],
    [49, "usd", 50],
    [29, "gbp", 30],
    [1, "usd", 50],
    [17499, "huf", 17500],
    [150, "kwd", 160],
    [699, "krw", 700],
  ])("refuses %j %s as amount_too_small with the minimum %i", (amount, currency, minimum) => {
    expect(validateChargeAmount(amount, currency)).toMatchObject({ ok: false, code: "amount_too_small", minimum_amount: minimum });
  });

  it("says the minimum in the currency's own format", () => {
    expect(validateChargeAmount(49, "jpy")).toEqual({ ok: false, code: "amount_too_small", message: "The amount is below the minimum charge of ¥50.", minimum_amount: 50 });
  });

  it.each<[number, CurrencyCode]>([
    [50, "jpy"],
    [50, "usd"],
    [30, "gbp"],
    [99_999_999, "usd"],
    [99_999_999, "jpy"],
    [1000, "kwd"],
    [160, "kwd"],
    [99_999_990, "kwd"],
    [17500, "huf"],
    [700, "krw"],
  ])("accepts %i %s", (amount, currency) => {
    expect(validateChargeAmount(amount, currency)).toEqual({ ok: true, amount });
  });

  it("accepts every currency's minimum and refuses one below it", () => {
    for (const currency of CURRENCY_CODES) {
      const minimum = minimumChargeAmount(currency);
      expect(validateChargeAmount(minimum, currency).ok, currency).toBe(true);
      // One step below: 10 minor units in a three-decimal currency, so the last-digit rule does not answer first.
      const below = minimum - (currencyExponent(currency) === 3 ? 10 : 1);
      expect(validateChargeAmount(below, currency), currency).toMatchObject({ ok: false, code: "amount_too_small" });
    }
  });
});
