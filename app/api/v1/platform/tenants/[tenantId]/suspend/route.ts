// POST /api/v1/platform/tenants/{tenant_id}/suspend/ — platform operators: suspend a tenant with a reason
import { apiRoute } from "@/lib/http/route";
import { suspendTenant } from "@/lib/platform/tenant-suspension";
import { suspendTenantBodySchema, type SuspendTenantBody } from "@/lib/schemas/platform";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute<"platform_admin", SuspendTenantBody, undefined, { tenantId: string }>(
  { access: "platform_admin", body: suspendTenantBodySchema },
  async ({ caller, body, params, meta }) => {
    return Response.json(await suspendTenant(params.tenantId, body.reason, { operator: caller, meta }));
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
