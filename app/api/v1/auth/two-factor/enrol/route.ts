// POST /api/v1/auth/two-factor/enrol/ — member+ (also before enrolment): starts enrolment; answers the secret, otpauth URI and QR code
import { apiRoute } from "@/lib/http/route";
import { startTwoFactorEnrolment } from "@/lib/auth/two-factor";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "member", beforeTwoFactor: true }, async ({ caller }) => {
  return Response.json(await startTwoFactorEnrolment(caller));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
