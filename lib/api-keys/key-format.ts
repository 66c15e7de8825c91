import { createHash, randomInt } from "node:crypto";
import { crc32 } from "node:zlib";

/**
 * Key format: `sk_live_` / `sk_test_` / `pk_live_` / `pk_test_`, then 32
 * base62 characters from the CSPRNG, then 6 base62 characters of the CRC32 of
 * everything before them. The checksum lets us (and secret scanners) reject a
 * mistyped or made-up key without touching the database.
 */

export type KeyMode = "live" | "test";
export type KeyKind = "publishable" | "secret";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const RANDOM_LENGTH = 32;
export const CHECKSUM_LENGTH = 6;
const KEY_PATTERN = /^(sk|pk)_(live|test)_([0-9A-Za-z]{38})$/;

export function keyPrefix(kind: KeyKind, mode: KeyMode): string {
  return `${kind === "secret" ? "sk" : "pk"}_${mode}_`;
}

function base62(value: number, width: number): string {
  let out = "";
  let rest = value;
  while (rest > 0) {
    out = ALPHABET[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, "0");
}

export function checksum(body: string): string {
  return base62(crc32(body), CHECKSUM_LENGTH);
}

export type GeneratedKey = { key: string; prefix: string; last4: string; hash: string };

export function generateKey(kind: KeyKind, mode: KeyMode): GeneratedKey {
  const prefix = keyPrefix(kind, mode);
  let random = "";
  // randomInt draws without modulo bias.
  for (let i = 0; i < RANDOM_LENGTH; i++) random += ALPHABET[randomInt(ALPHABET.length)];
  const body = prefix + random;
  const key = body + checksum(body);
  return { key, prefix, last4: key.slice(-4), hash: hashKey(key) };
}

/** The shape and checksum of a presented key; null when either is wrong. */
export function parseKey(raw: string): { kind: KeyKind; mode: KeyMode } | null {
  const match = KEY_PATTERN.exec(raw);
  if (!match) return null;
  const body = raw.slice(0, -CHECKSUM_LENGTH);
  if (checksum(body) !== raw.slice(-CHECKSUM_LENGTH)) return null;
  return { kind: match[1] === "sk" ? "secret" : "publishable", mode: match[2] as KeyMode };
}

/** SHA-256 is enough here: keys carry 190 bits of entropy, so no salt or stretching is needed. */
export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** `sk_live_****...abcd`: the prefix, then only the last four characters. */
export function maskKey(prefix: string, last4: string): string {
  return `${prefix}****...${last4}`;
}
