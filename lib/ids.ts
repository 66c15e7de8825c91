import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Bytes below this map evenly onto the 62 characters (4 × 62); larger ones are drawn again, so no character is likelier. */
const UNBIASED_LIMIT = 248;

/**
 * An id people see and copy, in Stripe's style: a prefix naming the kind of
 * object (msg, pay, rfd), an underscore, then `length` base62 characters from
 * the CSPRNG, without modulo bias. 24 characters carry about 143 bits:
 * unguessable, so an id never needs to be kept secret. Every platform API
 * request gets one, so the bytes are drawn in one call rather than per character.
 */
export function newPublicId(prefix: string, length = 24): string {
  let id = `${prefix}_`;
  let drawn = 0;
  while (drawn < length) {
    // A few spare bytes cover the rare draws that are rejected; a second round covers the rest.
    for (const byte of randomBytes(length - drawn + 4)) {
      if (byte >= UNBIASED_LIMIT) continue;
      id += BASE62[byte % 62];
      if (++drawn === length) break;
    }
  }
  return id;
}
