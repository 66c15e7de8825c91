// GET, POST /api/v1/auth/tenants/invitations/ — admin+ lists pending invitations; owner only invites (the link is shown once)
import { apiRoute } from "@/lib/http/route";
import { inviteMemberSchema } from "@/lib/schemas/team";
import { createInvitation, listInvitations } from "@/lib/team/invitations";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "admin" }, async ({ caller }) => {
  return Response.json(await listInvitations(caller));
});

export const POST = apiRoute({ access: "owner", body: inviteMemberSchema }, async ({ caller, body, meta }) => {
  return Response.json(await createInvitation(caller, body, meta), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
