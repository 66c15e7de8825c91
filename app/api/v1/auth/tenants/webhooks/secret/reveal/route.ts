// POST /api/v1/auth/tenants/webhooks/secret/reveal/ — admin+, audited: the full signing secret
import { apiRoute } from "@/lib/http/route";
import { revealWebhookSecret } from "@/lib/webhooks/endpoint-service";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "admin" }, async ({ caller, meta }) => {
  return Response.json(await revealWebhookSecret(caller, meta));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
