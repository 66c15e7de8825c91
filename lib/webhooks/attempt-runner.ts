import { randomUUID } from "node:crypto";
import { prisma, type Prisma, type TransactionClient } from "@/lib/db";
import { recordAudit } from "@/lib/audit/audit-log";
import { env } from "@/lib/env";
import { sendWebhookRequest, type OutboundResult } from "./safe-http-client";
import { attemptsInCurrentSchedule, decideAfterAttempt, decideBeforeSend, type AttemptDecision, type AttemptTrigger, type FailedAttemptFacts } from "./attempt-lifecycle";
import { signingSecretsOf } from "./endpoint-secrets";
import { signDeliveryWithSecrets } from "./signing";
import { TENANT_STATUS, WEBHOOK_ATTEMPT_STATE, WEBHOOK_ATTEMPT_TRIGGER, WEBHOOK_MESSAGE_STATUS } from "@/lib/statuses";
import { errorMessage, log } from "@/lib/log";
import { observeWebhookDelivery, type DeliveryOutcome } from "@/lib/metrics/registry";
import { createDeliveredRecorder, type DeliveredRecorder } from "./delivered-attempts";

/**
 * How long a claimed attempt belongs to its worker (WEBHOOK_LEASE_SECONDS, 30 s
 * at least): well past the 10 s request timeout. A worker that dies mid-batch
 * gives its attempts up this long after it claimed them.
 */
export const leaseMs = (): number => env().webhookLeaseMs;
/** A lease with less than this left is renewed before sending: half the lease, so 15 s at least (the 10 s timeout plus room to record the result). */
const leaseSafetyMs = (): number => leaseMs() / 2;
export const RESPONSE_BODY_KEPT = 2 * 1024;
const USER_AGENT = "TenantAdminPortal-Webhooks/1.0";

// A suspended tenant's attempts are not claimed: they wait, due, and go out
// on the first claim after the platform reactivates the tenant.
const claimableWhere = (now: Date) =>
  ({
    OR: [{ state: WEBHOOK_ATTEMPT_STATE.pending, dueAt: { lte: now } }, { state: WEBHOOK_ATTEMPT_STATE.inFlight, leaseUntil: { lt: now } }],
    message: { tenant: { status: { not: TENANT_STATUS.suspended } } },
  }) satisfies Prisma.WebhookAttemptWhereInput;

type ClaimedAttempt = Prisma.WebhookAttemptGetPayload<{ include: { message: true } }>;
export type ClaimedBatch = { leaseOwner: string; attempts: ClaimedAttempt[] };

/**
 * Claims up to `limit` due attempts in one conditional update, under a lease
 * token of this batch's own. When several workers race for an attempt exactly
 * one update wins it; an attempt whose worker died is claimable again once
 * its lease runs out (delivery is at least once).
 */
export async function claimDueAttempts(workerId: string, limit: number, now = new Date()): Promise<ClaimedBatch> {
  const leaseOwner = `${workerId}:${randomUUID()}`;
  const candidates = await prisma.webhookAttempt.findMany({
    where: claimableWhere(now),
    orderBy: { dueAt: "asc" },
    take: limit,
    select: { id: true },
  });
  if (candidates.length === 0) return { leaseOwner, attempts: [] };
  await prisma.webhookAttempt.updateMany({
    where: { id: { in: candidates.map((candidate) => candidate.id) }, ...claimableWhere(now) },
    data: { state: WEBHOOK_ATTEMPT_STATE.inFlight, leaseOwner, leaseUntil: new Date(now.getTime() + leaseMs()) },
  });
  const attempts = await prisma.webhookAttempt.findMany({ where: { leaseOwner, state: WEBHOOK_ATTEMPT_STATE.inFlight }, include: { message: true } });
  return { leaseOwner, attempts };
}

/**
 * `secrets`: what the delivery is signed with (two during a rotation's grace period).
 * `failing` mirrors failingSince for this batch, so a success only writes when there is something to clear.
 * `unsaved`: a configuration about to be saved (the verification ping on save), not the stored endpoint.
 */
