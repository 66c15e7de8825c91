import { prisma } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { env } from "@/lib/env";
import type { RequestMeta } from "@/lib/http/request-meta";
import { STRIPE_CONNECTION_STATUS, WEBHOOK_ATTEMPT_STATE } from "@/lib/statuses";
import { decideChecklist, firstApiCall, type Checklist } from "./checklist";

/** How many of the latest test-console sends are looked at: one delivered is enough. */
const RECENT_TEST_SENDS = 20;

export type GettingStartedView = Checklist & {
  /** The first platform API call, with this portal's base URL filled in. */
  first_call: string;
  dismissed_at: string | null;
};

/** GET /tenants/getting-started/ and the dashboard: the checklist, decided from the tenant's data. */
export async function getGettingStarted(caller: Pick<Caller, "tenantId">): Promise<GettingStartedView> {
  const tenantId = caller.tenantId;
  const now = new Date();
  const [tenant, connection, keys, endpoint, testSends, memberCount, invitationCount] = await Promise.all([
    prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { gettingStartedDismissedAt: true } }),
    prisma.stripeConnection.findUnique({ where: { tenantId }, select: { status: true } }),
    prisma.apiKey.findMany({
      where: { tenantId, mode: "test", kind: "secret" },
      select: { storedAt: true, lastUsedAt: true, revokedAt: true, expiresAt: true },
    }),
    prisma.webhookEndpoint.findUnique({ where: { tenantId }, select: { url: true } }),
    // The test console's sends are audited with the message they made; the ping on save is not one.
    prisma.auditLog.findMany({
      where: { tenantId, action: "webhooks.test_sent" },
      select: { targetId: true },
      orderBy: { createdAt: "desc" },
      take: RECENT_TEST_SENDS,
    }),
    prisma.membership.count({ where: { tenantId } }),
    prisma.invitation.count({ where: { tenantId } }),
  ]);
  const messageIds = testSends.flatMap((entry) => (entry.targetId ? [entry.targetId] : []));
  const delivered =
    messageIds.length > 0 &&
    (await prisma.webhookAttempt.count({ where: { tenantId, messageId: { in: messageIds }, state: WEBHOOK_ATTEMPT_STATE.succeeded } })) > 0;
  const checklist = decideChecklist({
    stripeConnected: connection?.status === STRIPE_CONNECTION_STATUS.connected,
    testSecretKeys: keys.map((key) => ({
      stored: key.storedAt !== null,
      used: key.lastUsedAt !== null,
      working: key.revokedAt === null && (key.expiresAt === null || key.expiresAt > now),
    })),
    webhookUrl: endpoint?.url ?? null,
    testEventDelivered: delivered,
    memberCount,
    invitationCount,
    dismissed: tenant.gettingStartedDismissedAt !== null,
  });
  return { ...checklist, first_call: firstApiCall(env().appUrl), dismissed_at: tenant.gettingStartedDismissedAt?.toISOString() ?? null };
}

/**
 * POST /tenants/getting-started/dismiss/: hides the checklist for everyone in
 * the tenant, audited; dismissing it again changes nothing and writes nothing.
 */
export async function dismissGettingStarted(caller: Caller, meta: RequestMeta): Promise<GettingStartedView> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.tenant.updateMany({
      where: { id: caller.tenantId, gettingStartedDismissedAt: null },
      data: { gettingStartedDismissedAt: new Date(), gettingStartedDismissedById: caller.userId },
    });
    if (count === 0) return;
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "settings.getting_started_dismissed",
      target: { type: "tenant", id: caller.tenantId },
      meta,
    });
  });
  return getGettingStarted(caller);
}
