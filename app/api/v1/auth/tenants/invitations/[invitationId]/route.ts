// DELETE /api/v1/auth/tenants/invitations/{invitation_id}/ — owner only: revoke a pending invitation
import { apiRoute } from "@/lib/http/route";
import { revokeInvitation } from "@/lib/team/invitations";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const DELETE = apiRoute<"owner", undefined, undefined, { invitationId: string }>({ access: "owner" }, async ({ caller, params, meta }) => {
  return Response.json(await revokeInvitation(caller, params.invitationId, meta));
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
