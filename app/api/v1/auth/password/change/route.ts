// POST /api/v1/auth/password/change/ — member+: new password given the current one; ends every other session and access token
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/route";
import { changePasswordSchema } from "@/lib/schemas/account";
import { changePassword } from "@/lib/account/profile";
import { issueAccessToken, writeSessionCookie } from "@/lib/auth/tokens";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "member", body: changePasswordSchema }, async ({ caller, body, meta }) => {
  const { user, endedSessions } = await changePassword(caller, body, meta);
  const answer = { password_changed: true, other_sessions_ended: endedSessions };
  // The caller's own credential carried the old session version: the browser gets its cookie
  // re-issued (same session), an API client a new access token.
  if (caller.via === "bearer") return Response.json({ ...answer, ...(await issueAccessToken(user, caller.tenantId)) });
  const response = NextResponse.json(answer);
  await writeSessionCookie(response.cookies, user, caller.tenantId, caller.sessionId);
  return response;
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
