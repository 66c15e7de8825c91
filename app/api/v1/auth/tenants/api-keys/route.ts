// GET /api/v1/auth/tenants/api-keys/ — admin+: every key of the tenant, secrets masked
import { apiRoute } from "@/lib/http/route";
import { listApiKeys } from "@/lib/api-keys/api-keys";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "admin" }, async ({ caller }) => {
  return Response.json(await listApiKeys(caller.tenantId));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
