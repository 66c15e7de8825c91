import { prisma } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { STRIPE_CONNECTION_STATUS } from "@/lib/statuses";
import { requireStripe } from "./config";
import { STANDARD_DASHBOARD_URL } from "./standard-dashboard";
import { accessLostError, disconnectForLostAccess, isLostAccess, stripeFailure } from "./connect";

/**
 * POST /stripe/login-link/: a single-use link to the connected account's
 * Express dashboard. Only Account Links connections have one (the portal
 * created them as Express accounts); a Standard account's people sign in to
 * Stripe themselves.
 */
export async function createDashboardLoginLink(caller: Caller, meta: RequestMeta): Promise<{ url: string }> {
  const connection = await prisma.stripeConnection.findUnique({ where: { tenantId: caller.tenantId } });
  if (!connection || connection.status !== STRIPE_CONNECTION_STATUS.connected) throw apiError("not_connected");
  if (connection.mode === "oauth") throw apiError("login_link_unavailable", undefined, { dashboard_url: STANDARD_DASHBOARD_URL });
  const setup = requireStripe();
  let url: string;
  try {
    url = (await setup.stripe.accounts.createLoginLink(connection.accountId)).url;
  } catch (error) {
    if (!isLostAccess(error)) throw stripeFailure(error);
    await prisma.$transaction((tx) => disconnectForLostAccess(tx, caller.tenantId));
    throw accessLostError();
  }
  // Nothing changes in the portal: the entry records who was let into the account's dashboard, and when.
  await recordAudit(prisma, {
    tenantId: caller.tenantId,
    actor: userActor(caller),
    action: "stripe.dashboard_opened",
    target: { type: "stripe_account", id: connection.accountId },
    meta,
  });
  return { url };
}
