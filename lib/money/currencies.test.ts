import { describe, expect, it } from "vitest";
import {
  CURRENCIES,
  CURRENCY_CODES,
  currencyExponent,
  isSupportedCurrency,
  maximumChargeAmount,
  minimumChargeAmount,
  STRIPE_MAXIMUM_AMOUNT,
  THREE_DECIMAL_CURRENCIES,
  ZERO_DECIMAL_CURRENCIES,
  type CurrencyCode,
} from "./currencies";

describe("the currency registry", () => {
  it("supports at least the currencies the platform charges in, in lowercase as Stripe writes them", () => {
    const required = "usd eur gbp jpy krw cad aud nzd chf sek nok dkk pln czk huf mxn brl inr hkd sgd aed kwd bhd jod omr tnd".split(" ");
    expect(CURRENCY_CODES).toEqual(expect.arrayContaining(required));
    for (const code of CURRENCY_CODES) expect(code).toMatch(/^[a-z]{3}$/);
  });

  it("holds Stripe's full zero- and three-decimal lists", () => {
    expect([...ZERO_DECIMAL_CURRENCIES].sort()).toEqual("bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf".split(" "));
    expect([...THREE_DECIMAL_CURRENCIES].sort()).toEqual("bhd jod kwd omr tnd".split(" "));
  });
});

describe("currencyExponent", () => {
  it.each<[CurrencyCode, number]>([
    ["jpy", 0],
    ["krw", 0],
    ["kwd", 3],
    ["bhd", 3],
    ["jod", 3],
    ["omr", 3],
    ["tnd", 3],
    ["usd", 2],
    ["eur", 2],
    ["gbp", 2],
    // ICU's data gives HUF no decimals; Stripe charges it with two.
    ["huf", 2],
    ["inr", 2],
    ["czk", 2],
  ])("%s has %i decimals", (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });

  it("gives every supported currency the exponent of its Stripe group", () => {
    for (const code of CURRENCY_CODES) {
      const expected = (ZERO_DECIMAL_CURRENCIES as readonly string[]).includes(code) ? 0 : (THREE_DECIMAL_CURRENCIES as readonly string[]).includes(code) ? 3 : 2;
      expect({ code, exponent: currencyExponent(code) }).toEqual({ code, exponent: expected });
    }
  });
});

describe("minimumChargeAmount", () => {
  // Stripe's table, in minor units.
  it.each<[CurrencyCode, number]>([
    ["usd", 50],
    ["eur", 50],
    ["gbp", 30],
    ["jpy", 50],
    ["cad", 50],
    ["aud", 50],
    ["nzd", 50],
    ["chf", 50],
    ["sek", 300],
    ["nok", 300],
    ["dkk", 250],
    ["pln", 200],
    ["czk", 1500],
    ["huf", 17500],
    ["mxn", 1000],
    ["brl", 50],
    ["inr", 50],
    ["hkd", 400],
    ["sgd", 50],
    ["aed", 200],
  ])("%s: %i", (currency, minimum) => {
    expect(minimumChargeAmount(currency)).toBe(minimum);
  });

  // Not in Stripe's table: about USD 0.50 each.
  it.each<[CurrencyCode, number]>([
    ["krw", 700],
    ["kwd", 160],
    ["bhd", 190],
    ["jod", 360],
    ["omr", 200],
    ["tnd", 1500],
  ])("%s (estimated): %i", (currency, minimum) => {
    expect(minimumChargeAmount(currency)).toBe(minimum);
  });

  it("is a chargeable amount itself: positive, under the maximum, ending in 0 in three-decimal currencies", () => {
    for (const code of CURRENCY_CODES) {
      const minimum = minimumChargeAmount(code);
      expect(Number.isSafeInteger(minimum) && minimum > 0 && minimum < maximumChargeAmount(code), code).toBe(true);
      if (currencyExponent(code) === 3) expect(minimum % 10, code).toBe(0);
    }
  });
});

describe("maximumChargeAmount", () => {
  it("is Stripe's eight digits of minor units for every supported currency", () => {
    expect(STRIPE_MAXIMUM_AMOUNT).toBe(99_999_999);
    for (const code of CURRENCY_CODES) expect(maximumChargeAmount(code), code).toBe(99_999_999);
  });
});

describe("isSupportedCurrency", () => {
  it.each<[unknown, boolean]>([
    ["usd", true],
    ["jpy", true],
    ["tnd", true],
    ["USD", false],
    ["Usd", false],
    ["idr", false],
    ["xyz", false],
    ["", false],
    [" usd", false],
    // Inherited object keys are not currencies.
    ["constructor", false],
    ["toString", false],
    [undefined, false],
    [null, false],
    [840, false],
  ])("%j → %s", (value, supported) => {
    expect(isSupportedCurrency(value)).toBe(supported);
  });

  it("agrees with the registry", () => {
    expect(Object.keys(CURRENCIES).every(isSupportedCurrency)).toBe(true);
  });
});
