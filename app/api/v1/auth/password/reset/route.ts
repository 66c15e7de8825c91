// POST /api/v1/auth/password/reset/ — public: sets a new password from a mailed reset link and ends every session
import { apiRoute } from "@/lib/http/route";
import { resetPasswordSchema } from "@/lib/schemas/auth";
import { resetPassword } from "@/lib/auth/password-reset";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "public", body: resetPasswordSchema }, async ({ body, meta }) => {
  const { email } = await resetPassword(body, meta);
  return Response.json({ password_reset: true, email });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
