// POST /api/v1/auth/login/ — public: exchanges email and password for an access token, or for a two-factor challenge
import { apiRoute } from "@/lib/http/route";
import { loginSchema } from "@/lib/schemas/auth";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { issueAccessToken } from "@/lib/auth/tokens";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "public", body: loginSchema }, async ({ body, meta }) => {
  const result = await authenticateWithPassword(body, meta, "api");
  if (result.twoFactorRequired) {
    // Not signed in yet: the second step (POST /api/v1/auth/login/two-factor/) takes this challenge and a code.
    return Response.json({ two_factor_required: true, challenge_token: result.challengeToken, expires_in: result.expiresInSeconds, methods: ["totp", "recovery_code"] });
  }
  const { user } = result;
  return Response.json(await issueAccessToken({ id: user.userId, sessionVersion: user.sessionVersion }, user.tenantId));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
