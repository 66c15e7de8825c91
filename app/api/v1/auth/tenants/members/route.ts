// GET /api/v1/auth/tenants/members/ — member+: admins and owners see everyone, members only themselves
import { apiRoute } from "@/lib/http/route";
import { listMembers } from "@/lib/team/members";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "member" }, async ({ caller }) => {
  return Response.json({ members: await listMembers(caller) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
