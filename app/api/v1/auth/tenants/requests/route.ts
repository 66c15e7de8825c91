// GET /api/v1/auth/tenants/requests/ — admin+: the platform API's request log, newest first (7 days)
import { apiRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listApiRequests } from "@/lib/api-traffic/request-log";
import { requestLogQuerySchema } from "@/lib/schemas/api-traffic";

export const GET = apiRoute({ access: "admin", query: requestLogQuerySchema }, async ({ caller, query }) => {
  return Response.json(await listApiRequests(caller.tenantId, query));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
