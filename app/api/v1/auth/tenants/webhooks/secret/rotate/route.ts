// POST /api/v1/auth/tenants/webhooks/secret/rotate/ — admin+: a new signing secret, the old one signing beside it for a grace period
import { apiRoute } from "@/lib/http/route";
import { rotateWebhookSecretSchema } from "@/lib/schemas/webhooks";
import { rotateWebhookSecret } from "@/lib/webhooks/secret-rotation";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "admin", body: rotateWebhookSecretSchema }, async ({ caller, body, meta }) => {
  return Response.json(await rotateWebhookSecret(caller, body, meta));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
