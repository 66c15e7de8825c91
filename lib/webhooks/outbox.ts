import type { TransactionClient } from "@/lib/db";
import { subscribesTo } from "./event-filter";
import type { WebhookEventData, WebhookEventType } from "./event-types";
import { eventBody, newMessageId } from "./signing";
import { wakeWebhookWorker } from "./worker-signal";
import { notifyAttemptsDue } from "./due-notifications";
import { WEBHOOK_ATTEMPT_TRIGGER } from "@/lib/statuses";

/**
 * The one way for features to send an event to a tenant's endpoint. Call it
 * with the transaction that makes the change: the message and its first
 * attempt commit with the change or not at all, so a crash never loses an
 * event. Without a configured, enabled endpoint, or for a type the endpoint
 * does not subscribe to, nothing is recorded. Only registered types, each
 * with its own `data` shape (event-types.ts).
 */
export async function emitEvent<T extends WebhookEventType>(
  tx: TransactionClient,
  tenantId: string,
  type: T,
  data: WebhookEventData<T>,
  /** The object the event is about (pay_…), so its page can list the events it caused. */
  subjectId?: string,
): Promise<string | null> {
  const endpoint = await tx.webhookEndpoint.findUnique({ where: { tenantId }, select: { url: true, enabled: true, eventTypes: true } });
  if (!endpoint?.url || !endpoint.enabled || !subscribesTo(endpoint.eventTypes, type)) return null;
  const now = new Date();
  const id = newMessageId();
  await tx.webhookMessage.create({
    data: {
      id,
      tenantId,
      eventType: type,
      subjectId: subjectId ?? null,
      body: eventBody({ type, data, at: now, test: false }),
      attempts: { create: { tenantId, attemptNumber: 1, trigger: WEBHOOK_ATTEMPT_TRIGGER.scheduled, dueAt: now } },
    },
  });
  await notifyAttemptsDue(tx);
  // This process's own worker (on SQLite the only wake-up), after the caller's commit most likely: it polls anyway if this is early.
  setTimeout(wakeWebhookWorker, 25);
  return id;
}
