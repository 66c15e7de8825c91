import { createHash } from "node:crypto";
import { isUniqueViolation } from "@/lib/db-errors";
import { stripeError, type SimResponse } from "./responses";
import { createObject, deleteObject, loadObject, saveObject } from "./store";

type StoredRequest = { fingerprint: string; answer: SimResponse | null };

/**
 * Stripe's Idempotency-Key semantics for POST requests: the first request
 * with a key runs and its successful answer is kept; a later one with the
 * same key and parameters gets that answer again (Idempotent-Replayed: true),
 * one with other parameters a 400, and one that arrives while the first still
 * runs a 409 idempotency_key_in_use, which stripe-node retries. Only
 * successes are kept, as Stripe keeps nothing for a request that failed
 * validation. Unlike Stripe, keys do not expire after 24 hours: the
 * simulator's data is thrown away with its database.
 */
export async function runIdempotently(key: string | null, fingerprint: string, run: () => Promise<SimResponse>, scope = ""): Promise<SimResponse> {
  if (!key) return run();
  // `scope` is the Stripe-Account a request acts on (empty for the platform): Stripe keeps keys per account.
  const objectId = `idem_${createHash("sha256").update(scope ? `${scope}\n${key}` : key).digest("hex")}`;
  try {
    await createObject("idempotency_key", objectId, { fingerprint, answer: null } satisfies StoredRequest);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const stored = await loadObject<StoredRequest>("idempotency_key", objectId);
    if (stored && stored.fingerprint !== fingerprint) {
      return stripeError(
        400,
        undefined,
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        "idempotency_error",
      );
    }
    if (stored?.answer) return { ...stored.answer, headers: { ...stored.answer.headers, "idempotent-replayed": "true" } };
    return stripeError(
      409,
      "idempotency_key_in_use",
      "There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through). Please try again later.",
      "idempotency_error",
    );
  }

  let answer: SimResponse;
  try {
    answer = await run();
  } catch (error) {
    await deleteObject("idempotency_key", objectId);
    throw error;
  }
  if (answer.status >= 200 && answer.status < 300) await saveObject("idempotency_key", objectId, { fingerprint, answer } satisfies StoredRequest);
  else await deleteObject("idempotency_key", objectId);
  return answer;
}