type EndpointForDelivery = { id: string | null; url: string | null; enabled: boolean; secrets: string[]; failing: boolean; unsaved?: true };
/** Endpoints (with their decrypted secrets) looked up once per batch, not once per attempt. */
export type EndpointCache = Map<string, Promise<EndpointForDelivery | null>>;

function endpointFor(tenantId: string, cache: EndpointCache): Promise<EndpointForDelivery | null> {
  let found = cache.get(tenantId);
  if (!found) {
    found = prisma.webhookEndpoint
      .findUnique({ where: { tenantId } })
      .then((row) => (row ? { id: row.id, url: row.url, enabled: row.enabled, secrets: signingSecretsOf(row, new Date()), failing: row.failingSince !== null } : null));
    cache.set(tenantId, found);
  }
  return found;
}

export type DeliveryResult = { attemptId: string; messageId: string; result: OutboundResult | null };

/**
 * Sends one claimed attempt and records what happened. Never throws for the receiver's failures.
 * `delivered`: a worker's batch recorder, which records a plain success with others; without it
 * (an inline send, whose caller reads the result) the success is written before this returns.
 */
export async function deliverAttempt(attempt: ClaimedAttempt, leaseOwner: string, cache: EndpointCache = new Map(), delivered?: DeliveredRecorder): Promise<DeliveryResult> {
  const endpoint = await endpointFor(attempt.tenantId, cache);
  const before = decideBeforeSend(endpoint, attempt.trigger as AttemptTrigger);
  if (before.kind === "cancel") {
    await prisma.$transaction(async (tx) => {
      await tx.webhookAttempt.updateMany({ where: { id: attempt.id, leaseOwner }, data: { state: WEBHOOK_ATTEMPT_STATE.cancelled, error: before.reason, finishedAt: new Date() } });
      await failMessage(tx, attempt.messageId);
    });
    observeAttempt(attempt, endpoint?.id ?? null, "cancelled", null);
    return { attemptId: attempt.id, messageId: attempt.messageId, result: null };
  }
  const { url, endpoint: sendingTo } = before;

  // A batch can outlast its lease, and an attempt whose lease went to another
  // worker must not be sent twice. While the lease has room for a whole send
  // (timeout plus margin) nobody else can have it, so nothing needs checking;
  // past that, renew it, and give up the attempt if it is no longer ours.
  if (!attempt.leaseUntil || attempt.leaseUntil.getTime() - Date.now() < leaseSafetyMs()) {
    const { count: stillOurs } = await prisma.webhookAttempt.updateMany({
      where: { id: attempt.id, leaseOwner, state: WEBHOOK_ATTEMPT_STATE.inFlight },
      data: { leaseUntil: new Date(Date.now() + leaseMs()) },
    });
    if (stillOurs === 0) return { attemptId: attempt.id, messageId: attempt.messageId, result: null };
  }

  const sentAt = new Date();
  const signed = signDeliveryWithSecrets(sendingTo.secrets, attempt.messageId, sentAt, attempt.message.body);
  const result = await sendWebhookRequest({
    url,
    headers: { ...signed, "content-type": "application/json", "user-agent": USER_AGENT },
    body: attempt.message.body,
    allowPrivate: env().webhookAllowPrivateTargets,
  });
  observeAttempt(attempt, sendingTo.id, outcomeOf(result), result);
  await recordResult({ attempt, leaseOwner, url, sentAt, headers: signed, result, endpoint: sendingTo, delivered });
  return { attemptId: attempt.id, messageId: attempt.messageId, result };
}

/**
 * Sends a claimed attempt to a configuration that is not saved yet: the URL
 * and the secret(s) a save is about to store. What happens is recorded on the
 * attempt and its message, while the stored endpoint is left alone (its
 * failing streak, disabling): the answer belongs to the person saving.
 */
