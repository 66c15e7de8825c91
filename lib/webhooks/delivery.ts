import { prisma, type TransactionClient } from "@/lib/db";
import { recordAudit } from "@/lib/audit/audit-log";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";
import { sendWebhookRequest, type OutboundResult } from "./outbound";
import { nextRetryDelayMs, parseRetryAfter } from "./retry-schedule";
import { signDelivery } from "./signing";

/** A claimed attempt belongs to its worker this long: well past the 10 s request timeout. */
export const LEASE_MS = 60_000;
export const RESPONSE_BODY_KEPT = 2 * 1024;
/** An endpoint whose deliveries have failed without a success for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 3_600_000;
const USER_AGENT = "TenantAdminPortal-Webhooks/1.0";

export const WEBHOOK_ACTIONS = {
  configured: "webhooks.endpoint_configured",
  removed: "webhooks.endpoint_removed",
  disabled: "webhooks.endpoint_disabled",
  secretRevealed: "webhooks.secret_revealed",
} as const;

const claimableWhere = (now: Date) => ({
  OR: [{ state: "pending", dueAt: { lte: now } }, { state: "in_flight", leaseUntil: { lt: now } }],
});

/**
 * Claims up to `limit` due attempts for `workerId`. Each claim is a
 * conditional update, so when several workers race for one attempt exactly
 * one of them wins it; an attempt whose worker died is claimable again once
 * its lease runs out (delivery is at least once).
 */
export async function claimDueAttempts(workerId: string, limit: number, now = new Date()): Promise<string[]> {
  const candidates = await prisma.webhookAttempt.findMany({
    where: claimableWhere(now),
    orderBy: { dueAt: "asc" },
    take: limit,
    select: { id: true },
  });
  const claimed: string[] = [];
  for (const { id } of candidates) {
    const { count } = await prisma.webhookAttempt.updateMany({
      where: { id, ...claimableWhere(now) },
      data: { state: "in_flight", leaseOwner: workerId, leaseUntil: new Date(now.getTime() + LEASE_MS) },
    });
    if (count === 1) claimed.push(id);
  }
  return claimed;
}

export type DeliveryResult = { attemptId: string; messageId: string; result: OutboundResult | null };

/** Sends one claimed attempt and records what happened. Never throws for the receiver's failures. */
export async function deliverAttempt(attemptId: string, workerId: string): Promise<DeliveryResult> {
  const attempt = await prisma.webhookAttempt.findUniqueOrThrow({ where: { id: attemptId }, include: { message: true } });
  const endpoint = await prisma.webhookEndpoint.findUnique({ where: { tenantId: attempt.tenantId } });
  if (!endpoint?.url || !endpoint.enabled) {
    await prisma.$transaction(async (tx) => {
      await tx.webhookAttempt.updateMany({
        where: { id: attemptId, leaseOwner: workerId },
        data: { state: "cancelled", error: endpoint?.url ? "The endpoint is disabled." : "No endpoint URL is configured.", finishedAt: new Date() },
      });
      await tx.webhookMessage.updateMany({ where: { id: attempt.messageId, status: { not: "delivered" } }, data: { status: "failed", nextAttemptAt: null } });
    });
    return { attemptId, messageId: attempt.messageId, result: null };
  }

  const sentAt = new Date();
  const signed = signDelivery(decryptSecret(endpoint.secretEncrypted), attempt.messageId, sentAt, attempt.message.body);
  const headers = { ...signed, "content-type": "application/json", "user-agent": USER_AGENT };
  await prisma.webhookAttempt.update({ where: { id: attemptId }, data: { startedAt: sentAt, url: endpoint.url } });
  const result = await sendWebhookRequest({
    url: endpoint.url,
    headers,
    body: attempt.message.body,
    allowPrivate: env().webhookAllowPrivateTargets,
  });
  await recordResult({ attemptId, workerId, trigger: attempt.trigger, messageId: attempt.messageId, tenantId: attempt.tenantId, headers: signed, result });
  return { attemptId, messageId: attempt.messageId, result };
}

function describeFailure(result: OutboundResult): string | null {
  switch (result.kind) {
    case "response":
      if (result.statusCode >= 200 && result.statusCode < 300) return null;
      return result.statusCode >= 300 && result.statusCode < 400
        ? `Redirect ${result.statusCode} not followed`
        : `Receiver answered ${result.statusCode}`;
    case "timeout":
      return `Timed out: ${result.error}`;
    case "unreachable":
      return `Unreachable: ${result.error}`;
    case "forbidden":
      return `Refused: ${result.error}`;
  }
}

async function disableEndpoint(tx: TransactionClient, tenantId: string, reason: string, now: Date) {
  await tx.webhookEndpoint.update({ where: { tenantId }, data: { enabled: false, disabledReason: reason, disabledAt: now } });
  // Nothing more goes out until someone sets the URL again.
  const pending = await tx.webhookAttempt.findMany({ where: { tenantId, state: "pending" }, select: { messageId: true } });
  await tx.webhookAttempt.updateMany({ where: { tenantId, state: "pending" }, data: { state: "cancelled", error: "Endpoint disabled", finishedAt: now } });
  await tx.webhookMessage.updateMany({
    where: { id: { in: pending.map((row) => row.messageId) }, status: { not: "delivered" } },
    data: { status: "failed", nextAttemptAt: null },
  });
  await recordAudit(tx, {
    tenantId,
    actor: { type: "system", label: "webhook delivery" },
    action: WEBHOOK_ACTIONS.disabled,
    severity: "warning",
    target: { type: "webhook_endpoint", id: tenantId },
    reason,
  });
}

