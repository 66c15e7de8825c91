import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { listApiKeys } from "@/lib/api-keys/api-keys";
import { hasRole } from "@/lib/auth/roles";
import { ApiKeysManager } from "./_components/api-keys-manager";

export const metadata = portalPageMetadata("/api-keys");

export default portalPage("/api-keys", async ({ caller, page }) => {
  const initial = await listApiKeys(caller.tenantId);
  return (
    <>
      <PageHeader title={page.label} description={page.description} />
      <ApiKeysManager initial={initial} canManage={hasRole(caller.role, "owner")} />
    </>
  );
});
