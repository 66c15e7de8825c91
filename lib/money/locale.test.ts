import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "./locale";

describe("localeFromAcceptLanguage", () => {
  it.each([
    [null, "en-US"],
    ["", "en-US"],
    ["*", "en-US"],
    ["de-DE,de;q=0.9,en;q=0.8", "de-DE"],
    ["en;q=0.5, fr-CH", "fr-CH"],
    ["ja", "ja"],
    ["not a tag!!, en-GB", "en-GB"],
    ["de;q=0, es", "es"],
  ])("%j → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});
