// GET /api/v1/auth/tenants/webhooks/deliveries/ — admin+: messages newest first, with attempts
import { apiRoute } from "@/lib/http/route";
import { deliveriesQuerySchema } from "@/lib/schemas/webhooks";
import { listDeliveries } from "@/lib/webhooks/deliveries-service";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "admin", query: deliveriesQuerySchema }, async ({ caller, query }) => {
  return Response.json(await listDeliveries(caller.tenantId, query));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
