// POST /api/v1/auth/tenants/switch/ — member+: act for another of the user's tenants (a new token, or for the browser a new session cookie)
import { apiRoute } from "@/lib/http/route";
import { tenantAccessResponse } from "@/lib/auth/tenant-access-response";
import { switchTenantSchema } from "@/lib/schemas/team";
import { switchTenant } from "@/lib/tenants/tenant-switch";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "member", body: switchTenantSchema }, async ({ caller, body, meta }) => {
  const switched = await switchTenant(caller, body.tenant_id, meta);
  return tenantAccessResponse(caller, switched, { id: caller.userId, email: caller.email, name: caller.name });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
