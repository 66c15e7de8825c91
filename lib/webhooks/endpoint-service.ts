import { prisma } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import { redactUrl, restoreRedactedUrl } from "@/lib/audit/redact";
import type { Caller } from "@/lib/auth/caller";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";
import { apiError } from "@/lib/http/errors";
import { consumeRateLimit } from "@/lib/http/rate-limit";
import type { RequestMeta } from "@/lib/http/request-meta";
import { assertTenantNotSuspended, isTenantSuspended } from "@/lib/platform/tenant-suspension";
import type { ConfigureWebhookInput } from "@/lib/schemas/webhooks";
import { cancelPendingDeliveries } from "./attempt-runner";
import { activePreviousSecret, NO_PREVIOUS_SECRET, signingSecretsOf } from "./endpoint-secrets";
import { subscribedEventTypes, toEventTypeList } from "./event-filter";
import { sendVerificationPing, type WebhookVerification } from "./inline-send";
import { checkWebhookUrl } from "./safe-http-client";
import { maskWebhookSecret, newWebhookSecret } from "./signing";
import { WEBHOOK_ATTEMPT_STATE, WEBHOOK_MESSAGE_STATUS } from "@/lib/statuses";

export const webhookNotConfigured = () => apiError("webhook_not_configured", "No webhook endpoint is configured. Set its URL first.");

/** What an audit entry keeps of a verification ping. */
const verificationSummary = (verification: WebhookVerification | null) =>
  verification && { delivered: verification.delivered, status_code: verification.status_code, error_code: verification.error_code, message_id: verification.message_id };

/** The endpoint's configuration and health, as GET /webhooks/config/ answers it. */
export async function getWebhookConfig(tenantId: string) {
  const now = new Date();
  const endpoint = await prisma.webhookEndpoint.findUnique({ where: { tenantId } });
  const previous = endpoint ? activePreviousSecret(endpoint, now) : null;
  const [lastAttempt, failingMessages] = await Promise.all([
    prisma.webhookAttempt.findFirst({
      where: { tenantId, state: { in: [WEBHOOK_ATTEMPT_STATE.succeeded, WEBHOOK_ATTEMPT_STATE.failed] } },
      orderBy: { finishedAt: "desc" },
      select: { finishedAt: true, statusCode: true, state: true, error: true },
    }),
    prisma.webhookMessage.count({ where: { tenantId, status: WEBHOOK_MESSAGE_STATUS.failing } }),
  ]);
  return {
    // Credentials in the URL (?token=…) stay in the database, where delivery needs them, and out of every answer.
    url: endpoint?.url ? redactUrl(endpoint.url) : null,
    secret_masked: endpoint ? maskWebhookSecret(endpoint.secretLast4) : null,
    enabled: Boolean(endpoint?.url && endpoint.enabled),
    disabled_reason: endpoint?.enabled === false ? endpoint.disabledReason : null,
    disabled_at: endpoint?.enabled === false ? (endpoint.disabledAt?.toISOString() ?? null) : null,
    created_at: endpoint?.createdAt.toISOString() ?? null,
    updated_at: endpoint?.updatedAt.toISOString() ?? null,
    health: {
      last_delivery_at: lastAttempt?.finishedAt?.toISOString() ?? null,
      last_status_code: lastAttempt?.statusCode ?? null,
      last_outcome: lastAttempt ? (lastAttempt.state === WEBHOOK_ATTEMPT_STATE.succeeded ? WEBHOOK_MESSAGE_STATUS.delivered : WEBHOOK_MESSAGE_STATUS.failed) : null,
      last_error: lastAttempt?.state === WEBHOOK_ATTEMPT_STATE.failed ? lastAttempt.error : null,
      failing_messages: failingMessages,
      failing_since: endpoint?.failingSince?.toISOString() ?? null,
    },
    event_types: toEventTypeList(endpoint?.eventTypes ?? null),
    previous_secret: previous ? { secret_masked: maskWebhookSecret(previous.last4), expires_at: previous.expiresAt.toISOString() } : null,
    last_verification: (endpoint?.lastVerification ?? null) as WebhookVerification | null,
  };
}
export type WebhookConfigView = Awaited<ReturnType<typeof getWebhookConfig>>;

/**
 * Sets (or changes) the URL and the event subscription; the first
 * configuration, or regenerate_secret, makes a new secret, returned in full
 * here only (a regenerated secret also ends any rotation's grace period).
 * Setting the URL again re-enables a disabled endpoint. Unless verify is
 * false, a verification ping goes to the saved URL and its result is answered,
 * kept as lastVerification and recorded in the audit entry.
 */