async function recordResult(input: {
  attemptId: string;
  workerId: string;
  trigger: string;
  messageId: string;
  tenantId: string;
  headers: Record<string, string>;
  result: OutboundResult;
}) {
  const { result } = input;
  const now = new Date();
  const failure = describeFailure(result);
  const statusCode = result.kind === "response" ? result.statusCode : null;
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookAttempt.updateMany({
      where: { id: input.attemptId, leaseOwner: input.workerId, state: "in_flight" },
      data: {
        state: failure ? "failed" : "succeeded",
        statusCode,
        durationMs: Math.round(result.durationMs),
        responseBody: result.kind === "response" ? result.body.slice(0, RESPONSE_BODY_KEPT) : null,
        error: failure,
        finishedAt: now,
        requestHeaders: JSON.stringify(input.headers),
        leaseUntil: null,
      },
    });
    if (count === 0) return; // The lease was lost to another worker; its record wins.

    const message = await tx.webhookMessage.update({
      where: { id: input.messageId },
      data: { attemptCount: { increment: 1 }, lastAttemptAt: now, lastStatusCode: statusCode },
    });
    if (!failure) {
      await tx.webhookMessage.update({ where: { id: message.id }, data: { status: "delivered", deliveredAt: now, nextAttemptAt: null } });
      await tx.webhookAttempt.updateMany({
        where: { messageId: message.id, state: "pending" },
        data: { state: "cancelled", error: "Delivered by another attempt", finishedAt: now },
      });
      await tx.webhookEndpoint.updateMany({ where: { tenantId: input.tenantId }, data: { failingSince: null } });
      return;
    }

    if (statusCode === 410) {
      await tx.webhookMessage.update({ where: { id: message.id }, data: { status: "failed", nextAttemptAt: null } });
      await disableEndpoint(tx, input.tenantId, "The endpoint answered 410 Gone.", now);
      return;
    }

    const endpoint = await tx.webhookEndpoint.findUnique({ where: { tenantId: input.tenantId } });
    const failingSince = endpoint?.failingSince ?? now;
    if (endpoint && !endpoint.failingSince) {
      await tx.webhookEndpoint.update({ where: { tenantId: input.tenantId }, data: { failingSince: now } });
    }
    if (now.getTime() - failingSince.getTime() >= DISABLE_AFTER_FAILING_MS) {
      await tx.webhookMessage.update({ where: { id: message.id }, data: { status: "failed", nextAttemptAt: null } });
      await disableEndpoint(tx, input.tenantId, "Deliveries have failed for 5 days without a success.", now);
      return;
    }

    if (input.trigger === "test") {
      await tx.webhookMessage.update({ where: { id: message.id }, data: { status: "failed", nextAttemptAt: null } });
      return;
    }
    if (input.trigger === "manual") {
      // A failed manual retry leaves any scheduled retry in place.
      const scheduled = await tx.webhookAttempt.findFirst({ where: { messageId: message.id, state: "pending" }, orderBy: { dueAt: "asc" } });
      await tx.webhookMessage.update({
        where: { id: message.id },
        data: scheduled ? { status: "failing", nextAttemptAt: scheduled.dueAt } : { status: "failed", nextAttemptAt: null },
      });
      return;
    }

    const scheduledSoFar = await tx.webhookAttempt.count({ where: { messageId: message.id, trigger: "scheduled" } });
    const retryAfter = result.kind === "response" && (statusCode === 429 || statusCode === 503) ? parseRetryAfter(result.headers["retry-after"]) : null;
    const delay = nextRetryDelayMs(scheduledSoFar, retryAfter);
    if (delay === null) {
      await tx.webhookMessage.update({ where: { id: message.id }, data: { status: "failed", nextAttemptAt: null } });
      return;
    }
    const dueAt = new Date(now.getTime() + delay);
    const last = await tx.webhookAttempt.aggregate({ where: { messageId: message.id }, _max: { attemptNumber: true } });
    await tx.webhookAttempt.create({
      data: { messageId: message.id, tenantId: input.tenantId, attemptNumber: (last._max.attemptNumber ?? 0) + 1, trigger: "scheduled", dueAt },
    });
    await tx.webhookMessage.update({ where: { id: message.id }, data: { status: "failing", nextAttemptAt: dueAt } });
  });
}

/** Claims and delivers one batch, `concurrency` requests at a time. Returns how many attempts it handled. */
export async function deliverDueAttempts(workerId: string, options: { batchSize?: number; concurrency?: number } = {}): Promise<number> {
  const ids = await claimDueAttempts(workerId, options.batchSize ?? 50);
  const queue = [...ids];
  const concurrency = Math.max(1, options.concurrency ?? 10);
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        try {
          await deliverAttempt(id, workerId);
        } catch (error) {
          // The lease expires and another pass retries it; say why without leaking payloads.
          console.error(`[webhooks] attempt ${id} could not be processed:`, error instanceof Error ? error.message : error);
        }
      }
    }),
  );
  return ids.length;
}
