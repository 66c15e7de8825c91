import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { hasRole } from "@/lib/auth/roles";
import { getCurrencySettings, getTenantFees } from "@/lib/tenants/settings";
import { SettingsManager } from "./_components/settings-manager";

export const metadata = portalPageMetadata("/settings");

export default portalPage("/settings", async ({ caller, page }) => {
  const [settings, fees] = await Promise.all([getCurrencySettings(caller.tenantId), getTenantFees(caller.tenantId)]);
  return (
    <>
      <PageHeader title={page.label} description={`The currencies ${caller.tenantName} accepts, and the platform fee that applies to its payments.`} />
      <SettingsManager initialSettings={settings} initialFees={fees} canEdit={hasRole(caller.role, "admin")} />
    </>
  );
});
