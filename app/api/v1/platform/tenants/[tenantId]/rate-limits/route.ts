// PUT /api/v1/platform/tenants/{tenant_id}/rate-limits/ — platform operators: set a tenant's platform API limits per mode, or null for the platform default
import { apiRoute } from "@/lib/http/route";
import { setTenantRateLimits } from "@/lib/platform/rate-limits";
import { tenantRateLimitsBodySchema, type TenantRateLimitsBody } from "@/lib/schemas/platform";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const PUT = apiRoute<"platform_admin", TenantRateLimitsBody, undefined, { tenantId: string }>(
  { access: "platform_admin", body: tenantRateLimitsBodySchema },
  async ({ caller, body, params, meta }) => {
    return Response.json({ rate_limits: await setTenantRateLimits(params.tenantId, body, { operator: caller, meta }) });
  },
);

export const { GET, POST, PATCH, DELETE, OPTIONS } = otherMethods({ PUT });
