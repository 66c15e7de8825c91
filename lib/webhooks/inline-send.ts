// Deliveries a request sends itself, now, and answers with: test sends,
// manual retries and verification pings. Each is an attempt created already
// claimed (no worker picks it up) and sent through the workers' own code, so
// it is signed, recorded and shown in the delivery log like any other.

import { prisma, type TransactionClient } from "@/lib/db";
import { WEBHOOK_ATTEMPT_STATE, WEBHOOK_ATTEMPT_TRIGGER } from "@/lib/statuses";
import { deliverAttempt, deliverToUnsavedEndpoint, leaseMs, type DeliveryResult } from "./attempt-runner";
import type { WebhookEventData } from "./event-types";
import { eventBody, newMessageId } from "./signing";
import { toAttemptView, type AttemptView } from "./views";

const INLINE_WORKER = "inline";

/** The lease fields of an attempt that this request sends itself. */
export const inlineClaim = () => ({ state: WEBHOOK_ATTEMPT_STATE.inFlight, leaseOwner: INLINE_WORKER, leaseUntil: new Date(Date.now() + leaseMs()) });

/**
 * A test message (its body says `test: true`) with its one attempt, claimed
 * for an inline send. Test messages are never retried, and go out whatever
 * the endpoint subscribes to.
 */
export async function createTestMessage(tx: TransactionClient, tenantId: string, type: string, data: unknown): Promise<{ messageId: string; attemptId: string; body: string }> {
  const messageId = newMessageId();
  const body = eventBody({ type, data, at: new Date(), test: true });
  const message = await tx.webhookMessage.create({
    data: {
      id: messageId,
      tenantId,
      eventType: type,
      body,
      attempts: { create: { tenantId, attemptNumber: 1, trigger: WEBHOOK_ATTEMPT_TRIGGER.test, ...inlineClaim() } },
    },
    select: { attempts: { select: { id: true } } },
  });
  return { messageId, attemptId: message.attempts[0].id, body };
}

/**
 * Sends an attempt this request created already claimed, now: to the stored
 * endpoint, or to `unsaved`, the URL and secrets a save is about to store.
 */
export async function sendNow(attemptId: string, unsaved?: { url: string; secrets: string[] }): Promise<{ delivery: DeliveryResult; attempt: AttemptView }> {
  const claimed = await prisma.webhookAttempt.findUniqueOrThrow({ where: { id: attemptId }, include: { message: true } });
  const delivery = unsaved ? await deliverToUnsavedEndpoint(claimed, INLINE_WORKER, unsaved) : await deliverAttempt(claimed, INLINE_WORKER);
  const stored = await prisma.webhookAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  return { delivery, attempt: toAttemptView(stored) };
}

/** Why no answer came from the receiver, by the kind of outbound failure (null: it answered). */
const VERIFICATION_ERROR_CODES = {
  response: null,
  timeout: "webhook_timeout",
  unreachable: "webhook_unreachable",
  forbidden: "webhook_url_forbidden",
} as const;

/** The result of a verification ping: as answered, kept as the endpoint's lastVerification, and summed up in its audit entry. */
export type WebhookVerification = {
  delivered: boolean;
  status_code: number | null;
  response_time_ms: number | null;
  error_code: (typeof VERIFICATION_ERROR_CODES)[keyof typeof VERIFICATION_ERROR_CODES];
  message_id: string;
  at: string;
};

const VERIFICATION_DATA = { message: "Verifying this endpoint for the Tenant Admin Portal" } satisfies WebhookEventData<"webhook.test">;

/**
 * The verification ping: a signed webhook.test, recorded as a test message
 * (trigger test, never retried), whatever the endpoint subscribes to. Sent to
 * the stored endpoint (even a disabled one), or to `unsaved`. Every way of
 * not getting an answer is a result, never an error. Null when the attempt
 * could not be sent at all: the stored endpoint lost its URL meanwhile.
 */
export async function sendVerificationPing(tenantId: string, unsaved?: { url: string; secrets: string[] }): Promise<WebhookVerification | null> {
  const { messageId, attemptId } = await prisma.$transaction((tx) => createTestMessage(tx, tenantId, "webhook.test", VERIFICATION_DATA));
  const { delivery, attempt } = await sendNow(attemptId, unsaved);
  const result = delivery.result;
  if (!result) return null;
  return {
    delivered: result.kind === "response" && result.statusCode >= 200 && result.statusCode < 300,
    status_code: result.kind === "response" ? result.statusCode : null,
    response_time_ms: attempt.duration_ms,
    error_code: VERIFICATION_ERROR_CODES[result.kind],
    message_id: messageId,
    at: attempt.finished_at ?? new Date().toISOString(),
  };
}
