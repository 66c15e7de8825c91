import { describe, expect, it } from "vitest";
import { parseTheme, themeClass, themeCookie, THEMES } from "./theme";

describe("parseTheme", () => {
  it("reads each stored choice back", () => {
    for (const theme of THEMES) expect(parseTheme(theme)).toBe(theme);
  });

  it("follows the system when there is no cookie or it names no theme", () => {
    expect(parseTheme(undefined)).toBe("system");
    expect(parseTheme(null)).toBe("system");
    expect(parseTheme("")).toBe("system");
    expect(parseTheme("Dark")).toBe("system");
    expect(parseTheme("dark; Path=/")).toBe("system");
    expect(parseTheme("toString")).toBe("system");
  });
});

describe("themeClass", () => {
  it("gives each theme its own class", () => {
    expect(THEMES.map(themeClass)).toEqual(["theme-system", "theme-light", "theme-dark"]);
  });
});

describe("themeCookie", () => {
  it("stores the choice for every path, for a year", () => {
    expect(themeCookie("dark")).toBe("theme=dark; Path=/; Max-Age=31536000; SameSite=Lax");
  });
});
