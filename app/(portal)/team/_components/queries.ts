import type { Role } from "@/lib/auth/roles";

export const MEMBERS_QUERY = ["team", "members"] as const;
export const INVITATIONS_QUERY = ["team", "invitations"] as const;
export const MEMBERS_PATH = "/api/v1/auth/tenants/members/";
export const INVITATIONS_PATH = "/api/v1/auth/tenants/invitations/";

export type MemberView = {
  id: string;
  email: string;
  name: string;
  role: Role;
  joined_at: string;
  last_login_at: string | null;
};

export type InvitationView = {
  id: string;
  email: string;
  role: Role;
  status: string;
  invited_by: { id: string; email: string; name: string } | null;
  created_at: string;
  expires_at: string;
};
