import { setTimeout as sleep } from "node:timers/promises";
import { prisma } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { apiError } from "@/lib/http/errors";

/**
 * Stored answers to the platform API's POSTs, by Idempotency-Key, as Stripe
 * keeps them: per tenant and mode, for 24 hours. The first request with a key
 * inserts the row (the unique [tenantId, livemode, key] decides who is first,
 * on both databases) and runs; the others wait for its answer and replay it.
 */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const POLL_INTERVAL_MS = 50;
const WAIT_LIMIT_MS = 10_000;
/** A first request that has not answered in this long died with its process; the key is free again. */
const ABANDONED_AFTER_MS = 2 * 60 * 1000;
/** Expired rows are purged now and then by a request that happens along, not on every one. */
const PURGE_PROBABILITY = 0.01;

export type IdempotencyScope = { tenantId: string; livemode: boolean; key: string };
export type StoredAnswer = { status: number; body: string };
export type IdempotencyClaim = { kind: "run"; rowId: string } | { kind: "replay"; answer: StoredAnswer };

/** Claims the key for this request, or returns the answer of the request that claimed it with the same hash. */
export async function claimIdempotencyKey(scope: IdempotencyScope, requestHash: string): Promise<IdempotencyClaim> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const now = new Date();
    try {
      const row = await prisma.idempotencyKey.create({
        data: { ...scope, requestHash, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) },
        select: { id: true },
      });
      if (Math.random() < PURGE_PROBABILITY) await prisma.idempotencyKey.deleteMany({ where: { expiresAt: { lt: now } } });
      return { kind: "run", rowId: row.id };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const existing = await prisma.idempotencyKey.findUnique({ where: { tenantId_livemode_key: scope } });
    if (!existing) continue; // released or purged since: try to claim it again
    const abandoned = existing.responseStatus === null && now.getTime() - existing.createdAt.getTime() > ABANDONED_AFTER_MS;
    if (existing.expiresAt <= now || abandoned) {
      // Conditional on the row read, so two requests cannot each delete the other's fresh claim.
      await prisma.idempotencyKey.deleteMany({ where: { id: existing.id } });
      continue;
    }
    if (existing.requestHash !== requestHash) {
      throw apiError("idempotency_key_reused", "This Idempotency-Key was already used with another request (another path or body). Use a new key for a new request.");
    }
    if (existing.responseStatus !== null && existing.responseBody !== null) {
      return { kind: "replay", answer: { status: existing.responseStatus, body: existing.responseBody } };
    }
    if (Date.now() >= deadline) throw apiError("idempotency_key_in_use");
    await sleep(POLL_INTERVAL_MS);
  }
}

/** Keeps the answer for replays; null releases the key (a 5xx or a crash: the client may retry with it). */
export async function finishIdempotentRequest(rowId: string, answer: StoredAnswer | null): Promise<void> {
  if (answer) await prisma.idempotencyKey.update({ where: { id: rowId }, data: { responseStatus: answer.status, responseBody: answer.body } });
  else await prisma.idempotencyKey.deleteMany({ where: { id: rowId } });
}
