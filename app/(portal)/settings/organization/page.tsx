import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { hasRole } from "@/lib/auth/roles";
import { TwoFactorRequirementCard } from "@/components/settings/two-factor-requirement-card";
import { getCurrentTenant } from "@/lib/tenants/organization";
import { getTwoFactorRequirement } from "@/lib/tenants/two-factor-requirement";
import { getCurrencySettings, getTenantFees } from "@/lib/tenants/settings";
import { SettingsManager } from "../_components/settings-manager";
import { OrganizationCard } from "./_components/organization-card";

export const metadata = portalPageMetadata("/settings/organization");

export default portalPage("/settings/organization", async ({ caller, page }) => {
  const [{ tenant }, settings, fees, requirement] = await Promise.all([
    getCurrentTenant(caller),
    getCurrencySettings(caller.tenantId),
    getTenantFees(caller.tenantId),
    getTwoFactorRequirement(caller.tenantId),
  ]);
  return (
    <>
      <PageHeader title={page.label} description={`The name and identifiers of ${caller.tenantName}, the sign-in rules for everyone in it, the currencies it accepts, and the platform fee on its payments.`} />
      <div className="space-y-6">
        <OrganizationCard tenant={tenant} canRename={hasRole(caller.role, "owner")} />
        {/* Between the organization's identity and its money settings: who may sign in, and how. */}
        <TwoFactorRequirementCard initial={requirement} tenantName={caller.tenantName} isOwner={caller.role === "owner"} ownerHasTwoFactor={caller.twoFactorEnabled} />
        <SettingsManager initialSettings={settings} initialFees={fees} canEdit={hasRole(caller.role, "admin")} />
      </div>
    </>
  );
});
