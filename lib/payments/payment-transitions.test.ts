import { describe, expect, it } from "vitest";
import { PAYMENT_STATUS, type PaymentStatus } from "@/lib/statuses";
import { applicationFeeRefund, nextPaymentState, type PaymentSignal, type PaymentState } from "./payment-transitions";

const at = new Date("2026-11-30T10:00:00Z");
const decline = { code: "card_declined", declineCode: "insufficient_funds", message: "Your card has insufficient funds." };

const state = (status: PaymentStatus, extra: Partial<PaymentState> = {}): PaymentState => ({
  status,
  amount: 1000,
  refundedAmount: 0,
  paymentMethod: null,
  failureCode: null,
  declineCode: null,
  failureMessage: null,
  ...extra,
});
const failedState = state(PAYMENT_STATUS.failed, { paymentMethod: "pm_1", failureCode: decline.code, declineCode: decline.declineCode, failureMessage: decline.message });

const succeeded: PaymentSignal = { kind: "succeeded", paymentMethod: "pm_card_visa", at };
const failed: PaymentSignal = { kind: "failed", paymentMethod: "pm_card_chargeDeclinedInsufficientFunds", failure: decline, at };
const otherDecline: PaymentSignal = { kind: "failed", paymentMethod: "pm_2", failure: { code: "card_declined", declineCode: "generic_decline", message: "Your card was declined." }, at };

const { requiresPaymentMethod: rpm, processing, succeeded: ok, failed: ko } = PAYMENT_STATUS;

describe("nextPaymentState", () => {
  it.each<[string, PaymentState, PaymentSignal, "changed" | "unchanged" | "refused", PaymentStatus | null, string | null]>([
    // from, signal, outcome, status after, event
    ["a new payment is confirmed", state(rpm), { kind: "confirming" }, "changed", processing, null],
    ["a declined payment is confirmed again", failedState, { kind: "confirming" }, "changed", processing, null],
    ["a confirmation in flight blocks another", state(processing), { kind: "confirming" }, "refused", null, null],
    ["a succeeded payment is not confirmed again", state(ok), { kind: "confirming" }, "refused", null, null],
    ["an abandoned confirmation goes back", state(processing), { kind: "confirmation_abandoned", previous: ko }, "changed", ko, null],
    ["an abandoned confirmation settled by an event stays settled", state(ok), { kind: "confirmation_abandoned", previous: rpm }, "unchanged", null, null],
    ["processing succeeds", state(processing), succeeded, "changed", ok, "payment.succeeded"],
    ["an event succeeds a fresh payment", state(rpm), succeeded, "changed", ok, "payment.succeeded"],
    ["a retry after a decline succeeds", failedState, succeeded, "changed", ok, "payment.succeeded"],
    ["success twice is one success", state(ok), succeeded, "unchanged", null, null],
    ["a late failure never undoes a success", state(ok), failed, "unchanged", null, null],
    ["processing fails", state(processing), failed, "changed", ko, "payment.failed"],
    ["an event fails a fresh payment", state(rpm), failed, "changed", ko, "payment.failed"],
    ["the same decline from the answer and the event is one", failedState, failed, "unchanged", null, null],
    ["another decline is a new failure", failedState, otherDecline, "changed", ko, "payment.failed"],
    ["a refund of a succeeded payment", state(ok), { kind: "refunded", amount: 400 }, "changed", null, "payment.refunded"],
    ["the rest of it", state(ok, { refundedAmount: 600 }), { kind: "refunded", amount: 400 }, "changed", null, "payment.refunded"],
    ["more than the rest", state(ok, { refundedAmount: 600 }), { kind: "refunded", amount: 401 }, "refused", null, null],
    ["a refund of a failed payment", failedState, { kind: "refunded", amount: 100 }, "refused", null, null],
    ["a refund of a processing payment", state(processing), { kind: "refunded", amount: 100 }, "refused", null, null],
    ["a zero refund", state(ok), { kind: "refunded", amount: 0 }, "refused", null, null],
    ["a fractional refund", state(ok), { kind: "refunded", amount: 1.5 }, "refused", null, null],
  ])("%s", (_name, from, signal, outcome, status, event) => {
    const transition = nextPaymentState(from, signal);
    expect(transition.outcome).toBe(outcome);
    if (transition.outcome !== "changed") return;
    expect(transition.event).toBe(event);
    if (status) expect(transition.change.status).toBe(status);
  });

  it("records what a success and a failure say", () => {
    const success = nextPaymentState(state(processing), succeeded);
    expect(success).toEqual({ outcome: "changed", event: "payment.succeeded", change: { status: ok, paymentMethod: "pm_card_visa", succeededAt: at } });
    const failure = nextPaymentState(state(processing), failed);
    expect(failure).toEqual({
      outcome: "changed",
      event: "payment.failed",
      change: {
        status: ko,
        paymentMethod: "pm_card_chargeDeclinedInsufficientFunds",
        failureCode: "card_declined",
        declineCode: "insufficient_funds",
        failureMessage: "Your card has insufficient funds.",
        failedAt: at,
      },
    });
    expect(nextPaymentState(state(ok, { refundedAmount: 100 }), { kind: "refunded", amount: 250 })).toMatchObject({ change: { refundedAmount: 350 } });
  });

  it("keeps the known payment method when Stripe's success names none", () => {
    const transition = nextPaymentState(state(processing, { paymentMethod: "pm_card_visa" }), { kind: "succeeded", paymentMethod: null, at });
    expect(transition).toMatchObject({ change: { paymentMethod: "pm_card_visa" } });
  });
});

describe("applicationFeeRefund", () => {
  it.each([
    // amount, fee, refunded before, fee refunded before, refund → fee given back
    [1000, 59, 0, 0, 1000, 59],
    [1000, 59, 0, 0, 500, 30], // 29.5 rounds half up
    [1000, 59, 500, 30, 500, 29], // the last refund takes the rest
    [1000, 59, 0, 0, 1, 0],
    [1000, 0, 0, 0, 500, 0],
    [2000, 88, 0, 0, 250, 11],
  ])("%i with a fee of %i, %i refunded before (%i of the fee): refunding %i gives back %i", (amount, fee, refundedBefore, feeRefundedBefore, refund, expected) => {
    expect(applicationFeeRefund({ amount, fee, refundedBefore, feeRefundedBefore, refund })).toBe(expected);
  });
});
