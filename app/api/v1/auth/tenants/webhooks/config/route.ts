// GET|POST|DELETE /api/v1/auth/tenants/webhooks/config/ — admin+ reads and sets; owner removes
import { apiRoute } from "@/lib/http/route";
import { configureWebhookSchema } from "@/lib/schemas/webhooks";
import { configureWebhook, getWebhookConfig, removeWebhookUrl } from "@/lib/webhooks/endpoint-service";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "admin" }, async ({ caller }) => {
  return Response.json(await getWebhookConfig(caller.tenantId));
});

export const POST = apiRoute({ access: "admin", body: configureWebhookSchema }, async ({ caller, body, meta }) => {
  return Response.json(await configureWebhook(caller, body, meta));
});

export const DELETE = apiRoute({ access: "owner" }, async ({ caller, meta }) => {
  return Response.json(await removeWebhookUrl(caller, meta));
});

export const { PUT, PATCH, OPTIONS } = otherMethods({ GET, POST, DELETE });
