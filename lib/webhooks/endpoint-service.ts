import { prisma } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import { redactUrl, restoreRedactedUrl } from "@/lib/audit/redact";
import type { Caller } from "@/lib/auth/caller";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { ConfigureWebhookInput } from "@/lib/schemas/webhooks";
import { cancelPendingDeliveries } from "./attempt-runner";
import { checkWebhookUrl } from "./safe-http-client";
import { maskWebhookSecret, newWebhookSecret } from "./signing";
import { WEBHOOK_ATTEMPT_STATE, WEBHOOK_MESSAGE_STATUS } from "@/lib/statuses";

export const webhookNotConfigured = () => apiError("webhook_not_configured", "No webhook endpoint is configured. Set its URL first.");

/** The endpoint's configuration and health, as GET /webhooks/config/ answers it. */
export async function getWebhookConfig(tenantId: string) {
  const endpoint = await prisma.webhookEndpoint.findUnique({ where: { tenantId } });
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
  };
}
export type WebhookConfigView = Awaited<ReturnType<typeof getWebhookConfig>>;

/**
 * Sets (or changes) the URL; the first configuration, or regenerate_secret,
 * makes a new secret, returned in full here only. Setting the URL again
 * re-enables a disabled endpoint.
 */
export async function configureWebhook(caller: Caller, input: ConfigureWebhookInput, meta: RequestMeta) {
  // The page shows the URL redacted; saving it back keeps the real credentials.
  const stored = await prisma.webhookEndpoint.findUnique({ where: { tenantId: caller.tenantId }, select: { url: true } });
  const submitted = restoreRedactedUrl(input.url, stored?.url ?? null);
  const violation = await checkWebhookUrl(submitted, { allowPrivate: env().webhookAllowPrivateTargets });
  if (violation) throw apiError(violation.code, violation.message);
  const url = new URL(submitted).toString();

  const newSecret = await prisma.$transaction(async (tx) => {
    const existing = await tx.webhookEndpoint.findUnique({ where: { tenantId: caller.tenantId } });
    const secret = !existing || input.regenerate_secret ? newWebhookSecret() : null;
    const secretFields = secret ? { secretEncrypted: encryptSecret(secret), secretLast4: secret.slice(-4) } : {};
    const reenabled = existing ? !existing.enabled : false;
    if (existing) {
      await tx.webhookEndpoint.update({
        where: { tenantId: caller.tenantId },
        data: { url, ...secretFields, enabled: true, disabledReason: null, disabledAt: null, failingSince: null },
      });
    } else {
      await tx.webhookEndpoint.create({
        data: { tenantId: caller.tenantId, url, secretEncrypted: encryptSecret(secret!), secretLast4: secret!.slice(-4) },
      });
    }
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "webhooks.endpoint_configured",
      severity: secret && existing ? "warning" : "info",
      target: { type: "webhook_endpoint", id: caller.tenantId },
      meta,
      metadata: {
        url: redactUrl(url),
        previous_url: existing?.url ? redactUrl(existing.url) : null,
        secret_created: Boolean(secret),
        re_enabled: reenabled,
      },
    });
    return secret;
  });
  return { ...(await getWebhookConfig(caller.tenantId)), ...(newSecret ? { secret: newSecret } : {}) };
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
