// POST /api/v1/auth/tenants/switch/ — member+: act for another of the user's tenants (new token; the session cookie follows)
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/route";
import { writeSessionCookie } from "@/lib/auth/tokens";
import { switchTenantSchema } from "@/lib/schemas/team";
import { switchTenant } from "@/lib/tenants/tenant-switch";

export const POST = apiRoute({ access: "member", body: switchTenantSchema }, async ({ caller, body, meta }) => {
  const result = await switchTenant(caller, body.tenant_id, meta);
  const response = NextResponse.json(result);
  if (caller.via === "session") {
    await writeSessionCookie(response.cookies, { id: caller.userId, email: caller.email, name: caller.name }, result.tenant.id);
  }
  return response;
});
