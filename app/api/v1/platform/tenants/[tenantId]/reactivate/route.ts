// POST /api/v1/platform/tenants/{tenant_id}/reactivate/ — platform operators: end a tenant's suspension
import { apiRoute } from "@/lib/http/route";
import { reactivateTenant } from "@/lib/platform/tenant-suspension";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute<"platform_admin", undefined, undefined, { tenantId: string }>({ access: "platform_admin" }, async ({ caller, params, meta }) => {
  return Response.json(await reactivateTenant(params.tenantId, { operator: caller, meta }));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
