import { describe, expect, it } from "vitest";
import { paymentBadge, refundableAmount, refundReasonLabel } from "./payment-status";

describe("paymentBadge", () => {
  it.each([
    ["succeeded", 1000, 0, "Succeeded", "green"],
    ["processing", 1000, 0, "Processing", "amber"],
    ["requires_payment_method", 1000, 0, "Awaiting payment method", "amber"],
    ["failed", 1000, 0, "Failed", "red"],
    ["succeeded", 1000, 1, "Partially refunded", "grey"],
    ["succeeded", 1000, 999, "Partially refunded", "grey"],
    ["succeeded", 1000, 1000, "Refunded", "grey"],
  ])("%s, amount %i, refunded %i → %s (%s)", (status, amount, refunded_amount, label, tone) => {
    expect(paymentBadge({ status, amount, refunded_amount })).toEqual({ label, tone });
  });

  it("shows a status it does not know as it is, in grey", () => {
    expect(paymentBadge({ status: "canceled", amount: 10, refunded_amount: 0 })).toEqual({ label: "canceled", tone: "grey" });
  });
});

describe("refundableAmount", () => {
  it.each([
    ["succeeded", 2000, 0, 2000],
    ["succeeded", 2000, 500, 1500],
    ["succeeded", 2000, 2000, 0],
    ["failed", 2000, 0, 0],
    ["processing", 2000, 0, 0],
  ])("%s %i refunded %i → %i", (status, amount, refunded_amount, expected) => {
    expect(refundableAmount({ status, amount, refunded_amount })).toBe(expected);
  });
});

describe("refundReasonLabel", () => {
  it("says a stored reason in words, and an unknown one as it is", () => {
    expect(refundReasonLabel("requested_by_customer")).toBe("Requested by the customer");
    expect(refundReasonLabel("expired_uncaptured_charge")).toBe("expired_uncaptured_charge");
  });
});
