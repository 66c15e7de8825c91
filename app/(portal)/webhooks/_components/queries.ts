import { apiFetch } from "@/lib/client/api";
import type { MessageView } from "@/lib/webhooks/views";
import type { WebhookConfigView } from "@/lib/webhooks/endpoint-service";
import type { EventTypeInfo } from "@/lib/webhooks/event-types";

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

/** The last verification ping, as the configuration view and the verify endpoint answer it. */
export type WebhookVerification = {
  delivered: boolean;
  status_code: number | null;
  response_time_ms: number | null;
  /** Why no answer came; null when the receiver answered, whatever the status. */
  error_code: "webhook_timeout" | "webhook_unreachable" | "webhook_url_forbidden" | null;
  message_id: string;
  at: string;
};

export type WebhookConfig = WebhookConfigView & {
  /** [] is every event; null before the first configuration. */
  event_types: string[] | null;
  previous_secret: { secret_masked: string; expires_at: string } | null;
  last_verification: WebhookVerification | null;
};

export type ConfigResponse = WebhookConfig & { secret?: string; verification?: WebhookVerification };
export type DeliveriesPage = { data: MessageView[]; next_cursor: string | null };

export type HealthWindow = "24h" | "7d";
export type HealthFigures = {
  attempts: number;
  succeeded: number;
  failed: number;
  /** null without attempts. */
  success_rate: number | null;
  avg_response_ms: number | null;
  max_response_ms: number | null;
};
export type HealthPoint = { start: string; attempts: number; succeeded: number; failed: number; avg_response_ms: number | null };
export type WebhookStats = { windows: Record<HealthWindow, HealthFigures>; series: Record<HealthWindow, HealthPoint[]> };

export const fetchConfig = () => apiFetch<WebhookConfig>(CONFIG_PATH);
export const fetchDeliveries = (status: string, cursor?: string) =>
  apiFetch<DeliveriesPage>(`${DELIVERIES_PATH}?limit=20${status ? `&status=${status}` : ""}${cursor ? `&cursor=${cursor}` : ""}`);
export const fetchStats = () => apiFetch<WebhookStats>(STATS_PATH);
export const fetchEventTypes = () => apiFetch<{ data: EventTypeInfo[] }>(EVENT_TYPES_PATH).then((answer) => answer.data);
