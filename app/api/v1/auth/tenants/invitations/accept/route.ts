// POST /api/v1/auth/tenants/invitations/accept/ — public: join as the signed-in user, with an account's password, or with a new account
import { apiRoute } from "@/lib/http/route";
import { tenantAccessResponse } from "@/lib/auth/tenant-access-response";
import { acceptInvitationSchema } from "@/lib/schemas/team";
import { acceptInvitation } from "@/lib/team/invitations";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "public", body: acceptInvitationSchema }, async ({ caller, body, meta }) => {
  const joined = await acceptInvitation(caller, body, meta);
  // Only an existing, Origin-checked session moves; a new account signs in through next-auth.
  return tenantAccessResponse(caller, joined, joined.user);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
