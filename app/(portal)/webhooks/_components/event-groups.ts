// How the event catalog is arranged on screen: by the resource an event is
// about (everything before its last dot), in the registry's order.

/** Sent from the test console and as the verification ping only, whatever an endpoint subscribes to. */
export const TEST_EVENT_TYPE = "webhook.test";

const GROUP_LABELS: Record<string, string> = {
  webhook: "Tests",
  api_keys: "API keys",
  "stripe.account": "Stripe account",
  payment: "Payments",
};

export type EventGroup<T> = { key: string; label: string; types: T[] };

export function eventGroupKey(type: string): string {
  const dot = type.lastIndexOf(".");
  return dot === -1 ? type : type.slice(0, dot);
}

/** Groups in the order their first type comes in the catalog; a resource without a label is named by its prefix. */
export function groupEventTypes<T extends { type: string }>(types: T[]): EventGroup<T>[] {
  const groups = new Map<string, EventGroup<T>>();
  for (const info of types) {
    const key = eventGroupKey(info.type);
    const group = groups.get(key) ?? { key, label: GROUP_LABELS[key] ?? key, types: [] };
    group.types.push(info);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The types a person can subscribe to: the test event goes out regardless, so it is no choice. */
export function subscribableTypes<T extends { type: string }>(types: T[]): T[] {
  return types.filter((info) => info.type !== TEST_EVENT_TYPE);
}

/** What the endpoint card says the endpoint receives. */
export function subscriptionSummary(eventTypes: string[]): string {
  if (eventTypes.length === 0) return "All events";
  return `${eventTypes.length} event type${eventTypes.length === 1 ? "" : "s"}`;
}

/**
 * The subscription to save, in the catalog's order. "All events" is [] (types
 * added later included); ticking every type today is a list, which is not.
 * null: specific events with none ticked, which must not be saved as [] (all).
 */
export function subscriptionToSave(choice: "all" | "some", ticked: string[], available: string[]): string[] | null {
  if (choice === "all") return [];
  const chosen = available.filter((type) => ticked.includes(type));
  return chosen.length > 0 ? chosen : null;
}
