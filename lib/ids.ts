import { randomFillSync } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Bytes below this map evenly onto the 62 characters (4 × 62); larger ones are drawn again, so no character is likelier. */
const UNBIASED_LIMIT = 248;

/**
 * Random bytes are drawn from the CSPRNG in blocks and handed out once each,
 * as Node's own randomUUID does: a call into the CSPRNG costs about as much
 * for 4 KB as for 28 bytes (several microseconds, more on a loaded machine),
 * and every platform API request needs an id.
 */
const POOL_SIZE = 4_096;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

function nextRandomByte(): number {
  if (poolOffset === POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++];
}

/**
 * An id people see and copy, in Stripe's style: a prefix naming the kind of
 * object (msg, pay, rfd), an underscore, then `length` base62 characters from
 * the CSPRNG, without modulo bias. 24 characters carry about 143 bits:
 * unguessable, so an id never needs to be kept secret.
 */
export function newPublicId(prefix: string, length = 24): string {
  let id = `${prefix}_`;
  let drawn = 0;
  while (drawn < length) {
    const byte = nextRandomByte();
    if (byte >= UNBIASED_LIMIT) continue;
    id += BASE62[byte % 62];
    drawn++;
  }
  return id;
}
