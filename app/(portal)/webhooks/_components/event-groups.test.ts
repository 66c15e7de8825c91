import { describe, expect, it } from "vitest";
import { EVENT_TYPES } from "@/lib/webhooks/event-types";
import { eventGroupKey, groupEventTypes, subscribableTypes, subscriptionSummary, subscriptionToSave } from "./event-groups";

describe("eventGroupKey", () => {
  it.each([
    ["payment.succeeded", "payment"],
    ["stripe.account.updated", "stripe.account"],
    ["api_keys.revoked", "api_keys"],
    ["webhook.test", "webhook"],
    ["lonely", "lonely"],
  ])("%s belongs to %s", (type, key) => {
    expect(eventGroupKey(type)).toBe(key);
  });
});

describe("groupEventTypes", () => {
  it("keeps the catalog's order, groups by resource and names each group", () => {
    const groups = groupEventTypes([{ type: "payment.succeeded" }, { type: "api_keys.revoked" }, { type: "payment.failed" }, { type: "invoice.paid" }]);
    expect(groups).toEqual([
      { key: "payment", label: "Payments", types: [{ type: "payment.succeeded" }, { type: "payment.failed" }] },
      { key: "api_keys", label: "API keys", types: [{ type: "api_keys.revoked" }] },
      { key: "invoice", label: "invoice", types: [{ type: "invoice.paid" }] },
    ]);
  });

  it("names every group of the registry in words", () => {
    for (const group of groupEventTypes(EVENT_TYPES)) expect(group.label, group.key).not.toBe(group.key);
  });
});

describe("subscribableTypes", () => {
  it("leaves out the test event, which goes out whatever the subscription", () => {
    const types = subscribableTypes(EVENT_TYPES).map((info) => info.type);
    expect(types).not.toContain("webhook.test");
    expect(types).toContain("payment.succeeded");
    expect(types).toHaveLength(EVENT_TYPES.length - 1);
  });
});

describe("subscriptionSummary", () => {
  it.each([
    [[], "All events"],
    [["payment.succeeded"], "1 event type"],
    [["payment.succeeded", "payment.refunded"], "2 event types"],
  ])("%o reads %s", (types, expected) => {
    expect(subscriptionSummary(types)).toBe(expected);
  });
});

describe("subscriptionToSave", () => {
  const available = ["api_keys.regenerated", "payment.succeeded", "payment.refunded"];
  it.each([
    ["all", ["payment.succeeded"], []],
    ["some", ["payment.refunded", "api_keys.regenerated"], ["api_keys.regenerated", "payment.refunded"]],
    ["some", [...available], available],
    ["some", ["payment.succeeded", "no.longer.listed"], ["payment.succeeded"]],
    ["some", [], null],
    ["some", ["no.longer.listed"], null],
  ] as const)("%s with %o saves %o", (choice, ticked, expected) => {
    expect(subscriptionToSave(choice, [...ticked], available)).toEqual(expected);
  });
});
