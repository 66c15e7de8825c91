import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageCaller } from "@/lib/auth/current-caller";
import { hasRole } from "@/lib/auth/roles";
import { listInvitations } from "@/lib/team/invitations";
import { listMembers } from "@/lib/team/members";
import { TeamManager } from "./_components/team-manager";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const caller = await requirePageCaller("/team");
  const isAdmin = hasRole(caller.role, "admin");
  const [members, invitations] = await Promise.all([listMembers(caller), isAdmin ? listInvitations(caller) : null]);
  return (
    <>
      <PageHeader title="Team" description={`The people who can sign in to ${caller.tenantName}, and what each of them may do.`} />
      <TeamManager
        initialMembers={members}
        initialInvitations={invitations?.invitations ?? null}
        currentUserId={caller.userId}
        role={caller.role}
      />
    </>
  );
}
