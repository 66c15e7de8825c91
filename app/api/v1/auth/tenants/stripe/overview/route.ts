// GET /api/v1/auth/tenants/stripe/overview/ — admin+: the connected account's balance and payouts (cached 60 s, stale when Stripe fails) and the latest payments
import { apiRoute } from "@/lib/http/route";
import { getStripeOverview } from "@/lib/stripe/account-overview";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "admin" }, async ({ caller }) => {
  return Response.json(await getStripeOverview(caller.tenantId));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
