// GET|PATCH /api/v1/auth/tenants/current/ — member+ reads the tenant the caller acts for; PATCH (owner only) renames it
import { apiRoute } from "@/lib/http/route";
import { renameTenantSchema } from "@/lib/schemas/account";
import { getCurrentTenant, renameTenant } from "@/lib/tenants/organization";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "member" }, async ({ caller }) => {
  return Response.json(await getCurrentTenant(caller));
});

export const PATCH = apiRoute({ access: "owner", body: renameTenantSchema }, async ({ caller, body, meta }) => {
  return Response.json(await renameTenant(caller, body, meta));
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods({ GET, PATCH });
