import { describe, expect, it } from "vitest";
import { humanTextSchema, personNameSchema, sanitizeThirdPartyText, thirdPartyTextSchema } from "./text";

const reasonSchema = humanTextSchema({ min: 5, max: 500, minMessage: "Too short.", multiline: true });

describe("personNameSchema", () => {
  it.each([
    ["Ada Lovelace", "Ada Lovelace"],
    ["  Ada  ", "Ada"],
    ["Jos\u0065\u0301", "Jos\u00e9"], // NFD in, NFC out
    ["Zoë 🙂", "Zoë 🙂"],
    ["👩‍💻 Dev", "👩‍💻 Dev"], // a zero-width joiner inside an emoji is text
    ["علي", "علي"],
    ["x".repeat(100), "x".repeat(100)],
  ])("accepts %j as %j", (input, stored) => {
    expect(personNameSchema.parse(input)).toBe(stored);
  });

  it.each([
    ["NUL", "Ada\u0000"],
    ["line feed", "Ada\nLovelace"],
    ["carriage return", "Ada\rLovelace"],
    ["tab", "Ada\tLovelace"],
    ["escape", "\u001b[31mAda"],
    ["DEL", "Ada\u007f"],
    ["C1 control", "Ada\u0085"],
    ["line separator", "Ada\u2028"],
    ["right-to-left override", "Ada \u202egnp.exe"],
    ["left-to-right embedding", "\u202aAda"],
    ["right-to-left isolate", "\u2067Ada\u2069"],
    ["right-to-left mark", "Ada\u200f"],
    ["Arabic letter mark", "Ada\u061c"],
    ["lone high surrogate", "Ada\ud83d"],
    ["lone low surrogate", "\ude00Ada"],
    ["only spaces", "   "],
    ["empty", ""],
    ["over 100 characters", "x".repeat(101)],
    ["not a string", 42],
  ])("refuses %s", (_label, input) => {
    expect(personNameSchema.safeParse(input).success).toBe(false);
  });

  it("says why a control character is refused", () => {
    const result = personNameSchema.safeParse("Ada\u0000");
    expect(result.error?.issues[0].message).toMatch(/control characters/);
  });
});

describe("humanTextSchema, multiline", () => {
  it("keeps line breaks, storing CRLF as LF, and still refuses other controls and overrides", () => {
    expect(reasonSchema.parse("Leaked\r\nin a log")).toBe("Leaked\nin a log");
    expect(reasonSchema.safeParse("Leaked\u0000 in a log").success).toBe(false);
    expect(reasonSchema.safeParse("Leaked\tin a log").success).toBe(false);
    expect(reasonSchema.safeParse("Leaked \u202e in a log").success).toBe(false);
    expect(reasonSchema.safeParse("Leak\r").success).toBe(false);
  });
});

describe("sanitizeThirdPartyText", () => {
  it.each([
    ["plain text stays", "The user denied your request", "The user denied your request"],
    ["line breaks and tabs become one space", "Denied\r\n\tby the user\u2028now", "Denied by the user now"],
    ["NUL, escape, DEL and C1 controls are dropped", "De\u0000nied\u001b[31m\u007f\u0085", "Denied[31m"],
    ["text-direction overrides, isolates and marks are dropped", "\u202egnp.exe\u202c \u2067x\u2069\u200f\u061c", "gnp.exe x"],
    ["lone surrogates are dropped, pairs kept", "a\ud83d b\ude00 🙂", "a b 🙂"],
    ["NFD becomes NFC", "Jos\u0065\u0301", "Jos\u00e9"],
    ["only controls leave nothing", "\u0000\r\n\u202e", ""],
  ])("%s", (_label, input, output) => {
    expect(sanitizeThirdPartyText(input, 100)).toBe(output);
  });

  it("cuts to the limit in whole code points, never half a surrogate pair", () => {
    expect(sanitizeThirdPartyText("x".repeat(600), 500)).toHaveLength(500);
    expect(sanitizeThirdPartyText("🙂🙂🙂", 2)).toBe("🙂🙂");
  });

  it("never refuses a string, as a schema", () => {
    expect(thirdPartyTextSchema(10).parse("a\u0000b\u202ec\r\nd")).toBe("abc d");
    expect(thirdPartyTextSchema(10).safeParse(42).success).toBe(false);
  });
});
