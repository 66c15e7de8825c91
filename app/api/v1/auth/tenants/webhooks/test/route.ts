// POST /api/v1/auth/tenants/webhooks/test/ — admin+: one signed delivery now, with its timing
import { apiRoute } from "@/lib/http/route";
import { testWebhookSchema } from "@/lib/schemas/webhooks";
import { sendTestEvent } from "@/lib/webhooks/deliveries-service";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "admin", body: testWebhookSchema, limit: "webhook_test" }, async ({ caller, body, meta }) => {
  return Response.json(await sendTestEvent(caller, body, meta));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
