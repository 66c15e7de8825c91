// Rotating the signing secret without downtime: the new secret signs at once,
// the old one keeps signing beside it until its grace period ends, and is then
// deleted from the database (not merely unused), with an audit entry saying so.

import { prisma } from "@/lib/db";
import { recordAudit, userActor, type AuditActor } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { HOUR_MS } from "@/lib/api-traffic/usage-buckets";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { RotateWebhookSecretInput } from "@/lib/schemas/webhooks";
import { activePreviousSecret, NO_PREVIOUS_SECRET } from "./endpoint-secrets";
import { getWebhookConfig, webhookNotConfigured } from "./endpoint-service";
import { newWebhookSecret } from "./signing";

/** Endpoints whose previous secret one sweep deletes at most; the next sweep takes the rest. */
const SWEEP_BATCH = 100;
const SWEEP_ACTOR: AuditActor = { type: "system", label: "webhook secret rotation" };

/**
 * A new secret, answered here only. With a grace period the current secret
 * becomes the previous one until then; rotating during a grace period deletes
 * the older previous secret at once, so at most two secrets ever sign.
 */
export async function rotateWebhookSecret(caller: Caller, input: RotateWebhookSecretInput, meta: RequestMeta) {
  const { tenantId } = caller;
  const secret = newWebhookSecret();
  await prisma.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { tenantId } });
    if (!endpoint) throw webhookNotConfigured();
    const now = new Date();
    const expiresAt = input.grace_hours > 0 ? new Date(now.getTime() + input.grace_hours * HOUR_MS) : null;
    // Conditional on the secret read above: of two rotations at once, the later one fails here
    // instead of keeping, as "previous", a secret the first one already replaced (and losing the
    // first one's new secret, which its caller was shown).
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { tenantId, secretEncrypted: endpoint.secretEncrypted },
      data: {
        secretEncrypted: encryptSecret(secret),
        secretLast4: secret.slice(-4),
        // The old secret moves as it is stored (encrypted): it is never decrypted to be kept.
        ...(expiresAt
          ? { previousSecretEncrypted: endpoint.secretEncrypted, previousSecretLast4: endpoint.secretLast4, previousSecretExpiresAt: expiresAt }
          : NO_PREVIOUS_SECRET),
      },
    });
    if (count === 0) throw apiError("secret_rotation_conflict", "Another rotation of this secret finished a moment ago. Reload to see the current secret, then rotate again if you still need to.");
    await recordAudit(tx, {
      tenantId,
      actor: userActor(caller),
      action: "webhooks.secret_rotated",
      target: { type: "webhook_endpoint", id: tenantId },
      meta,
      metadata: {
        grace_hours: input.grace_hours,
        previous_expires_at: expiresAt?.toISOString() ?? null,
        // A rotation during a grace period: the secret before the previous one is gone from now on.
        older_secret_deleted: activePreviousSecret(endpoint, now) !== null,
      },
    });
  });
  return { ...(await getWebhookConfig(tenantId)), secret };
}

/** "Expire now": deletes the previous secret before its grace period ends. */
export async function expirePreviousSecretNow(caller: Caller, meta: RequestMeta) {
  const { tenantId } = caller;
  await prisma.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { tenantId } });
    if (!endpoint) throw webhookNotConfigured();
    const now = new Date();
    const previous = activePreviousSecret(endpoint, now);
    const notFound = () => apiError("not_found", "No previous secret is waiting to expire.");
    if (!previous) throw notFound();
    // Conditional: of two requests at once, one deletes and audits, the other answers 404.
    const { count } = await tx.webhookEndpoint.updateMany({ where: { tenantId, previousSecretExpiresAt: previous.expiresAt }, data: NO_PREVIOUS_SECRET });
    if (count === 0) throw notFound();
    await recordAudit(tx, {
      tenantId,
      actor: userActor(caller),
      action: "webhooks.previous_secret_expired",
      target: { type: "webhook_endpoint", id: tenantId },
      meta,
      metadata: { expires_at: previous.expiresAt.toISOString(), expired_early: true },
    });
  });
  return getWebhookConfig(tenantId);
}

/**
 * Deletes the previous secrets whose grace period has ended, each with its
 * audit entry in the same transaction; returns how many. The webhook worker
 * runs it about once a minute. Signing and the config view already ignore an
 * expired previous secret, so this is about not keeping it, not about when
 * it stops signing. Several workers may sweep at once: the conditional
 * update lets exactly one of them delete (and audit) each secret.
 */
export async function expirePreviousSecrets(now = new Date()): Promise<number> {
  const due = await prisma.webhookEndpoint.findMany({
    where: { previousSecretExpiresAt: { lte: now } },
    select: { tenantId: true, previousSecretExpiresAt: true },
    take: SWEEP_BATCH,
  });
  if (due.length === 0) return 0;
  return prisma.$transaction(async (tx) => {
    let expired = 0;
    for (const endpoint of due) {
      const { count } = await tx.webhookEndpoint.updateMany({ where: { tenantId: endpoint.tenantId, previousSecretExpiresAt: { lte: now } }, data: NO_PREVIOUS_SECRET });
      if (count === 0) continue;
      expired += 1;
      await recordAudit(tx, {
        tenantId: endpoint.tenantId,
        actor: SWEEP_ACTOR,
        action: "webhooks.previous_secret_expired",
        target: { type: "webhook_endpoint", id: endpoint.tenantId },
        metadata: { expires_at: endpoint.previousSecretExpiresAt!.toISOString(), expired_early: false },
      });
    }
    return expired;
  });
}
