import { describe, expect, it } from "vitest";
import { firstCurrency, volumeSentence } from "./volume-summary";

const eur = { currency: "eur" as const, volume: 3000, fees: 147, refunded: 500, count: 2 };
const jpy = { currency: "jpy" as const, volume: 5000, fees: 175, refunded: 0, count: 3 };

describe("volumeSentence", () => {
  it("names volume, count, fees and refunds in the currency", () => {
    expect(volumeSentence(eur, "live", "en-US")).toBe("€30.00 in 2 payments over the last 30 days, €1.47 in platform fees, €5.00 refunded.");
  });

  it("says test payments in test mode, one payment in the singular, nothing about refunds when there were none", () => {
    expect(volumeSentence({ ...jpy, count: 1 }, "test", "en-US")).toBe("¥5,000 in 1 test payment over the last 30 days, ¥175 in platform fees.");
  });
});

describe("firstCurrency", () => {
  it("prefers the default currency when it had payments, else the busiest", () => {
    expect(firstCurrency([eur, jpy], "eur")).toBe("eur");
    expect(firstCurrency([eur, jpy], "usd")).toBe("jpy");
    expect(firstCurrency([{ ...eur, count: 0 }, jpy], "eur")).toBe("jpy");
    expect(firstCurrency([], "usd")).toBeNull();
  });
});