export async function configureWebhook(caller: Caller, input: ConfigureWebhookInput, meta: RequestMeta) {
  const { tenantId } = caller;
  // The page shows the URL redacted; saving it back keeps the real credentials.
  const stored = await prisma.webhookEndpoint.findUnique({ where: { tenantId } });
  const submitted = restoreRedactedUrl(input.url, stored?.url ?? null);
  const violation = await checkWebhookUrl(submitted, { allowPrivate: env().webhookAllowPrivateTargets });
  if (violation) throw apiError(violation.code, violation.message);
  const url = new URL(submitted).toString();
  // Absent: the subscription stays as it is, so a client that only knows about the URL
  // (or the page's "Regenerate secret") does not quietly widen it to every event.
  const eventTypes = input.event_types === undefined ? null : subscribedEventTypes(input.event_types);

  const secret = !stored || input.regenerate_secret ? newWebhookSecret() : null;
  // The ping goes out before the change commits, signed with exactly what deliveries will
  // carry once it has: the audit entry of the change must record the ping's result and be
  // written in the change's own transaction, and a transaction cannot stay open for a
  // request that may take 10 s (on SQLite it would hold the database's one write lock).
  // A suspended tenant sends nothing, so it saves without a ping.
  const pings = input.verify !== false && !(await isTenantSuspended(tenantId));
  // A ping is a test send: it spends the tenant's test-send budget (shared with /test/ and
  // /verify/), checked before anything is saved, so a refused save changes nothing.
  if (pings) await consumeRateLimit("webhook_test", tenantId);
  const verification = pings ? await sendVerificationPing(tenantId, { url, secrets: secret ? [secret] : signingSecretsOf(stored!, new Date()) }) : null;

  const createdSecret = await prisma.$transaction(async (tx) => {
    const existing = await tx.webhookEndpoint.findUnique({ where: { tenantId } });
    // Endpoint rows are never deleted, so one read a moment ago is still there; the fallback only keeps the types honest.
    const newSecret = secret ?? (existing ? null : newWebhookSecret());
    const fields = {
      url,
      ...(newSecret ? { secretEncrypted: encryptSecret(newSecret), secretLast4: newSecret.slice(-4), ...NO_PREVIOUS_SECRET } : {}),
      ...(eventTypes ? { eventTypes } : {}),
      ...(verification ? { lastVerification: verification } : {}),
    };
    if (existing) {
      // A new URL, or a disabled endpoint saved again, starts afresh; a save that only changes
      // the subscription (or the secret) keeps the failing streak that decides auto-disabling.
      const freshStart = existing.url !== url || !existing.enabled;
      await tx.webhookEndpoint.update({
        where: { tenantId },
        data: { ...fields, ...(freshStart ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null } : {}) },
      });
    } else {
      await tx.webhookEndpoint.create({ data: { tenantId, ...fields, secretEncrypted: fields.secretEncrypted!, secretLast4: fields.secretLast4! } });
    }
    const previousEventTypes = toEventTypeList(existing?.eventTypes ?? null);
    await recordAudit(tx, {
      tenantId,
      actor: userActor(caller),
      action: "webhooks.endpoint_configured",
      severity: newSecret && existing ? "warning" : "info",
      target: { type: "webhook_endpoint", id: tenantId },
      meta,
      metadata: {
        url: redactUrl(url),
        previous_url: existing?.url ? redactUrl(existing.url) : null,
        secret_created: Boolean(newSecret),
        previous_secret_deleted: Boolean(newSecret && existing && activePreviousSecret(existing, new Date())),
        re_enabled: existing ? !existing.enabled : false,
        event_types: eventTypes ?? previousEventTypes,
        previous_event_types: previousEventTypes,
        verification: verificationSummary(verification),
      },
    });
    return newSecret;
  });
  return {
    ...(await getWebhookConfig(tenantId)),
    ...(createdSecret ? { secret: createdSecret } : {}),
    ...(verification ? { verification } : {}),
  };
}

/**
 * "Send again": the verification ping to the stored URL now, even when the
 * endpoint is disabled (that is how a fix is checked). Its result is kept as
 * lastVerification and audited together.
 */
export async function verifyWebhookEndpoint(caller: Caller, meta: RequestMeta) {
  const { tenantId } = caller;
  await assertTenantNotSuspended(tenantId);
  const endpoint = await prisma.webhookEndpoint.findUnique({ where: { tenantId }, select: { url: true } });
  if (!endpoint?.url) throw webhookNotConfigured();
  const verification = await sendVerificationPing(tenantId);
  if (!verification) throw webhookNotConfigured();
  await prisma.$transaction(async (tx) => {
    await tx.webhookEndpoint.update({ where: { tenantId }, data: { lastVerification: verification } });
    await recordAudit(tx, {
      tenantId,
      actor: userActor(caller),
      action: "webhooks.endpoint_verified",
      target: { type: "webhook_endpoint", id: tenantId },
      meta,
      metadata: verificationSummary(verification)!,
    });
  });
  return { verification };
}

/** Removes the URL and stops deliveries; the secret is kept for reconfiguration. */
export async function removeWebhookUrl(caller: Caller, meta: RequestMeta) {
  const endpoint = await prisma.webhookEndpoint.findUnique({ where: { tenantId: caller.tenantId } });
  if (!endpoint?.url) throw webhookNotConfigured();
  const removedUrl = redactUrl(endpoint.url);
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    await tx.webhookEndpoint.update({ where: { tenantId: caller.tenantId }, data: { url: null, failingSince: null } });
    const cancelled = await cancelPendingDeliveries(tx, caller.tenantId, "Endpoint removed", now);
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "webhooks.endpoint_removed",
      target: { type: "webhook_endpoint", id: caller.tenantId },
      meta,
      metadata: { url: removedUrl, cancelled_attempts: cancelled },
    });
  });
  return getWebhookConfig(caller.tenantId);
}

/** The full secret, for a receiver that lost it. Audited. */
export async function revealWebhookSecret(caller: Caller, meta: RequestMeta) {
  const endpoint = await prisma.webhookEndpoint.findUnique({ where: { tenantId: caller.tenantId } });
  if (!endpoint) throw webhookNotConfigured();
  await recordAudit(prisma, {
    tenantId: caller.tenantId,
    actor: userActor(caller),
    action: "webhooks.secret_revealed",
    target: { type: "webhook_endpoint", id: caller.tenantId },
    meta,
  });
  return { secret: decryptSecret(endpoint.secretEncrypted) };
}
