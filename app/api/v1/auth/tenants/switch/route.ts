// POST /api/v1/auth/tenants/switch/ — member+: act for another of the user's tenants (a new token, or for the browser a new session cookie)
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/route";
import { writeSessionCookie } from "@/lib/auth/tokens";
import { switchTenantSchema } from "@/lib/schemas/team";
import { switchTenant } from "@/lib/tenants/tenant-switch";

export const POST = apiRoute({ access: "member", body: switchTenantSchema }, async ({ caller, body, meta }) => {
  const { access_token, token_type, expires_in, ...switched } = await switchTenant(caller, body.tenant_id, meta);
  if (caller.via === "bearer") return NextResponse.json({ ...switched, access_token, token_type, expires_in });
  // A browser gets the httpOnly cookie only: no bearer token for page scripts to read.
  const response = NextResponse.json(switched);
  await writeSessionCookie(response.cookies, { id: caller.userId, email: caller.email, name: caller.name }, switched.tenant.id);
  return response;
});
