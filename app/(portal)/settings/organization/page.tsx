import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { TwoFactorRequirementCard } from "@/components/settings/two-factor-requirement-card";
import { getTwoFactorRequirement } from "@/lib/tenants/two-factor-requirement";

export const metadata = portalPageMetadata("/settings/organization");

export default portalPage("/settings/organization", async ({ caller, page }) => {
  const requirement = await getTwoFactorRequirement(caller.tenantId);
  return (
    <>
      <PageHeader title={page.label} description={page.description} />
      <div className="space-y-6">
        <TwoFactorRequirementCard initial={requirement} tenantName={caller.tenantName} isOwner={caller.role === "owner"} ownerHasTwoFactor={caller.twoFactorEnabled} />
      </div>
    </>
  );
});
