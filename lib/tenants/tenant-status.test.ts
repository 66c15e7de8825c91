import { describe, expect, it } from "vitest";
import { tenantStatusAfterStripeChange, unsuspendedTenantStatus, type StripeConnectionFacts } from "./tenant-status";

describe("unsuspendedTenantStatus", () => {
  it.each<[string, StripeConnectionFacts, string]>([
    ["no connection", null, "pending"],
    ["onboarding", { status: "onboarding", chargesEnabled: false }, "pending"],
    ["onboarding with charges (not yet promoted)", { status: "onboarding", chargesEnabled: true }, "pending"],
    ["connected, charges disabled", { status: "connected", chargesEnabled: false }, "pending"],
    ["connected, charges enabled", { status: "connected", chargesEnabled: true }, "active"],
    ["disconnected (charges cleared or not)", { status: "disconnected", chargesEnabled: true }, "pending"],
  ])("%s → %s", (_case, connection, expected) => {
    expect(unsuspendedTenantStatus(connection)).toBe(expected);
  });
});

describe("tenantStatusAfterStripeChange", () => {
  const chargeable = { status: "connected", chargesEnabled: true };
  it.each<[string, string, StripeConnectionFacts, string]>([
    ["pending tenant can now charge", "pending", chargeable, "active"],
    ["active tenant loses charges", "active", { status: "connected", chargesEnabled: false }, "pending"],
    ["active tenant disconnects", "active", null, "pending"],
    ["suspended tenant can now charge", "suspended", chargeable, "suspended"],
    ["suspended tenant disconnects", "suspended", null, "suspended"],
  ])("%s", (_case, current, connection, expected) => {
    expect(tenantStatusAfterStripeChange(current, connection)).toBe(expected);
  });
});
