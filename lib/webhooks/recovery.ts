// Recovery after an outage: the messages that failed while a receiver was
// down are queued once more, for the workers to send like scheduled deliveries.

import { prisma, type TransactionClient } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { isUniqueViolation } from "@/lib/db-errors";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { assertTenantNotSuspended } from "@/lib/platform/tenant-suspension";
import type { RecoverWebhooksInput } from "@/lib/schemas/webhooks";
import { WEBHOOK_ATTEMPT_STATE, WEBHOOK_ATTEMPT_TRIGGER, WEBHOOK_MESSAGE_STATUS } from "@/lib/statuses";
import { webhookNotConfigured } from "./endpoint-service";
import { wakeWebhookWorker } from "./worker-signal";
import { notifyAttemptsDue } from "./due-notifications";

/** Messages queued per statement: well under both databases' limits on bound parameters. */
const CHUNK = 500;
/** Two recoveries (or a recovery and a manual retry) at once can pick the same attempt number; the loser tries again. */
const TRIES = 3;

/**
 * One new attempt (trigger recovery, due now) for each message of the tenant
 * created in [since, until) that failed or is failing, except test sends
 * (every attempt a test) and messages with an attempt already waiting or
 * being sent. The attempts, the messages' return to pending and the audit
 * entry commit together.
 */
export async function recoverMessages(caller: Caller, input: RecoverWebhooksInput, meta: RequestMeta) {
  const { tenantId } = caller;
  await assertTenantNotSuspended(tenantId);
  const endpoint = await prisma.webhookEndpoint.findUnique({ where: { tenantId }, select: { url: true, enabled: true } });
  if (!endpoint?.url) throw webhookNotConfigured();
  if (!endpoint.enabled) throw apiError("webhook_endpoint_disabled");
  const since = new Date(input.since);
  const until = input.until ? new Date(input.until) : new Date();
  // The schema compares since with a given until; the default until (now) is only known here.
  if (since.getTime() >= until.getTime()) {
    throw apiError("validation_error", "since must be before until (now, when until is not given).", [
      { path: ["since"], code: "custom", message: "since must be before until (now, when until is not given)." },
    ]);
  }

  let queued = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      queued = await prisma.$transaction((tx) => queueRecovery(tx, caller, { since, until }, meta));
      break;
    } catch (error) {
      // The other request's attempts are waiting now, so the next try leaves those messages out.
      if (attempt < TRIES && isUniqueViolation(error, "attemptNumber")) continue;
      throw error;
    }
  }
  if (queued > 0) wakeWebhookWorker();
  return { queued, since: since.toISOString(), until: until.toISOString() };
}

async function queueRecovery(tx: TransactionClient, caller: Caller, window: { since: Date; until: Date }, meta: RequestMeta): Promise<number> {
  const { tenantId } = caller;
  const now = new Date();
  const messages = await tx.webhookMessage.findMany({
    where: {
      tenantId,
      createdAt: { gte: window.since, lt: window.until },
      status: { in: [WEBHOOK_MESSAGE_STATUS.failed, WEBHOOK_MESSAGE_STATUS.failing] },
      AND: [
        { attempts: { some: { trigger: { not: WEBHOOK_ATTEMPT_TRIGGER.test } } } },
        { attempts: { none: { state: { in: [WEBHOOK_ATTEMPT_STATE.pending, WEBHOOK_ATTEMPT_STATE.inFlight] } } } },
      ],
    },
    select: { id: true },
  });
  for (let start = 0; start < messages.length; start += CHUNK) {
    const ids = messages.slice(start, start + CHUNK).map((message) => message.id);
    const latest = await tx.webhookAttempt.groupBy({ by: ["messageId"], where: { messageId: { in: ids } }, _max: { attemptNumber: true } });
    await tx.webhookAttempt.createMany({
      data: latest.map((row) => ({
        messageId: row.messageId,
        tenantId,
        attemptNumber: (row._max.attemptNumber ?? 0) + 1,
        trigger: WEBHOOK_ATTEMPT_TRIGGER.recovery,
        dueAt: now,
      })),
    });
    await tx.webhookMessage.updateMany({ where: { id: { in: ids } }, data: { status: WEBHOOK_MESSAGE_STATUS.pending, nextAttemptAt: now } });
  }
  if (messages.length > 0) await notifyAttemptsDue(tx);
  await recordAudit(tx, {
    tenantId,
    actor: userActor(caller),
    action: "webhooks.messages_recovered",
    target: { type: "webhook_endpoint", id: tenantId },
    meta,
    metadata: { since: window.since.toISOString(), until: window.until.toISOString(), queued: messages.length },
  });
  return messages.length;
}
