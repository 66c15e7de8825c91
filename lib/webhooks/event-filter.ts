// The event types an endpoint subscribes to. Stored as a JSON array on the
// endpoint; null (never set) or [] means every event.

import { apiError } from "@/lib/http/errors";
import { isWebhookEventType, WEBHOOK_EVENTS, type WebhookEventType } from "./event-types";

/**
 * The subscription to store for the names a person chose: registered types
 * only (400 unknown_event_type naming the others, so nothing is saved), each
 * once, in the registry's order.
 */
export function subscribedEventTypes(names: readonly string[]): WebhookEventType[] {
  const unknown = [...new Set(names.filter((name) => !isWebhookEventType(name)))];
  if (unknown.length > 0) {
    throw apiError("unknown_event_type", `Unknown event type${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ")}. GET /api/v1/auth/tenants/webhooks/event-types/ lists them.`, { unknown });
  }
  const chosen = new Set(names);
  return (Object.keys(WEBHOOK_EVENTS) as WebhookEventType[]).filter((type) => chosen.has(type));
}

/** The stored subscription as a list ([] for every event). */
export function toEventTypeList(stored: unknown): string[] {
  return Array.isArray(stored) ? stored.filter((name): name is string => typeof name === "string") : [];
}

/** Whether an endpoint with this stored subscription receives events of `type`. */
export function subscribesTo(stored: unknown, type: string): boolean {
  const types = toEventTypeList(stored);
  return types.length === 0 || types.includes(type);
}
