// POST /api/v1/auth/email/verify/ — public: follows a mailed email confirmation link (confirms the address, or applies an email change)
import { apiRoute } from "@/lib/http/route";
import { verifyEmailSchema } from "@/lib/schemas/account";
import { confirmEmailToken } from "@/lib/auth/email-verification";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "public", body: verifyEmailSchema }, async ({ body, meta }) => {
  return Response.json(await confirmEmailToken(body, meta));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
