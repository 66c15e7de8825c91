import { describe, expect, it } from "vitest";
import { stripePathTemplate } from "./stripe-path";

describe("stripePathTemplate", () => {
  it("turns object ids into {id} and keeps resource names", () => {
    expect(stripePathTemplate("/v1/accounts/acct_1Nv0FG2eZvKYlo2C")).toBe("/v1/accounts/{id}");
    expect(stripePathTemplate("/v1/payment_intents/pi_3MtwBwLkdIwHu7ix/confirm")).toBe("/v1/payment_intents/{id}/confirm");
    expect(stripePathTemplate("/v1/account_links")).toBe("/v1/account_links");
    expect(stripePathTemplate("/v1/application_fees/fee_1A2b/refunds")).toBe("/v1/application_fees/{id}/refunds");
    expect(stripePathTemplate("/oauth/token")).toBe("/oauth/token");
  });

  it("drops the query string", () => {
    expect(stripePathTemplate("/v1/balance_transactions?limit=10&payout=po_1X")).toBe("/v1/balance_transactions");
  });
});
