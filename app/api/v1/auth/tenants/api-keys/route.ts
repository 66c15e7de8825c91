// GET /api/v1/auth/tenants/api-keys/ — admin+: every key of the tenant, secrets masked
import { apiRoute } from "@/lib/http/route";
import { listApiKeys } from "@/lib/api-keys/api-keys";

export const GET = apiRoute({ access: "admin" }, async ({ caller }) => {
  return Response.json(await listApiKeys(caller.tenantId));
});
