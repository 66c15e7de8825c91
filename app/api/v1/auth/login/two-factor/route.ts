// POST /api/v1/auth/login/two-factor/ — public: the second step of a sign-in (challenge + code or recovery code) for an access token
import { apiRoute } from "@/lib/http/route";
import { completeTwoFactorSignIn } from "@/lib/auth/two-factor-sign-in";
import { issueAccessToken } from "@/lib/auth/tokens";
import { twoFactorSignInSchema } from "@/lib/schemas/two-factor";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "public", body: twoFactorSignInSchema }, async ({ body, meta }) => {
  const { user, method, recoveryCodesRemaining } = await completeTwoFactorSignIn(body, meta, "api");
  const token = await issueAccessToken({ id: user.userId, sessionVersion: user.sessionVersion }, user.tenantId);
  return Response.json(method === "recovery_code" ? { ...token, recovery_codes_remaining: recoveryCodesRemaining } : token);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
