// GET /api/v1/auth/tenants/usage/ — admin+: the platform API's usage over a range (series, totals, by route, by key)
import { apiRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { getApiUsage } from "@/lib/api-traffic/usage";
import { usageQuerySchema } from "@/lib/schemas/api-traffic";

export const GET = apiRoute({ access: "admin", query: usageQuerySchema }, async ({ caller, query }) => {
  return Response.json(await getApiUsage(caller.tenantId, query));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
