// POST /api/v1/auth/login/ — public: exchanges email and password for an access token
import { apiRoute } from "@/lib/http/route";
import { loginSchema } from "@/lib/schemas/auth";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { issueAccessToken } from "@/lib/auth/tokens";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "public", body: loginSchema }, async ({ body, meta }) => {
  const user = await authenticateWithPassword(body, meta, "api");
  return Response.json(await issueAccessToken({ id: user.userId, sessionVersion: user.sessionVersion }, user.tenantId));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
