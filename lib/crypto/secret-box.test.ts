import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./secret-box";

const key = randomBytes(32);

describe("secret box (AES-256-GCM)", () => {
  it("round-trips, with a fresh IV each time, and never stores the plaintext", () => {
    const secret = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0";
    const a = encryptSecret(secret, key);
    const b = encryptSecret(secret, key);
    expect(a).not.toBe(b);
    expect(a).not.toContain("c2VjcmV0");
    expect(a.startsWith("v1:")).toBe(true);
    expect(decryptSecret(a, key)).toBe(secret);
    expect(decryptSecret(b, key)).toBe(secret);
  });

  it("refuses a wrong key or a tampered ciphertext", () => {
    const stored = encryptSecret("whsec_abc", key);
    expect(() => decryptSecret(stored, randomBytes(32))).toThrow();
    const raw = Buffer.from(stored.slice(3), "base64");
    raw[raw.length - 1] ^= 1;
    expect(() => decryptSecret("v1:" + raw.toString("base64"), key)).toThrow();
    expect(() => decryptSecret("v0:abc", key)).toThrow(/format/);
  });
});
