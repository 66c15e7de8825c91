// POST /api/v1/auth/password/forgot/ — public: mails a password reset link if an account has this email
import { apiRoute } from "@/lib/http/route";
import { forgotPasswordSchema } from "@/lib/schemas/auth";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "public", body: forgotPasswordSchema }, async ({ body, meta }) => {
  await requestPasswordReset(body, meta);
  return Response.json(
    { accepted: true, message: "If an account uses this email, a link to choose a new password is on its way. It works for 30 minutes." },
    { status: 202 },
  );
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
