// GET /api/v1/auth/tenants/requests/{request_id}/ — admin+: one logged platform API request
import { z } from "zod";
import { apiRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { getApiRequest } from "@/lib/api-traffic/request-log";
import { requestIdSchema } from "@/lib/schemas/api-traffic";

const paramsSchema = z.object({ request_id: requestIdSchema });

export const GET = apiRoute<"admin", undefined, undefined, { requestId: string }>({ access: "admin" }, async ({ caller, params }) => {
  const { request_id } = paramsSchema.parse({ request_id: params.requestId });
  return Response.json(await getApiRequest(caller.tenantId, request_id));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
