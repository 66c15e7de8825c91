import type { TransactionClient } from "@/lib/db";
import { eventBody, newMessageId } from "./signing";
import { wakeWebhookWorker } from "./worker-signal";

/**
 * The one way for features to send an event to a tenant's endpoint. Call it
 * with the transaction that makes the change: the message and its first
 * attempt commit with the change or not at all, so a crash never loses an
 * event. Without a configured, enabled endpoint nothing is recorded.
 */
export async function emitEvent(tx: TransactionClient, tenantId: string, type: string, data: Record<string, unknown>): Promise<string | null> {
  const endpoint = await tx.webhookEndpoint.findUnique({ where: { tenantId }, select: { url: true, enabled: true } });
  if (!endpoint?.url || !endpoint.enabled) return null;
  const now = new Date();
  const id = newMessageId();
  await tx.webhookMessage.create({
    data: {
      id,
      tenantId,
      eventType: type,
      body: eventBody(type, data, now),
      attempts: { create: { tenantId, attemptNumber: 1, trigger: "scheduled", dueAt: now } },
    },
  });
  // After the caller's commit, most likely: the worker polls anyway if this is early.
  setTimeout(wakeWebhookWorker, 25);
  return id;
}
