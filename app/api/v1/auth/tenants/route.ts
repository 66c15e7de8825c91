// GET /api/v1/auth/tenants/ — member+: the tenants the signed-in user belongs to, the active one marked
import { apiRoute } from "@/lib/http/route";
import { listMyTenants } from "@/lib/tenants/tenant-switch";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "member" }, async ({ caller }) => {
  return Response.json(await listMyTenants(caller));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
