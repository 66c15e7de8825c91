// POST /api/v1/auth/two-factor/disable/ — member+: turns the caller's two-factor off with a current code or the password
import { apiRoute } from "@/lib/http/route";
import { disableTwoFactor } from "@/lib/auth/two-factor";
import { disableTwoFactorSchema } from "@/lib/schemas/two-factor";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "member", body: disableTwoFactorSchema }, async ({ caller, body, meta }) => {
  return Response.json(await disableTwoFactor(caller, body, meta));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
