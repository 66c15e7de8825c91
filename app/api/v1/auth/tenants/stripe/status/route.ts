// GET /api/v1/auth/tenants/stripe/status/ — admin+: the connection, fetched live from Stripe and stored
import { apiRoute } from "@/lib/http/route";
import { refreshStripeStatus } from "@/lib/stripe/connect";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "admin", limit: "stripe_refresh" }, async ({ caller }) => {
  return Response.json(await refreshStripeStatus(caller.tenantId));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
