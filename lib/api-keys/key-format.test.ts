import * as crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { checksum, generateKey, hashKey, maskKey, parseKey } from "./key-format";

vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, randomInt: vi.fn(actual.randomInt) };
});

describe("generateKey", () => {
  it("produces sk_/pk_ + mode + 32 base62 + 6 base62 checksum", () => {
    for (const [kind, mode, prefix] of [
      ["secret", "live", "sk_live_"],
      ["secret", "test", "sk_test_"],
      ["publishable", "live", "pk_live_"],
      ["publishable", "test", "pk_test_"],
    ] as const) {
      const generated = generateKey(kind, mode);
      expect(generated.key).toMatch(new RegExp(`^${prefix}[0-9A-Za-z]{38}$`));
      expect(generated.prefix).toBe(prefix);
      expect(generated.last4).toBe(generated.key.slice(-4));
      expect(generated.key.slice(-6)).toBe(checksum(generated.key.slice(0, -6)));
      expect(parseKey(generated.key)).toEqual({ kind, mode });
    }
  });

  it("draws every character from crypto.randomInt (the CSPRNG)", () => {
    const spy = vi.mocked(crypto.randomInt);
    spy.mockClear();
    generateKey("secret", "live");
    expect(spy).toHaveBeenCalledTimes(32);
    expect(spy.mock.calls.every(([max]) => max === 62)).toBe(true);
  });

  it("does not repeat and uses the whole alphabet", () => {
    const keys = Array.from({ length: 2000 }, () => generateKey("secret", "test").key);
    expect(new Set(keys).size).toBe(keys.length);
    const chars = new Set(keys.flatMap((key) => key.slice(8, 40).split("")));
    expect(chars.size).toBe(62);
  });
});

describe("checksum", () => {
  it("is the CRC32 of the key body in 6 base62 digits (a fixed vector pins the algorithm)", () => {
    // The standard CRC32 of "hello" is 0x3610A686 = 907060870, in base62 "zNvy2", padded to six.
    expect(checksum("hello")).toBe("0zNvy2");
    expect(checksum("sk_test_" + "0".repeat(32))).toBe("127lYz");
  });
});

describe("parseKey", () => {
  const valid = generateKey("secret", "live").key;

  it("rejects a key whose checksum does not match", () => {
    const flipped = valid.slice(0, 20) + (valid[20] === "a" ? "b" : "a") + valid.slice(21);
    expect(parseKey(flipped)).toBeNull();
    const badChecksum = valid.slice(0, -1) + (valid.endsWith("0") ? "1" : "0");
    expect(parseKey(badChecksum)).toBeNull();
  });

  it("rejects a key moved to another mode or kind (the checksum covers the prefix)", () => {
    expect(parseKey(valid.replace("sk_live_", "sk_test_"))).toBeNull();
    expect(parseKey(valid.replace("sk_live_", "pk_live_"))).toBeNull();
  });

  it("rejects malformed keys", () => {
    for (const raw of ["", "sk_live_", "sk_prod_" + "a".repeat(38), "rk_live_" + "a".repeat(38), valid + "x", valid.slice(1), valid.replace(/.$/, "-"), ` ${valid}`]) {
      expect(parseKey(raw), raw).toBeNull();
    }
  });
});

describe("hashKey and maskKey", () => {
  it("hashes with SHA-256 hex, deterministically", () => {
    expect(hashKey("sk_test_abc")).toBe(crypto.createHash("sha256").update("sk_test_abc").digest("hex"));
    expect(hashKey("sk_test_abc")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("masks as prefix + ****... + last four", () => {
    expect(maskKey("sk_live_", "abcd")).toBe("sk_live_****...abcd");
  });
});
