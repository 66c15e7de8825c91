// PUT /api/v1/platform/tenants/{tenant_id}/fees/ — platform operators: set a tenant's fee schedule, or null for the platform default
import { apiRoute } from "@/lib/http/route";
import { setTenantFeeSchedule } from "@/lib/fees/fee-schedules";
import { tenantFeeScheduleBodySchema } from "@/lib/schemas/fees";
import type { FeeSchedule } from "@/lib/money/fees";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const PUT = apiRoute<"platform_admin", FeeSchedule | null, undefined, { tenantId: string }>(
  { access: "platform_admin", body: tenantFeeScheduleBodySchema },
  async ({ caller, body, params, meta }) => {
    const { schedule, source } = await setTenantFeeSchedule(params.tenantId, body, { operator: caller, meta });
    return Response.json({ ...schedule, source });
  },
);

export const { GET, POST, PATCH, DELETE, OPTIONS } = otherMethods({ PUT });
