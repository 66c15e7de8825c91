import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { hasRole } from "@/lib/auth/roles";
import { listDeliveries } from "@/lib/webhooks/deliveries-service";
import { getWebhookConfig } from "@/lib/webhooks/endpoint-service";
import { WebhooksManager } from "./_components/webhooks-manager";

export const metadata = portalPageMetadata("/webhooks");

export default portalPage("/webhooks", async ({ caller, page }) => {
  const [config, deliveries] = await Promise.all([getWebhookConfig(caller.tenantId), listDeliveries(caller.tenantId, { limit: 20 })]);
  return (
    <>
      <PageHeader title={page.label} description={page.description} />
      <WebhooksManager initialConfig={config} initialDeliveries={deliveries} canRemove={hasRole(caller.role, "owner")} />
    </>
  );
});
