import { prisma } from "@/lib/db";
import type { Caller } from "@/lib/auth/caller";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import type { RequestMeta } from "@/lib/http/request-meta";
import { apiError } from "@/lib/http/errors";
import { isUniqueViolation } from "@/lib/db-errors";
import { webhookNotConfigured } from "./endpoint-service";
import type { DeliveriesQuery, TestWebhookInput } from "@/lib/schemas/webhooks";
import { DEFAULT_TEST_EVENT, isWebhookEventType, WEBHOOK_EVENTS } from "./event-types";
import { createTestMessage, inlineClaim, sendNow } from "./inline-send";
import { toMessageView } from "./views";
import { WEBHOOK_ATTEMPT_STATE, WEBHOOK_ATTEMPT_TRIGGER } from "@/lib/statuses";
import { assertTenantNotSuspended } from "@/lib/platform/tenant-suspension";

/** Messages newest first, each with its attempts, cursor-paginated, scoped to the tenant. */
export async function listDeliveries(tenantId: string, query: DeliveriesQuery) {
  // Keyset paging on (createdAt, id): a message whose status changed since the
  // previous page (the log refreshes) cannot make the next page skip a row.
  let before = {};
  if (query.cursor) {
    const anchor = await prisma.webhookMessage.findFirst({ where: { id: query.cursor, tenantId }, select: { id: true, createdAt: true } });
    if (!anchor) throw apiError("invalid_cursor");
    before = { OR: [{ createdAt: { lt: anchor.createdAt } }, { createdAt: anchor.createdAt, id: { lt: anchor.id } }] };
  }
  const rows = await prisma.webhookMessage.findMany({
    where: { tenantId, ...(query.status ? { status: query.status } : {}), ...before },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: { attempts: { orderBy: { attemptNumber: "asc" } } },
  });
  const page = rows.slice(0, query.limit);
  return { data: page.map(toMessageView), next_cursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
}

// A test or a retry is sent even to a disabled endpoint: that is how a person
// checks a fix. Scheduled deliveries stay stopped until the URL is saved again.
async function requireEndpointUrl(tenantId: string) {
  const endpoint = await prisma.webhookEndpoint.findUnique({ where: { tenantId }, select: { url: true } });
  if (!endpoint?.url) throw webhookNotConfigured();
}

const inFlight = () => apiError("delivery_in_progress", "This message is being sent right now. Wait for that attempt to finish.");

/**
 * POST /webhooks/test/: one signed delivery now. A receiver's non-2xx is an
 * answer (delivered: false); our side's failures to reach it are errors.
 */
export async function sendTestEvent(caller: Caller, input: TestWebhookInput, meta: RequestMeta) {
  await assertTenantNotSuspended(caller.tenantId);
  await requireEndpointUrl(caller.tenantId);
  const type = input.event_type ?? DEFAULT_TEST_EVENT;
  const data = input.payload ?? (isWebhookEventType(type) ? WEBHOOK_EVENTS[type].example : {});
  // The message, its attempt and the audit entry in one transaction: nothing half-made if we crash here.
  const { messageId, attemptId, body } = await prisma.$transaction(async (tx) => {
    const created = await createTestMessage(tx, caller.tenantId, type, data);
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "webhooks.test_sent",
      target: { type: "webhook_message", id: created.messageId },
      meta,
      metadata: { event_type: type },
    });
    return created;
  });
  const { delivery, attempt } = await sendNow(attemptId);
  const result = delivery.result;
  // The body exactly as signed (the signature covers webhook-id.webhook-timestamp.body), so a receiver's check can be compared byte for byte.
  const details = { message_id: messageId, response_time_ms: attempt.duration_ms, request_headers: attempt.request_headers, request_body: body };
  if (!result) throw webhookNotConfigured();
  switch (result.kind) {
    case "timeout":
      throw apiError("webhook_timeout", "Your endpoint did not answer within 10 seconds.", details);
    case "unreachable":
      throw apiError("webhook_unreachable", `Could not reach your endpoint: ${result.error}`, details);
    case "forbidden":
      throw apiError("webhook_url_forbidden", `The endpoint resolves to an address we do not send to: ${result.error}`, details);
    case "response":
      return {
        delivered: result.statusCode >= 200 && result.statusCode < 300,
        status_code: result.statusCode,
        response_time_ms: attempt.duration_ms,
        response_body: attempt.response_body ?? "",
        message_id: messageId,
        request_headers: attempt.request_headers,
        request_body: body,
      };
  }
}

/** POST /webhooks/deliveries/{id}/retry/: sends the message again now. */
export async function retryMessage(caller: Caller, messageId: string, meta: RequestMeta) {
  const message = await prisma.webhookMessage.findFirst({ where: { id: messageId, tenantId: caller.tenantId }, select: { id: true } });
  if (!message) throw apiError("not_found", "No such message.");
  await assertTenantNotSuspended(caller.tenantId);
  await requireEndpointUrl(caller.tenantId);
  const busy = await prisma.webhookAttempt.count({ where: { messageId: message.id, state: WEBHOOK_ATTEMPT_STATE.inFlight, leaseUntil: { gt: new Date() } } });
  if (busy > 0) throw inFlight();
  const last = await prisma.webhookAttempt.aggregate({ where: { messageId: message.id }, _max: { attemptNumber: true } });
  let attemptId: string;
  try {
    // The attempt and its audit entry together: a person re-sending tenant data leaves a trace.
    attemptId = await prisma.$transaction(async (tx) => {
      const created = await tx.webhookAttempt.create({
        data: { messageId: message.id, tenantId: caller.tenantId, attemptNumber: (last._max.attemptNumber ?? 0) + 1, trigger: WEBHOOK_ATTEMPT_TRIGGER.manual, ...inlineClaim() },
      });
      await recordAudit(tx, {
        tenantId: caller.tenantId,
        actor: userActor(caller),
        action: "webhooks.delivery_retried",
        target: { type: "webhook_message", id: message.id },
        meta,
        metadata: { attempt_number: created.attemptNumber },
      });
      return created.id;
    });
  } catch (error) {
    // Two retries at once: the attempt number is unique per message.
    if (isUniqueViolation(error, "attemptNumber")) throw inFlight();
    throw error;
  }
  const { attempt } = await sendNow(attemptId);
  const updated = await prisma.webhookMessage.findUniqueOrThrow({
    where: { id: message.id },
    include: { attempts: { orderBy: { attemptNumber: "asc" } } },
  });
  return { message: toMessageView(updated), attempt };
}
