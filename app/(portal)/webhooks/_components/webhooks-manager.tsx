"use client";

import { useQuery } from "@tanstack/react-query";
import { DeliveryLog } from "./delivery-log";
import { EndpointCard } from "./endpoint-card";
import { EndpointHealth } from "./endpoint-health";
import { CONFIG_QUERY, fetchConfig, type DeliveriesPage, type WebhookConfig } from "./queries";
import { TestConsole } from "./test-console";
import { VerifySnippet } from "./verify-snippet";

export function WebhooksManager({
  initialConfig,
  initialDeliveries,
  canRemove,
  locale,
}: {
  initialConfig: WebhookConfig;
  initialDeliveries: DeliveriesPage;
  canRemove: boolean;
  locale: string;
}) {
  const { data: config } = useQuery({ queryKey: CONFIG_QUERY, queryFn: fetchConfig, initialData: initialConfig });
  return (
    <div className="space-y-6">
      <EndpointCard config={config} canRemove={canRemove} locale={locale} />
      {config.url ? <EndpointHealth locale={locale} /> : null}
      {config.url ? <TestConsole /> : null}
      <DeliveryLog initial={initialDeliveries} configured={Boolean(config.url)} />
      {config.secret_masked ? <VerifySnippet /> : null}
    </div>
  );
}
