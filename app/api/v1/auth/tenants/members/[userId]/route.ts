// PATCH, DELETE /api/v1/auth/tenants/members/{user_id}/ — owner only: change a member's role, remove a member
import { apiRoute } from "@/lib/http/route";
import { changeRoleSchema, type ChangeRoleInput } from "@/lib/schemas/team";
import { changeMemberRole, removeMember } from "@/lib/team/members";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const PATCH = apiRoute<"owner", ChangeRoleInput, undefined, { userId: string }>(
  { access: "owner", body: changeRoleSchema },
  async ({ caller, body, params, meta }) => Response.json(await changeMemberRole(caller, params.userId, body, meta)),
);

export const DELETE = apiRoute<"owner", undefined, undefined, { userId: string }>({ access: "owner" }, async ({ caller, params, meta }) => {
  return Response.json(await removeMember(caller, params.userId, meta));
});

export const { GET, POST, PUT, OPTIONS } = otherMethods({ PATCH, DELETE });
