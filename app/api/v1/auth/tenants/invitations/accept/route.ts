// POST /api/v1/auth/tenants/invitations/accept/ — public: join as the signed-in user, or create the account; a session follows
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/route";
import { writeSessionCookie } from "@/lib/auth/tokens";
import { acceptInvitationSchema } from "@/lib/schemas/team";
import { acceptInvitation } from "@/lib/team/invitations";

export const POST = apiRoute({ access: "public", body: acceptInvitationSchema }, async ({ caller, body, meta }) => {
  const result = await acceptInvitation(caller, body, meta);
  const response = NextResponse.json(result);
  // Only an existing, Origin-checked session moves; a new account signs in through next-auth.
  if (caller?.via === "session") await writeSessionCookie(response.cookies, result.user, result.tenant.id);
  return response;
});
