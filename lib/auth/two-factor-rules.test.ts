import { describe, expect, it } from "vitest";
import {
  challengeFromSignInError,
  challengeState,
  mustEnrolTwoFactor,
  normaliseRecoveryCode,
  normaliseTotpCode,
  recoveryCodeFromBytes,
  recoveryCodesFileText,
  recoveryCodesRemainingText,
  requirementChangeRefusal,
  TWO_FACTOR_REQUIRED_PREFIX,
} from "./two-factor-rules";

describe("recovery codes", () => {
  it("are two groups of five from an alphabet without look-alikes", () => {
    const code = recoveryCodeFromBytes(Uint8Array.from([0, 1, 2, 31, 32, 33, 255, 128, 64, 100]));
    expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    expect(code).toBe("012z0-1z004");
  });

  it("refuse too few random bytes", () => {
    expect(() => recoveryCodeFromBytes(new Uint8Array(9))).toThrow();
  });

  it.each([
    ["abcde-fghjk", "abcdefghjk"],
    ["ABCDE FGHJK", "abcdefghjk"],
    ["  abcdefghjk ", "abcdefghjk"],
    // Letters people confuse read as the digits they look like.
    ["oiLde-fghjk", "011defghjk"],
  ])("%s is read as %s", (typed, normalised) => {
    expect(normaliseRecoveryCode(typed)).toBe(normalised);
  });

  it.each(["", "abcd", "abcde-fghjk-m", "abcde-fghju", "abcde_fghjk", "123456"])("%j is no recovery code", (typed) => {
    expect(normaliseRecoveryCode(typed)).toBeNull();
  });

  it("round-trips every generated code", () => {
    for (let i = 0; i < 50; i += 1) {
      const bytes = Uint8Array.from({ length: 10 }, (_, j) => (i * 7 + j * 13) % 256);
      const code = recoveryCodeFromBytes(bytes);
      expect(normaliseRecoveryCode(code)).toBe(code.replace("-", ""));
    }
  });

  it("say how many remain", () => {
    expect(recoveryCodesRemainingText(0)).toBe("No recovery codes remain");
    expect(recoveryCodesRemainingText(1)).toBe("1 recovery code remains");
    expect(recoveryCodesRemainingText(9)).toBe("9 recovery codes remain");
  });

  it("download as a text file with one code a line", () => {
    const text = recoveryCodesFileText({ account: "ada@example.com", codes: ["aaaaa-bbbbb", "ccccc-ddddd"], createdAt: new Date("2026-11-30T10:00:00Z") });
    expect(text).toContain("ada@example.com");
    expect(text.split("\n")).toEqual(expect.arrayContaining(["aaaaa-bbbbb", "ccccc-ddddd"]));
  });
});

describe("authentication codes", () => {
  it.each([
    ["123456", "123456"],
    ["123 456", "123456"],
    [" 123456 ", "123456"],
  ])("%j is read as %s", (typed, code) => {
    expect(normaliseTotpCode(typed)).toBe(code);
  });

  it.each(["12345", "1234567", "12345a", "", "abcdef"])("%j is no code", (typed) => {
    expect(normaliseTotpCode(typed)).toBeNull();
  });
});

describe("challengeState", () => {
  const now = new Date("2026-11-30T10:00:00Z");
  it("is usable until it expires and once only", () => {
    expect(challengeState({ usedAt: null, expiresAt: new Date(now.getTime() + 1) }, now)).toBe("usable");
    expect(challengeState({ usedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(challengeState({ usedAt: new Date(now.getTime() - 1), expiresAt: new Date(now.getTime() + 60_000) }, now)).toBe("used");
  });
});

describe("the sign-in form's challenge", () => {
  it("is read from the password step's answer only when it carries one", () => {
    expect(challengeFromSignInError(`${TWO_FACTOR_REQUIRED_PREFIX}abc`)).toBe("abc");
    expect(challengeFromSignInError(TWO_FACTOR_REQUIRED_PREFIX)).toBeNull();
    expect(challengeFromSignInError("Incorrect email or password.")).toBeNull();
    expect(challengeFromSignInError(undefined)).toBeNull();
  });
});

describe("the tenant requirement", () => {
  it.each([
    [false, false, false],
    [false, true, true],
    [true, true, false],
    [true, false, false],
  ])("enabled %s, required %s: held at enrolment %s", (twoFactorEnabled, twoFactorRequired, held) => {
    expect(mustEnrolTwoFactor({ twoFactorEnabled, twoFactorRequired })).toBe(held);
  });

  it("may be turned on only by an owner with two-factor, and off by any owner", () => {
    expect(requirementChangeRefusal({ twoFactorEnabled: false }, true)).toMatch(/your own account first/);
    expect(requirementChangeRefusal({ twoFactorEnabled: true }, true)).toBeNull();
    expect(requirementChangeRefusal({ twoFactorEnabled: false }, false)).toBeNull();
  });
});
