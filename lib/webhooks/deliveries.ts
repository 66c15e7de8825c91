import { prisma } from "@/lib/db";
import type { Caller } from "@/lib/auth/caller";
import { AppError, badRequest, conflict, notFound } from "@/lib/http/errors";
import type { DeliveriesQuery, TestWebhookInput } from "@/lib/schemas/webhooks";
import { deliverAttempt, LEASE_MS } from "./delivery";
import { DEFAULT_TEST_EVENT, EVENT_TYPES } from "./event-types";
import { eventBody, newMessageId } from "./signing";
import { toAttemptView, toMessageView } from "./views";

const INLINE_WORKER = "inline";

/** Messages newest first, each with its attempts, cursor-paginated, scoped to the tenant. */
export async function listDeliveries(tenantId: string, query: DeliveriesQuery) {
  if (query.cursor) {
    const anchor = await prisma.webhookMessage.findFirst({ where: { id: query.cursor, tenantId }, select: { id: true } });
    if (!anchor) throw badRequest("invalid_cursor", "The cursor does not belong to this list.");
  }
  const rows = await prisma.webhookMessage.findMany({
    where: { tenantId, ...(query.status ? { status: query.status } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    include: { attempts: { orderBy: { attemptNumber: "asc" } } },
  });
  const page = rows.slice(0, query.limit);
  return { data: page.map(toMessageView), next_cursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
}

async function requireEndpointUrl(tenantId: string) {
  const endpoint = await prisma.webhookEndpoint.findUnique({ where: { tenantId }, select: { url: true } });
  if (!endpoint?.url) throw conflict("webhook_not_configured", "No webhook endpoint is configured. Set its URL first.");
}

/** Creates an attempt already claimed by this request, so no worker picks it up, and sends it now. */
async function sendNow(messageId: string, tenantId: string, trigger: "manual" | "test") {
  const last = await prisma.webhookAttempt.aggregate({ where: { messageId }, _max: { attemptNumber: true } });
  const attempt = await prisma.webhookAttempt.create({
    include: { message: true },
    data: {
      messageId,
      tenantId,
      attemptNumber: (last._max.attemptNumber ?? 0) + 1,
      trigger,
      state: "in_flight",
      leaseOwner: INLINE_WORKER,
      leaseUntil: new Date(Date.now() + LEASE_MS),
    },
  });
  const delivery = await deliverAttempt(attempt, INLINE_WORKER);
  const stored = await prisma.webhookAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
  return { delivery, attempt: stored };
}

/**
 * POST /webhooks/test/: one signed delivery now. A receiver's non-2xx is an
 * answer (delivered: false); our side's failures to reach it are errors.
 */
export async function sendTestEvent(caller: Caller, input: TestWebhookInput) {
  await requireEndpointUrl(caller.tenantId);
  const type = input.event_type ?? DEFAULT_TEST_EVENT;
  const data = input.payload ?? EVENT_TYPES.find((event) => event.type === type)?.example ?? {};
  const messageId = newMessageId();
  await prisma.webhookMessage.create({
    data: { id: messageId, tenantId: caller.tenantId, eventType: type, body: eventBody(type, data, new Date()) },
  });
  const { delivery, attempt } = await sendNow(messageId, caller.tenantId, "test");
  const result = delivery.result;
  const details = { message_id: messageId, response_time_ms: attempt.durationMs };
  if (!result) throw conflict("webhook_not_configured", "The endpoint is not configured.");
  switch (result.kind) {
    case "timeout":
      throw new AppError(408, "webhook_timeout", "Your endpoint did not answer within 10 seconds.", details);
    case "unreachable":
      throw new AppError(502, "webhook_unreachable", `Could not reach your endpoint: ${result.error}`, details);
    case "forbidden":
      throw new AppError(400, "webhook_url_forbidden", `The endpoint resolves to an address we do not send to: ${result.error}`, details);
    case "response":
      return {
        delivered: result.statusCode >= 200 && result.statusCode < 300,
        status_code: result.statusCode,
        response_time_ms: attempt.durationMs,
        response_body: attempt.responseBody ?? "",
        message_id: messageId,
        request_headers: attempt.requestHeaders ? (JSON.parse(attempt.requestHeaders) as Record<string, string>) : null,
      };
  }
}

/** POST /webhooks/deliveries/{id}/retry/: sends the message again now. */
export async function retryMessage(caller: Caller, messageId: string) {
  const message = await prisma.webhookMessage.findFirst({ where: { id: messageId, tenantId: caller.tenantId }, select: { id: true } });
  if (!message) throw notFound("No such message.");
  await requireEndpointUrl(caller.tenantId);
  const { attempt } = await sendNow(message.id, caller.tenantId, "manual");
  const updated = await prisma.webhookMessage.findUniqueOrThrow({
    where: { id: message.id },
    include: { attempts: { orderBy: { attemptNumber: "asc" } } },
  });
  return { message: toMessageView(updated), attempt: toAttemptView(attempt) };
}
