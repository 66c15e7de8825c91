import { describe, expect, it } from "vitest";
import { currencySettingsSchema } from "./settings";

describe("currencySettingsSchema", () => {
  it.each<[string, unknown]>([
    ["usd only", { currencies: ["usd"], default_currency: "usd" }],
    ["several, default among them", { currencies: ["usd", "eur", "jpy"], default_currency: "eur" }],
    ["every three-decimal currency", { currencies: ["bhd", "jod", "kwd", "omr", "tnd"], default_currency: "kwd" }],
  ])("accepts %s", (_case, input) => {
    const result = currencySettingsSchema.safeParse(input);
    expect(result.error?.issues).toBeUndefined();
    expect(result.data).toEqual(input);
  });

  it.each<[string, unknown, (string | number)[]]>([
    ["an unsupported code", { currencies: ["usd", "xyz"], default_currency: "usd" }, ["currencies", 1]],
    ["an uppercase code", { currencies: ["EUR"], default_currency: "eur" }, ["currencies", 0]],
    ["a duplicate", { currencies: ["eur", "eur"], default_currency: "eur" }, ["currencies"]],
    ["an empty list", { currencies: [], default_currency: "usd" }, ["currencies"]],
    ["a default that is not enabled", { currencies: ["eur"], default_currency: "usd" }, ["default_currency"]],
    ["an uppercase default", { currencies: ["usd"], default_currency: "USD" }, ["default_currency"]],
    ["no default", { currencies: ["usd"] }, ["default_currency"]],
    ["currencies as a string", { currencies: "usd", default_currency: "usd" }, ["currencies"]],
    ["an unknown field", { currencies: ["usd"], default_currency: "usd", fee: 1 }, []],
  ])("refuses %s, naming the field", (_case, input, path) => {
    const result = currencySettingsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(path);
  });
});
