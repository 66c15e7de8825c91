// POST /api/v1/auth/two-factor/confirm/ — member+ (also before enrolment): a code from the app turns two-factor on; answers the recovery codes once
import { apiRoute } from "@/lib/http/route";
import { confirmTwoFactorEnrolment } from "@/lib/auth/two-factor";
import { twoFactorCodeSchema } from "@/lib/schemas/two-factor";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "member", beforeTwoFactor: true, body: twoFactorCodeSchema }, async ({ caller, body, meta }) => {
  return Response.json(await confirmTwoFactorEnrolment(caller, body, meta));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
