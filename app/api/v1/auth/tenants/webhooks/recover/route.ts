// POST /api/v1/auth/tenants/webhooks/recover/ — admin+: queues the failed messages of a window again after an outage
import { apiRoute } from "@/lib/http/route";
import { recoverWebhooksSchema } from "@/lib/schemas/webhooks";
import { recoverMessages } from "@/lib/webhooks/recovery";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "admin", body: recoverWebhooksSchema }, async ({ caller, body, meta }) => {
  return Response.json(await recoverMessages(caller, body, meta));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
