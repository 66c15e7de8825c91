// GET /api/v1/auth/me/ — member+: the caller, their tenant and role
import { apiRoute } from "@/lib/http/route";
import { getAccount } from "@/lib/tenants/account";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "member", beforeTwoFactor: true }, async ({ caller }) => {
  return Response.json(await getAccount(caller));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
