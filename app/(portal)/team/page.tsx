import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { hasRole } from "@/lib/auth/roles";
import { listInvitations } from "@/lib/team/invitations";
import { listMembers } from "@/lib/team/members";
import { TeamManager } from "./_components/team-manager";

export const metadata = portalPageMetadata("/team");

export default portalPage("/team", async ({ caller, page }) => {
  const isAdmin = hasRole(caller.role, "admin");
  const [members, invitations] = await Promise.all([listMembers(caller), isAdmin ? listInvitations(caller) : null]);
  return (
    <>
      <PageHeader title={page.label} description={`The people who can sign in to ${caller.tenantName}, and what each of them may do.`} />
      <TeamManager
        initialMembers={members}
        initialInvitations={invitations?.invitations ?? null}
        currentUserId={caller.userId}
        role={caller.role}
      />
    </>
  );
});
