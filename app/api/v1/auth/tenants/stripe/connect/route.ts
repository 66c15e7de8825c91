// POST /api/v1/auth/tenants/stripe/connect/ — owner only: the onboarding URL, with a single-use state
import { apiRoute } from "@/lib/http/route";
import { connectStripeSchema } from "@/lib/schemas/stripe";
import { startConnect } from "@/lib/stripe/connect";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "owner", body: connectStripeSchema, limit: "stripe_connect" }, async ({ caller, meta }) => {
  return Response.json(await startConnect(caller, meta));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
