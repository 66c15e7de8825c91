// GET /api/v1/auth/tenants/requests/{request_id}/ — admin+: one logged platform API request
import { apiRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { getApiRequest } from "@/lib/api-traffic/request-log";

export const GET = apiRoute<"admin", undefined, undefined, { requestId: string }>({ access: "admin" }, async ({ caller, params }) => {
  return Response.json(await getApiRequest(caller.tenantId, params.requestId));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
