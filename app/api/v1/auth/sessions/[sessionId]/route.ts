// DELETE /api/v1/auth/sessions/{session_id}/ — member+: signs one of the caller's browsers out
import { apiRoute } from "@/lib/http/route";
import { revokeUserSession } from "@/lib/auth/user-sessions";
import { otherMethods } from "@/lib/http/method-not-allowed";

// Ending a session only takes access away: a member held at enrolment may do it.
export const DELETE = apiRoute<"member", undefined, undefined, { sessionId: string }>({ access: "member", beforeTwoFactor: true }, async ({ caller, params, meta }) => {
  const { current } = await revokeUserSession(caller, params.sessionId, meta);
  return Response.json({ revoked: true, current });
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
