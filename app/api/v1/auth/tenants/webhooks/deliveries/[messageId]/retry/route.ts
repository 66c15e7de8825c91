// POST /api/v1/auth/tenants/webhooks/deliveries/{message_id}/retry/ — admin+: send the message again now
import { apiRoute } from "@/lib/http/route";
import { retryMessage } from "@/lib/webhooks/deliveries-service";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute<"admin", undefined, undefined, { messageId: string }>({ access: "admin", limit: "webhook_retry" }, async ({ caller, params, meta }) => {
  return Response.json(await retryMessage(caller, params.messageId, meta));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
