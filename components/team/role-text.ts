import type { Role } from "@/lib/auth/roles";

/** What each role may do, in one line: shown wherever a role is picked or offered. */
export const ROLE_SUMMARIES: Record<Role, string> = {
  owner: "Everything, including keys, Stripe, removing people and inviting.",
  admin: "Sees keys, configures webhooks, reads the audit log. Cannot regenerate or revoke keys.",
  member: "Sees the dashboard and their own membership.",
};

/** "an admin", "a member". */
export const withArticle = (role: string) => `${role === "admin" || role === "owner" ? "an" : "a"} ${role}`;
