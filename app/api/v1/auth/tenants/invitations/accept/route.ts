// POST /api/v1/auth/tenants/invitations/accept/ — public: join as the signed-in user, with an account's password, or with a new account
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/route";
import { writeSessionCookie } from "@/lib/auth/tokens";
import { acceptInvitationSchema } from "@/lib/schemas/team";
import { acceptInvitation } from "@/lib/team/invitations";

export const POST = apiRoute({ access: "public", body: acceptInvitationSchema }, async ({ caller, body, meta }) => {
  const { access_token, token_type, expires_in, ...joined } = await acceptInvitation(caller, body, meta);
  if (caller?.via !== "session") return NextResponse.json({ ...joined, access_token, token_type, expires_in });
  // An existing, Origin-checked browser session moves to the joined tenant; no bearer token for page scripts.
  const response = NextResponse.json(joined);
  await writeSessionCookie(response.cookies, joined.user, joined.tenant.id);
  return response;
});
