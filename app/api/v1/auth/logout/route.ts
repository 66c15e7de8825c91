// POST /api/v1/auth/logout/ — member+: ends every session and access token of the caller
import { apiRoute } from "@/lib/http/route";
import { endUserSessions } from "@/lib/auth/sessions";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "member", beforeTwoFactor: true }, async ({ caller, meta }) => {
  await endUserSessions(
    { userId: caller.userId, email: caller.email, tenantId: caller.tenantId, sessionVersion: caller.sessionVersion },
    meta,
    caller.via === "bearer" ? "api" : "browser",
  );
  return Response.json({ signed_out: true });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
