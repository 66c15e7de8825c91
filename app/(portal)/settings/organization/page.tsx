import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { hasRole } from "@/lib/auth/roles";
import { getCurrentTenant } from "@/lib/tenants/organization";
import { getCurrencySettings, getTenantFees } from "@/lib/tenants/settings";
import { SettingsManager } from "../_components/settings-manager";
import { OrganizationCard } from "./_components/organization-card";

export const metadata = portalPageMetadata("/settings/organization");

export default portalPage("/settings/organization", async ({ caller, page }) => {
  const [{ tenant }, settings, fees] = await Promise.all([getCurrentTenant(caller), getCurrencySettings(caller.tenantId), getTenantFees(caller.tenantId)]);
  return (
    <>
      <PageHeader title={page.label} description={`The name and identifiers of ${caller.tenantName}, the currencies it accepts, and the platform fee on its payments.`} />
      <div className="space-y-6">
        <OrganizationCard tenant={tenant} canRename={hasRole(caller.role, "owner")} />
        {/*
          Two-factor requirement: the card that lets owners require two-factor sign-in for everyone in this
          organization (components/settings/two-factor-requirement-card.tsx, built alongside two-factor
          sign-in) goes here, between the organization's identity and its money settings.
        */}
        <SettingsManager initialSettings={settings} initialFees={fees} canEdit={hasRole(caller.role, "admin")} />
      </div>
    </>
  );
});
