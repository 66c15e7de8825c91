import { describe, expect, it } from "vitest";
import { CURRENCY_CODES, type CurrencyCode } from "./currencies";
import { PLATFORM_DEFAULT_FEE_SCHEDULE, type FeeSchedule } from "./fees";
import { describeFeeSchedule, formatMoney, formatPercentBps, majorToMinor, minorToMajor } from "./format";

// What Node's ICU prints: a currency code, and in many locales a symbol or a group of digits, is set off by a no-break space.
const NBSP = "\u00a0";
const NNBSP = "\u202f";

describe("minorToMajor", () => {
  it.each<[number, CurrencyCode, string]>([
    [1234, "usd", "12.34"],
    [5, "usd", "0.05"],
    [50, "usd", "0.50"],
    [0, "usd", "0.00"],
    [-1234, "usd", "-12.34"],
    [-5, "usd", "-0.05"],
    [1000, "jpy", "1000"],
    [0, "jpy", "0"],
    [1000, "kwd", "1.000"],
    [5, "kwd", "0.005"],
    [99_999_999, "usd", "999999.99"],
    [17500, "huf", "175.00"],
  ])("%i %s → %s", (amount, currency, major) => {
    expect(minorToMajor(amount, currency)).toBe(major);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses %s", (amount) => {
    expect(() => minorToMajor(amount, "usd")).toThrow(RangeError);
  });
});

describe("majorToMinor", () => {
  it.each<[string, CurrencyCode, number | null]>([
    ["12.34", "usd", 1234],
    ["12.3", "usd", 1230],
    ["12", "usd", 1200],
    ["12.", "usd", 1200],
    [".5", "usd", 50],
    ["0.05", "usd", 5],
    ["  12.34 ", "usd", 1234],
    ["0012.34", "usd", 1234],
    ["0", "usd", 0],
    ["999999.99", "usd", 99_999_999],
    // 1.005 is 1.00499999… as a float; as a string it is exactly 1005 mils.
    ["1.005", "kwd", 1005],
    ["1", "kwd", 1000],
    ["1000", "jpy", 1000],
    ["1000.00", "jpy", 1000],
    ["12.340", "usd", 1234],
    ["12.345", "usd", null],
    ["1000.5", "jpy", null],
    ["1.0001", "kwd", null],
    ["", "usd", null],
    [".", "usd", null],
    ["   ", "usd", null],
    ["-1", "usd", null],
    ["+1", "usd", null],
    ["1,234.56", "usd", null],
    ["12,34", "usd", null],
    ["1e3", "usd", null],
    ["abc", "usd", null],
    ["$12", "usd", null],
    ["12.34.56", "usd", null],
    ["Infinity", "usd", null],
    ["99999999999999999", "usd", null],
  ])("%j %s → %s", (input, currency, minor) => {
    expect(majorToMinor(input, currency)).toBe(minor);
  });

  it("round-trips every currency's amounts through minorToMajor", () => {
    for (const currency of CURRENCY_CODES) {
      for (const amount of [0, 1, 10, 1234, 99_999_999]) expect(majorToMinor(minorToMajor(amount, currency), currency), currency).toBe(amount);
    }
  });
});

describe("formatMoney", () => {
  it.each<[number, CurrencyCode, string | undefined, string]>([
    [1234, "usd", undefined, "$12.34"],
    [1234, "eur", undefined, "€12.34"],
    [1234, "gbp", undefined, "£12.34"],
    [1000, "jpy", undefined, "¥1,000"],
    [1000, "krw", undefined, "₩1,000"],
    [1000, "kwd", undefined, `KWD${NBSP}1.000`],
    [1234, "bhd", undefined, `BHD${NBSP}1.234`],
    [1234, "chf", undefined, `CHF${NBSP}12.34`],
    [17500, "huf", undefined, `HUF${NBSP}175.00`],
    [1234, "inr", undefined, "₹12.34"],
    [99_999_999, "usd", undefined, "$999,999.99"],
    [5, "usd", undefined, "$0.05"],
    [0, "usd", undefined, "$0.00"],
    [-1234, "usd", undefined, "-$12.34"],
    [123450, "eur", "de-DE", `1.234,50${NBSP}€`],
    [123450, "eur", "fr-FR", `1${NNBSP}234,50${NBSP}€`],
    [1000, "jpy", "de-DE", `1.000${NBSP}¥`],
    [1000, "jpy", "ja-JP", "￥1,000"],
    [1000, "kwd", "de-DE", `1,000${NBSP}KWD`],
    [1234, "usd", "en-GB", "US$12.34"],
  ])("%i %s in %s → %s", (amount, currency, locale, text) => {
    expect(formatMoney(amount, currency, locale)).toBe(text);
  });

  it("prints amounts beyond a float's exact decimals exactly", () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, "usd")).toBe("$90,071,992,547,409.91");
  });
});

