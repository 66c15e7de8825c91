import { apiFetch } from "@/lib/client/api";
import type { MessageView } from "@/lib/webhooks/views";
import type { WebhookConfigView } from "@/lib/webhooks/endpoint-service";
import type { EventTypeInfo } from "@/lib/webhooks/event-types";
import type { WebhookVerification } from "@/lib/webhooks/inline-send";
import type { WebhookStats } from "@/lib/webhooks/stats";

export type { WebhookVerification, WebhookStats };

const WEBHOOKS_API = "/api/v1/auth/tenants/webhooks";
export const CONFIG_PATH = `${WEBHOOKS_API}/config/`;
export const DELIVERIES_PATH = `${WEBHOOKS_API}/deliveries/`;
export const VERIFY_PATH = `${WEBHOOKS_API}/verify/`;
export const ROTATE_SECRET_PATH = `${WEBHOOKS_API}/secret/rotate/`;
export const PREVIOUS_SECRET_PATH = `${WEBHOOKS_API}/secret/previous/`;
export const EVENT_TYPES_PATH = `${WEBHOOKS_API}/event-types/`;
export const RECOVER_PATH = `${WEBHOOKS_API}/recover/`;
export const STATS_PATH = `${WEBHOOKS_API}/stats/`;

/** The event catalog page. */
export const EVENT_CATALOG_HREF = "/webhooks/events";

export const CONFIG_QUERY = ["webhook-config"] as const;
export const DELIVERIES_QUERY = ["webhook-deliveries"] as const;
export const STATS_QUERY = ["webhook-stats"] as const;
export const EVENT_TYPES_QUERY = ["webhook-event-types"] as const;

export type WebhookConfig = WebhookConfigView;
export type ConfigResponse = WebhookConfig & { secret?: string; verification?: WebhookVerification };
export type DeliveriesPage = { data: MessageView[]; next_cursor: string | null };

export type HealthWindow = keyof WebhookStats["windows"];
export type HealthFigures = WebhookStats["windows"][HealthWindow];
export type HealthPoint = WebhookStats["series"][HealthWindow][number];

export const fetchConfig = () => apiFetch<WebhookConfig>(CONFIG_PATH);
export const fetchDeliveries = (status: string, cursor?: string) =>
  apiFetch<DeliveriesPage>(`${DELIVERIES_PATH}?limit=20${status ? `&status=${status}` : ""}${cursor ? `&cursor=${cursor}` : ""}`);
export const fetchStats = () => apiFetch<WebhookStats>(STATS_PATH);
export const fetchEventTypes = () => apiFetch<{ data: EventTypeInfo[] }>(EVENT_TYPES_PATH).then((answer) => answer.data);
