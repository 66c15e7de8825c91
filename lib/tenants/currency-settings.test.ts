import { describe, expect, it } from "vitest";
import type { CurrencyCode } from "@/lib/money/currencies";
import { currencySettingsFromStored, defaultCurrencySettings, inRegistryOrder, sameCurrencySettings, type CurrencySettings } from "./currency-settings";

describe("inRegistryOrder", () => {
  it.each<[CurrencyCode[], CurrencyCode[]]>([
    [["usd"], ["usd"]],
    [["jpy", "eur", "usd"], ["usd", "eur", "jpy"]],
    [["tnd", "usd"], ["usd", "tnd"]],
    [[], []],
  ])("%j → %j", (input, expected) => {
    expect(inRegistryOrder(input)).toEqual(expected);
  });
});

describe("sameCurrencySettings", () => {
  const usdOnly: CurrencySettings = { currencies: ["usd"], default_currency: "usd" };
  it.each<[string, CurrencySettings, CurrencySettings, boolean]>([
    ["identical", usdOnly, { currencies: ["usd"], default_currency: "usd" }, true],
    ["the same set in another order", { currencies: ["usd", "eur"], default_currency: "usd" }, { currencies: ["eur", "usd"], default_currency: "usd" }, true],
    ["another default", { currencies: ["usd", "eur"], default_currency: "usd" }, { currencies: ["usd", "eur"], default_currency: "eur" }, false],
    ["a currency added", usdOnly, { currencies: ["usd", "eur"], default_currency: "usd" }, false],
    ["a currency removed", { currencies: ["usd", "eur"], default_currency: "usd" }, usdOnly, false],
    ["a currency swapped", { currencies: ["usd", "eur"], default_currency: "usd" }, { currencies: ["usd", "jpy"], default_currency: "usd" }, false],
  ])("%s → %s", (_case, current, next, expected) => {
    expect(sameCurrencySettings(current, next)).toBe(expected);
  });
});

describe("currencySettingsFromStored", () => {
  it.each<[string, { currencies: unknown; defaultCurrency: string } | null, CurrencySettings]>([
    ["no row: usd only", null, { currencies: ["usd"], default_currency: "usd" }],
    ["a saved row, in registry order", { currencies: ["jpy", "eur"], defaultCurrency: "eur" }, { currencies: ["eur", "jpy"], default_currency: "eur" }],
    ["a code no longer supported is dropped", { currencies: ["eur", "xyz"], defaultCurrency: "eur" }, { currencies: ["eur"], default_currency: "eur" }],
    ["a default that is not enabled falls back whole", { currencies: ["eur"], defaultCurrency: "usd" }, { currencies: ["usd"], default_currency: "usd" }],
    ["an unsupported default falls back whole", { currencies: ["eur"], defaultCurrency: "xyz" }, { currencies: ["usd"], default_currency: "usd" }],
    ["not an array falls back whole", { currencies: "eur", defaultCurrency: "eur" }, { currencies: ["usd"], default_currency: "usd" }],
  ])("%s", (_case, stored, expected) => {
    expect(currencySettingsFromStored(stored)).toEqual(expected);
  });

  it("hands out a fresh default each time, so a caller cannot change another's", () => {
    const first = defaultCurrencySettings();
    first.currencies.push("eur");
    expect(defaultCurrencySettings()).toEqual({ currencies: ["usd"], default_currency: "usd" });
  });
});
