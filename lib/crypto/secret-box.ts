import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Secrets we must be able to read back (webhook signing secrets) are stored
 * encrypted with AES-256-GCM under ENCRYPTION_KEY: "v1:" + base64(iv | tag | ciphertext).
 * The tag makes tampering or a wrong key fail loudly instead of yielding garbage.
 */
const VERSION = "v1:";

export function encryptSecret(plaintext: string, key: Buffer = env().encryptionKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return VERSION + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64");
}

export function decryptSecret(stored: string, key: Buffer = env().encryptionKey): string {
  if (!stored.startsWith(VERSION)) throw new Error("Unknown secret encryption format");
  const raw = Buffer.from(stored.slice(VERSION.length), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
