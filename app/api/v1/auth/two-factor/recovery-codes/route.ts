// POST /api/v1/auth/two-factor/recovery-codes/ — member+: a current code buys a new set of recovery codes; the old set stops working
import { apiRoute } from "@/lib/http/route";
import { regenerateRecoveryCodes } from "@/lib/auth/two-factor";
import { twoFactorCodeSchema } from "@/lib/schemas/two-factor";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "member", body: twoFactorCodeSchema }, async ({ caller, body, meta }) => {
  return Response.json(await regenerateRecoveryCodes(caller, body, meta));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
