"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertOctagon } from "lucide-react";
import type { WebhookConfigView } from "@/lib/webhooks/endpoint-service";
import { DeliveryLog } from "./delivery-log";
import { EndpointCard } from "./endpoint-card";
import { CONFIG_QUERY, fetchConfig, type DeliveriesPage } from "./queries";
import { TestConsole } from "./test-console";
import { VerifySnippet } from "./verify-snippet";

export function WebhooksManager({
  initialConfig,
  initialDeliveries,
  canRemove,
}: {
  initialConfig: WebhookConfigView;
  initialDeliveries: DeliveriesPage;
  canRemove: boolean;
}) {
  const { data: config } = useQuery({ queryKey: CONFIG_QUERY, queryFn: fetchConfig, initialData: initialConfig });
  return (
    <div className="space-y-6">
      {config.url && config.disabled_reason ? (
        <div role="alert" data-testid="disabled-banner" className="flex items-start gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <AlertOctagon aria-hidden className="mt-0.5 size-5 shrink-0" />
          <div>
            <p className="font-medium">Deliveries to this endpoint are paused</p>
            <p>{config.disabled_reason} Fix the receiver, then save the URL again to resume.</p>
          </div>
        </div>
      ) : null}
      <EndpointCard config={config} canRemove={canRemove} />
      {config.url ? <TestConsole /> : null}
      <DeliveryLog initial={initialDeliveries} configured={Boolean(config.url)} />
      {config.secret_masked ? <VerifySnippet /> : null}
    </div>
  );
}
