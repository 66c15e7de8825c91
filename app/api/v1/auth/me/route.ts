// GET /api/v1/auth/me/ — member+: the caller, their tenant and role
import { apiRoute } from "@/lib/http/route";
import { getAccount } from "@/lib/tenants/account";

export const GET = apiRoute({ access: "member" }, async ({ caller }) => {
  return Response.json(await getAccount(caller));
});
