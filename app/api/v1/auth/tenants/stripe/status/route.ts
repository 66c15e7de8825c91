// GET /api/v1/auth/tenants/stripe/status/ — admin+: the connection, fetched live from Stripe and stored
import { apiRoute } from "@/lib/http/route";
import { refreshStripeStatus } from "@/lib/stripe/connect";

export const GET = apiRoute({ access: "admin", limit: "stripe_refresh" }, async ({ caller }) => {
  return Response.json(await refreshStripeStatus(caller.tenantId));
});
