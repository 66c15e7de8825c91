import { apiFetch } from "@/lib/client/api";
import type { MessageView } from "@/lib/webhooks/views";
import type { WebhookConfigView } from "@/lib/webhooks/endpoint-service";

export const CONFIG_PATH = "/api/v1/auth/tenants/webhooks/config/";
export const DELIVERIES_PATH = "/api/v1/auth/tenants/webhooks/deliveries/";
export const CONFIG_QUERY = ["webhook-config"] as const;
export const DELIVERIES_QUERY = ["webhook-deliveries"] as const;

export type ConfigResponse = WebhookConfigView & { secret?: string };
export type DeliveriesPage = { data: MessageView[]; next_cursor: string | null };

export const fetchConfig = () => apiFetch<WebhookConfigView>(CONFIG_PATH);
export const fetchDeliveries = (status: string, cursor?: string) =>
  apiFetch<DeliveriesPage>(`${DELIVERIES_PATH}?limit=20${status ? `&status=${status}` : ""}${cursor ? `&cursor=${cursor}` : ""}`);
