import type { Metadata } from "next";
import { AccessDenied } from "@/components/shell/access-denied";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageCaller } from "@/lib/auth/current-caller";
import { hasRole } from "@/lib/auth/roles";
import { listDeliveries } from "@/lib/webhooks/deliveries-service";
import { getWebhookConfig } from "@/lib/webhooks/endpoint-service";
import { WebhooksManager } from "./_components/webhooks-manager";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const caller = await requirePageCaller("/webhooks");
  const header = (
    <PageHeader title="Webhooks" description="Where we send your events, signed with Standard Webhooks, and what happened to each delivery." />
  );
  if (!hasRole(caller.role, "admin")) {
    return (
      <>
        {header}
        <AccessDenied what="webhooks" who="admins and owners" tenantName={caller.tenantName} />
      </>
    );
  }
  const [config, deliveries] = await Promise.all([getWebhookConfig(caller.tenantId), listDeliveries(caller.tenantId, { limit: 20 })]);
  return (
    <>
      {header}
      <WebhooksManager initialConfig={config} initialDeliveries={deliveries} canRemove={hasRole(caller.role, "owner")} />
    </>
  );
}
