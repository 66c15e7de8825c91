// GET /api/v1/account/ — platform API, secret key: the tenant, the key's mode, the Stripe status
import { apiRoute } from "@/lib/http/route";
import { getPlatformAccount } from "@/lib/tenants/platform-account";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "api_key" }, async ({ caller }) => {
  return Response.json(await getPlatformAccount(caller));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
