import { createHash, randomBytes } from "node:crypto";

/**
 * Single-use tokens handed to a browser (Stripe OAuth state, invitation
 * links): 256 random bits, and only their SHA-256 is stored. No salt or
 * stretching is needed at that entropy.
 */
export function newSingleUseToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashSingleUseToken(token) };
}

export function hashSingleUseToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