describe("formatPercentBps", () => {
  it.each<[number, string | undefined, string]>([
    [290, undefined, "2.9%"],
    [250, undefined, "2.5%"],
    [1, undefined, "0.01%"],
    [0, undefined, "0%"],
    [10000, undefined, "100%"],
    [1234, undefined, "12.34%"],
    [290, "de-DE", `2,9${NBSP}%`],
  ])("%i bps in %s → %s", (bps, locale, text) => {
    expect(formatPercentBps(bps, locale)).toBe(text);
  });
});

describe("describeFeeSchedule", () => {
  it.each<[string, FeeSchedule, CurrencyCode, string]>([
    ["percentage and fixed", { percent_bps: 290, fixed: { usd: 30 } }, "usd", "2.9% + $0.30 per payment"],
    ["percentage only", { percent_bps: 290 }, "usd", "2.9% per payment"],
    ["fixed only", { percent_bps: 0, fixed: { usd: 30 } }, "usd", "$0.30 per payment"],
    ["nothing", { percent_bps: 0 }, "usd", "No platform fee"],
    ["zero entries", { percent_bps: 0, fixed: { usd: 0 }, minimum: { usd: 0 } }, "usd", "No platform fee"],
    ["a zero maximum", { percent_bps: 290, fixed: { usd: 30 }, maximum: { usd: 0 } }, "usd", "No platform fee"],
    ["with a minimum", { percent_bps: 290, minimum: { usd: 100 } }, "usd", "2.9% per payment, at least $1.00"],
    ["with a maximum", { percent_bps: 290, fixed: { usd: 30 }, maximum: { usd: 500 } }, "usd", "2.9% + $0.30 per payment, at most $5.00"],
    ["with both", { percent_bps: 290, fixed: { usd: 30 }, minimum: { usd: 100 }, maximum: { usd: 500 } }, "usd", "2.9% + $0.30 per payment, at least $1.00, at most $5.00"],
    ["a minimum that never binds", { percent_bps: 290, fixed: { usd: 30 }, minimum: { usd: 30 } }, "usd", "2.9% + $0.30 per payment"],
    ["a minimum alone", { percent_bps: 0, minimum: { usd: 100 } }, "usd", "$1.00 per payment"],
    ["a minimum alone under a lower maximum", { percent_bps: 0, minimum: { usd: 100 }, maximum: { usd: 80 } }, "usd", "$0.80 per payment"],
    ["another currency's entries", { percent_bps: 290, fixed: { usd: 30 }, minimum: { usd: 100 } }, "eur", "2.9% per payment"],
    ["a zero-decimal currency", { percent_bps: 290, fixed: { jpy: 30 } }, "jpy", "2.9% + ¥30 per payment"],
    ["a three-decimal currency", { percent_bps: 250, fixed: { kwd: 80 }, maximum: { kwd: 5000 } }, "kwd", `2.5% + KWD${NBSP}0.080 per payment, at most KWD${NBSP}5.000`],
    ["the platform default in eur", PLATFORM_DEFAULT_FEE_SCHEDULE, "eur", "2.9% + €0.25 per payment"],
  ])("%s", (_case, schedule, currency, text) => {
    expect(describeFeeSchedule(schedule, currency)).toBe(text);
  });

  it("formats numbers for the locale", () => {
    expect(describeFeeSchedule({ percent_bps: 290, fixed: { eur: 25 } }, "eur", "de-DE")).toBe(`2,9${NBSP}% + 0,25${NBSP}€ per payment`);
  });
});
