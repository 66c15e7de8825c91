// POST /api/v1/auth/email/verification/ — member+: mails a new confirmation link to the caller's unconfirmed address (throttled)
import { apiRoute } from "@/lib/http/route";
import { resendEmailVerification } from "@/lib/auth/email-verification";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "member" }, async ({ caller, meta }) => {
  return Response.json(await resendEmailVerification(caller, meta), { status: 202 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
