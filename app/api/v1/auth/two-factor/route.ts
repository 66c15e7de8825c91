// GET /api/v1/auth/two-factor/ — member+ (also before enrolment): whether the caller signs in with two-factor, and recovery codes left
import { apiRoute } from "@/lib/http/route";
import { getTwoFactorStatus } from "@/lib/auth/two-factor";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "member", beforeTwoFactor: true }, async ({ caller }) => {
  return Response.json(await getTwoFactorStatus(caller));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
