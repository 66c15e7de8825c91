// POST /api/v1/auth/tenants/stripe/disconnect/ — owner only: deauthorize or unlink, tenant back to pending
import { apiRoute } from "@/lib/http/route";
import { disconnectStripeSchema } from "@/lib/schemas/stripe";
import { disconnectStripe } from "@/lib/stripe/connect";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "owner", body: disconnectStripeSchema }, async ({ caller, body, meta }) => {
  return Response.json(await disconnectStripe(caller, body, meta));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
