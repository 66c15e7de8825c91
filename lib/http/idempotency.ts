import { createHash } from "node:crypto";
import type { ApiKeyCaller } from "@/lib/api-keys/api-keys";
import { apiError, toErrorResponse } from "@/lib/http/errors";
import { claimIdempotencyKey, finishIdempotentRequest } from "@/lib/payments/idempotency";

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** JSON with object keys sorted at every level: two bodies that mean the same hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What "the same request" means: the route (with its ids) and the parsed body. */
export const idempotencyRequestHash = (route: string, body: unknown) => createHash("sha256").update(`${route}\n${canonicalJson(body)}`).digest("hex");

/** The Idempotency-Key header, checked: absent is null; empty or over 255 characters is a 400. */
export function idempotencyKeyOf(headers: Headers): string | null {
  const key = headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw apiError("validation_error", `The Idempotency-Key header must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`, [
      { path: ["Idempotency-Key"], code: key.length === 0 ? "too_small" : "too_big", message: `1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.` },
    ]);
  }
  return key;
}

/**
 * Stripe's Idempotency-Key semantics for a POST of the platform API. Without
 * the header the handler simply runs. With it, per tenant and mode: the first
 * request runs and its answer (any status below 500, refusals included) is
 * kept for 24 hours; the same key with the same route and body replays it
 * with `Idempotent-Replayed: true`; with another body it is a 409; a request
 * arriving while the first still runs waits for its answer. A 5xx or an
 * unexpected error frees the key, so the client can retry.
 */
export async function withIdempotency(caller: ApiKeyCaller, req: Request, route: string, body: unknown, run: () => Promise<Response>): Promise<Response> {
  const key = idempotencyKeyOf(req.headers);
  if (key === null) return run();
  const claim = await claimIdempotencyKey({ tenantId: caller.tenant.id, livemode: caller.mode === "live", key }, idempotencyRequestHash(route, body));
  if (claim.kind === "replay") {
    return new Response(claim.answer.body, {
      status: claim.answer.status,
      headers: { "content-type": "application/json", "Idempotent-Replayed": "true" },
    });
  }
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    response = toErrorResponse(error);
  }
  try {
    await finishIdempotentRequest(claim.rowId, response.status < 500 ? { status: response.status, body: await response.clone().text() } : null);
  } catch (error) {
    await finishIdempotentRequest(claim.rowId, null).catch(() => undefined);
    throw error;
  }
  return response;
}
