// GET /api/v1/auth/sessions/ — member+: the caller's signed-in browsers (the current one first and marked)
import { apiRoute } from "@/lib/http/route";
import { listUserSessions } from "@/lib/auth/user-sessions";
import { otherMethods } from "@/lib/http/method-not-allowed";

// Where one is signed in is worth knowing before two-factor is on, too.
export const GET = apiRoute({ access: "member", beforeTwoFactor: true }, async ({ caller }) => {
  return Response.json(await listUserSessions(caller));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
