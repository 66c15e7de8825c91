// GET /api/v1/auth/tenants/fees/ — any member: the platform fee that applies to the tenant, read-only
import { apiRoute } from "@/lib/http/route";
import { getTenantFees } from "@/lib/tenants/settings";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "member" }, async ({ caller }) => {
  return Response.json(await getTenantFees(caller.tenantId));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
