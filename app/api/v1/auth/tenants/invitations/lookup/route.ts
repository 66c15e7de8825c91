// POST /api/v1/auth/tenants/invitations/lookup/ — public: what an invitation link offers (the token stays out of URLs and logs)
import { apiRoute } from "@/lib/http/route";
import { invitationLookupSchema } from "@/lib/schemas/team";
import { lookupInvitation } from "@/lib/team/invitations";

export const POST = apiRoute({ access: "public", body: invitationLookupSchema }, async ({ body }) => {
  return Response.json(await lookupInvitation(body.token));
});
