// POST /api/v1/auth/tenants/invitations/lookup/ — public: what an invitation link offers, for API clients (the /invite page reads it on the server)
import { apiRoute } from "@/lib/http/route";
import { invitationLookupSchema } from "@/lib/schemas/team";
import { lookupInvitation } from "@/lib/team/invitations";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "public", body: invitationLookupSchema }, async ({ body }) => {
  return Response.json(await lookupInvitation(body.token));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
