import { randomInt } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * An id people see and copy, in Stripe's style: a prefix naming the kind of
 * object (msg, pay, rfd), an underscore, then `length` base62 characters from
 * the CSPRNG (randomInt draws without modulo bias). 24 characters carry about
 * 143 bits: unguessable, so an id never needs to be kept secret.
 */
export function newPublicId(prefix: string, length = 24): string {
  let id = `${prefix}_`;
  for (let i = 0; i < length; i++) id += BASE62[randomInt(BASE62.length)];
  return id;
}
