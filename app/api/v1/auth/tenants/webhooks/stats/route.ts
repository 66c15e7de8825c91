// GET /api/v1/auth/tenants/webhooks/stats/ — admin+: delivery counts, success rate and response times over 24 h and 7 days
import { apiRoute } from "@/lib/http/route";
import { webhookStats } from "@/lib/webhooks/stats";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "admin" }, async ({ caller }) => {
  return Response.json(await webhookStats(caller.tenantId));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
