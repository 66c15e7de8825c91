// POST /api/v1/auth/tenants/webhooks/verify/ — admin+: "Send again", the signed verification ping to the configured URL now
import { apiRoute } from "@/lib/http/route";
import { verifyWebhookEndpoint } from "@/lib/webhooks/endpoint-service";
import { otherMethods } from "@/lib/http/method-not-allowed";

// A ping is a test send: the same per-tenant budget as POST /webhooks/test/.
export const POST = apiRoute({ access: "admin", limit: "webhook_test" }, async ({ caller, meta }) => {
  return Response.json(await verifyWebhookEndpoint(caller, meta));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