export function deliverToUnsavedEndpoint(attempt: ClaimedAttempt, leaseOwner: string, endpoint: { url: string; secrets: string[] }): Promise<DeliveryResult> {
  const cache: EndpointCache = new Map([[attempt.tenantId, Promise.resolve({ ...endpoint, id: null, enabled: true, failing: false, unsaved: true as const })]]);
  return deliverAttempt(attempt, leaseOwner, cache);
}

function outcomeOf(result: OutboundResult): DeliveryOutcome {
  switch (result.kind) {
    case "response":
      return result.statusCode >= 200 && result.statusCode < 300 ? "succeeded" : "http_error";
    case "forbidden":
      return "refused";
    default:
      return result.kind;
  }
}

/** The metrics and the log line of one attempt, once the receiver answered (or did not). */
function observeAttempt(attempt: ClaimedAttempt, endpointId: string | null, outcome: DeliveryOutcome, result: OutboundResult | null) {
  observeWebhookDelivery(outcome, result ? result.durationMs / 1000 : null);
  log.info(
    {
      endpoint_id: endpointId,
      tenant_id: attempt.tenantId,
      event_id: attempt.messageId,
      attempt_id: attempt.id,
      attempt_number: attempt.attemptNumber,
      outcome,
      status_code: result?.kind === "response" ? result.statusCode : null,
      latency_ms: result ? Math.round(result.durationMs) : null,
    },
    "webhook delivery attempt",
  );
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

/** Cancels a tenant's scheduled attempts and fails their messages; returns how many attempts it cancelled. */
export async function cancelPendingDeliveries(tx: TransactionClient, tenantId: string, why: string, now: Date): Promise<number> {
  const pending = await tx.webhookAttempt.findMany({ where: { tenantId, state: WEBHOOK_ATTEMPT_STATE.pending }, select: { messageId: true } });
  await tx.webhookAttempt.updateMany({ where: { tenantId, state: WEBHOOK_ATTEMPT_STATE.pending }, data: { state: WEBHOOK_ATTEMPT_STATE.cancelled, error: why, finishedAt: now } });
  await failMessage(tx, { in: pending.map((row) => row.messageId) });
  return pending.length;
}

/** A message nothing more will be sent for; one already delivered stays delivered. */
async function failMessage(tx: TransactionClient, id: string | { in: string[] }) {
  await tx.webhookMessage.updateMany({ where: { id, status: { not: WEBHOOK_MESSAGE_STATUS.delivered } }, data: { status: WEBHOOK_MESSAGE_STATUS.failed, nextAttemptAt: null } });
}

async function disableEndpoint(tx: TransactionClient, tenantId: string, reason: string, now: Date) {
  await tx.webhookEndpoint.update({ where: { tenantId }, data: { enabled: false, disabledReason: reason, disabledAt: now } });
  // Nothing more goes out until someone sets the URL again.
  await cancelPendingDeliveries(tx, tenantId, "Endpoint disabled", now);
  await recordAudit(tx, {
    tenantId,
    actor: { type: "system", label: "webhook delivery" },
    action: "webhooks.endpoint_disabled",
    target: { type: "webhook_endpoint", id: tenantId },
    reason,
  });
}

type RecordInput = {
  attempt: ClaimedAttempt;
  leaseOwner: string;
  url: string;
  sentAt: Date;
  headers: Record<string, string>;
  result: OutboundResult;
  endpoint: EndpointForDelivery;
  delivered?: DeliveredRecorder;
};

/** Records the attempt, then applies what attempt-lifecycle.ts decides follows it. */
async function recordResult(input: RecordInput) {
  const { result, attempt } = input;
  const now = new Date();
  const failure = describeFailure(result);
  const statusCode = result.kind === "response" ? result.statusCode : null;
  const attemptRecord = {
    state: failure ? WEBHOOK_ATTEMPT_STATE.failed : WEBHOOK_ATTEMPT_STATE.succeeded,
    url: input.url,
    startedAt: input.sentAt,
    statusCode,
    durationMs: Math.round(result.durationMs),
    responseBody: result.kind === "response" ? result.body.slice(0, RESPONSE_BODY_KEPT) : null,
    error: failure,
    finishedAt: now,
    requestHeaders: JSON.stringify(input.headers),
    leaseUntil: null,
  };
  const ownAttempt = { id: attempt.id, leaseOwner: input.leaseOwner, state: WEBHOOK_ATTEMPT_STATE.inFlight };
  const counted = { attemptCount: { increment: 1 }, lastAttemptAt: now, lastStatusCode: statusCode };

  if (!failure) {
    const decision = decideAfterAttempt({ outcome: WEBHOOK_ATTEMPT_STATE.succeeded, attemptNumber: attempt.attemptNumber, endpointFailing: input.endpoint.failing }, now);
    if (decision.kind !== "delivered") throw new Error(`A success cannot lead to ${decision.kind}.`);
    if (input.delivered && !decision.cancelWaitingAttempts && !decision.clearFailingSince) {
      input.delivered.add({
        attemptId: attempt.id,
        leaseOwner: input.leaseOwner,
        messageId: attempt.messageId,
        url: input.url,
        startedAt: input.sentAt,
        finishedAt: now,
        statusCode: statusCode!,
        durationMs: attemptRecord.durationMs,
        responseBody: attemptRecord.responseBody,
        requestHeaders: attemptRecord.requestHeaders,
      });
      return;
    }
    // A success sent inline, or one that also cancels the message's waiting
    // attempts or clears the endpoint's failing streak: a transaction of its
    // own. Conditional updates keep it right even if this worker's lease was
    // lost: a message is marked delivered once.
    await prisma.$transaction([
      prisma.webhookAttempt.updateMany({ where: ownAttempt, data: attemptRecord }),
      prisma.webhookMessage.updateMany({
        where: { id: attempt.messageId, status: { not: WEBHOOK_MESSAGE_STATUS.delivered } },
        data: { ...counted, status: WEBHOOK_MESSAGE_STATUS.delivered, deliveredAt: now, nextAttemptAt: null },
      }),
      ...(decision.cancelWaitingAttempts
        ? [
            prisma.webhookAttempt.updateMany({
              where: { messageId: attempt.messageId, state: WEBHOOK_ATTEMPT_STATE.pending },
              data: { state: WEBHOOK_ATTEMPT_STATE.cancelled, error: "Delivered by another attempt", finishedAt: now },
            }),
          ]
        : []),
      ...(decision.clearFailingSince ? [prisma.webhookEndpoint.updateMany({ where: { tenantId: attempt.tenantId }, data: { failingSince: null } })] : []),
    ]);
    input.endpoint.failing = false;
    return;
  }
  input.endpoint.failing = true;

  await prisma.$transaction(async (tx) => {
    const facts = await failedAttemptFacts(tx, input, attemptRecord, counted);
    await applyFailureDecision(tx, input.attempt, decideAfterAttempt(facts, now), now);
  });
}

/** Writes the failed attempt (if this worker still holds it) and reads what the decision needs. */
async function failedAttemptFacts(
  tx: TransactionClient,
  input: RecordInput,
  attemptRecord: Prisma.WebhookAttemptUpdateManyMutationInput,
  counted: Prisma.WebhookMessageUpdateInput,
): Promise<FailedAttemptFacts> {
  const { attempt, result } = input;
  const trigger = attempt.trigger as AttemptTrigger;
  const statusCode = result.kind === "response" ? result.statusCode : null;
  const retryAfterHeader = result.kind === "response" ? result.headers["retry-after"] : undefined;
  const { count } = await tx.webhookAttempt.updateMany({ where: { id: attempt.id, leaseOwner: input.leaseOwner, state: WEBHOOK_ATTEMPT_STATE.inFlight }, data: attemptRecord });
  const endpointUnsaved = input.endpoint.unsaved === true;
  if (count === 0) {
    return { outcome: WEBHOOK_ATTEMPT_STATE.failed, trigger, statusCode, retryAfterHeader, leaseLost: true, messageDelivered: false, endpointUnsaved, endpoint: null, scheduledAttempts: 0, pendingScheduledAt: null };
  }
  const message = await tx.webhookMessage.update({ where: { id: attempt.messageId }, data: counted });
  // One statement at a time: an interactive transaction holds one connection.
  const endpoint = await tx.webhookEndpoint.findUnique({ where: { tenantId: attempt.tenantId }, select: { url: true, enabled: true, failingSince: true } });
  const attempts = await tx.webhookAttempt.findMany({ where: { messageId: message.id }, select: { trigger: true, attemptNumber: true } });
  const pendingScheduled = await tx.webhookAttempt.findFirst({ where: { messageId: message.id, state: WEBHOOK_ATTEMPT_STATE.pending }, orderBy: { dueAt: "asc" }, select: { dueAt: true } });
  return {
    outcome: WEBHOOK_ATTEMPT_STATE.failed,
    trigger,
    statusCode,
    retryAfterHeader,
    leaseLost: false,
    messageDelivered: message.status === WEBHOOK_MESSAGE_STATUS.delivered,
    endpointUnsaved,
    endpoint,
    scheduledAttempts: attemptsInCurrentSchedule(attempts),
    pendingScheduledAt: pendingScheduled?.dueAt ?? null,
  };
}

async function applyFailureDecision(tx: TransactionClient, attempt: ClaimedAttempt, decision: AttemptDecision, now: Date) {
  const { tenantId, messageId } = attempt;
  if ("startFailingSince" in decision && decision.startFailingSince) {
    await tx.webhookEndpoint.update({ where: { tenantId }, data: { failingSince: now } });
  }
  switch (decision.kind) {
    case "nothing":
      return;
    case "give_up":
      return failMessage(tx, messageId);
    case "disable_endpoint":
      await failMessage(tx, messageId);
      return disableEndpoint(tx, tenantId, decision.reason, now);
    case "keep_scheduled":
      await tx.webhookMessage.update({ where: { id: messageId }, data: { status: WEBHOOK_MESSAGE_STATUS.failing, nextAttemptAt: decision.at } });
      return;
    case "retry": {
      const last = await tx.webhookAttempt.aggregate({ where: { messageId }, _max: { attemptNumber: true } });
      await tx.webhookAttempt.create({
        data: { messageId, tenantId, attemptNumber: (last._max.attemptNumber ?? 0) + 1, trigger: WEBHOOK_ATTEMPT_TRIGGER.scheduled, dueAt: decision.at },
      });
      await tx.webhookMessage.update({ where: { id: messageId }, data: { status: WEBHOOK_MESSAGE_STATUS.failing, nextAttemptAt: decision.at } });
      return;
    }
    case "delivered":
      throw new Error("A failed attempt cannot deliver its message.");
  }
}

/** Claims and delivers one batch, `concurrency` requests at a time. Returns how many attempts it handled. */
export async function deliverDueAttempts(workerId: string, options: { batchSize?: number; concurrency?: number } = {}): Promise<number> {
  const { leaseOwner, attempts } = await claimDueAttempts(workerId, options.batchSize ?? 50);
  const queue = [...attempts];
  const cache: EndpointCache = new Map();
  // Most deliveries succeed: recorded together, a few statements per batch rather than two per delivery (npm run bench:webhooks).
  const delivered = createDeliveredRecorder();
  const concurrency = Number.isInteger(options.concurrency) && options.concurrency! > 0 ? options.concurrency! : 10;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let attempt = queue.shift(); attempt; attempt = queue.shift()) {
        try {
          await deliverAttempt(attempt, leaseOwner, cache, delivered);
        } catch (error) {
          // The lease expires and another pass retries it; say why without leaking payloads.
          log.error({ attempt: attempt.id, error: errorMessage(error) }, "webhook attempt could not be processed");
        }
      }
    }),
  );
  await delivered.flush();
  return attempts.length;
}
