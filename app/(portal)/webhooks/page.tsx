import { BookOpen } from "lucide-react";
import Link from "next/link";
import { headers } from "next/headers";
import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { Button } from "@/components/ui/button";
import { hasRole } from "@/lib/auth/roles";
import { localeFromAcceptLanguage } from "@/lib/money/locale";
import { listDeliveries } from "@/lib/webhooks/deliveries-service";
import { getWebhookConfig } from "@/lib/webhooks/endpoint-service";
import { EVENT_CATALOG_HREF } from "./_components/queries";
import { WebhooksManager } from "./_components/webhooks-manager";

export const metadata = portalPageMetadata("/webhooks");

export default portalPage("/webhooks", async ({ caller, page }) => {
  const [config, deliveries, requestHeaders] = await Promise.all([getWebhookConfig(caller.tenantId), listDeliveries(caller.tenantId, { limit: 20 }), headers()]);
  return (
    <>
      <PageHeader
        title={page.label}
        description={page.description}
        actions={
          <Button asChild variant="secondary" size="sm">
            <Link href={EVENT_CATALOG_HREF}>
              <BookOpen aria-hidden className="size-4" />
              Event catalog
            </Link>
          </Button>
        }
      />
      <WebhooksManager
        initialConfig={config}
        initialDeliveries={deliveries}
        canRemove={hasRole(caller.role, "owner")}
        locale={localeFromAcceptLanguage(requestHeaders.get("accept-language"))}
      />
    </>
  );
});
