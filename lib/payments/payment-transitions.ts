// What a payment becomes when something happens to it: the API's confirmation
// and Stripe's events both go through here, in whatever order they arrive, so
// the two paths can never disagree about a payment's status or both announce
// the same change. Pure: the service applies the outcome with a conditional
// update and emits the event only when that update changed the row.
import { PAYMENT_STATUS, type PaymentStatus } from "@/lib/statuses";

export type PaymentFailure = { code: string; declineCode: string | null; message: string };

/** The fields a transition reads (and the conditional update checks, so a concurrent change is noticed). */
export type PaymentState = {
  status: PaymentStatus;
  amount: number;
  refundedAmount: number;
  paymentMethod: string | null;
  failureCode: string | null;
  declineCode: string | null;
  failureMessage: string | null;
};

export type PaymentSignal =
  /** The API is about to confirm: nobody else may confirm meanwhile. */
  | { kind: "confirming" }
  /** The confirmation never reached a card (Stripe unreachable, an error that is not a decline): back to where it was. */
  | { kind: "confirmation_abandoned"; previous: PaymentStatus }
  | { kind: "succeeded"; paymentMethod: string | null; at: Date }
  | { kind: "failed"; paymentMethod: string | null; failure: PaymentFailure; at: Date }
  /** A refund of `amount` is recorded against the payment. */
  | { kind: "refunded"; amount: number };

export type PaymentChange = {
  status?: PaymentStatus;
  refundedAmount?: number;
  paymentMethod?: string | null;
  failureCode?: string | null;
  declineCode?: string | null;
  failureMessage?: string | null;
  succeededAt?: Date;
  failedAt?: Date;
};

export type TransitionEvent = "payment.succeeded" | "payment.failed" | "payment.refunded";

export type Transition =
  | { outcome: "unchanged"; reason: string }
  | { outcome: "refused"; reason: string }
  | { outcome: "changed"; change: PaymentChange; event: TransitionEvent | null };

const unchanged = (reason: string): Transition => ({ outcome: "unchanged", reason });
const refused = (reason: string): Transition => ({ outcome: "refused", reason });

/** Statuses a confirmation may start from: a fresh payment, or one whose last card was declined. */
export const CONFIRMABLE_STATUSES: readonly PaymentStatus[] = [PAYMENT_STATUS.requiresPaymentMethod, PAYMENT_STATUS.failed];

// The payment method is left out: Stripe reports the PaymentMethod it created
// (pm_1…) where the API was given a shortcut such as pm_card_chargeDeclined.
const sameFailure = (state: PaymentState, signal: { failure: PaymentFailure }) =>
  state.failureCode === signal.failure.code &&
  state.declineCode === signal.failure.declineCode &&
  state.failureMessage === signal.failure.message;

/**
 * The next state of a payment, or why nothing changes. A succeeded payment
 * never goes back: a late payment_failed, a repeated confirmation, an event
 * delivered twice all leave it as it is. "refused" is for the API to turn
 * into an error (a confirmation or refund the state does not allow); events
 * treat it like "unchanged".
 */
export function nextPaymentState(state: PaymentState, signal: PaymentSignal): Transition {
  const succeeded = state.status === PAYMENT_STATUS.succeeded;
  switch (signal.kind) {
    case "confirming":
      if (!CONFIRMABLE_STATUSES.includes(state.status)) return refused(`a ${state.status} payment cannot be confirmed`);
      return { outcome: "changed", change: { status: PAYMENT_STATUS.processing }, event: null };
    case "confirmation_abandoned":
      if (state.status !== PAYMENT_STATUS.processing) return unchanged("an event settled the confirmation already");
      return { outcome: "changed", change: { status: signal.previous }, event: null };
    case "succeeded":
      if (succeeded) return unchanged("already succeeded");
      return {
        outcome: "changed",
        change: { status: PAYMENT_STATUS.succeeded, paymentMethod: signal.paymentMethod ?? state.paymentMethod, succeededAt: signal.at },
        event: "payment.succeeded",
      };
    case "failed":
      if (succeeded) return unchanged("a succeeded payment never fails afterwards");
      // The same decline reported by the API's answer and by Stripe's event is one failure, announced once.
      if (state.status === PAYMENT_STATUS.failed && sameFailure(state, signal)) return unchanged("this failure is recorded already");
      return {
        outcome: "changed",
        change: {
          status: PAYMENT_STATUS.failed,
          paymentMethod: signal.paymentMethod,
          failureCode: signal.failure.code,
          declineCode: signal.failure.declineCode,
          failureMessage: signal.failure.message,
          failedAt: signal.at,
        },
        event: "payment.failed",
      };
    case "refunded": {
      if (!succeeded) return refused(`a ${state.status} payment cannot be refunded`);
      if (!Number.isSafeInteger(signal.amount) || signal.amount <= 0) return refused("a refund is a positive integer amount");
      if (state.refundedAmount + signal.amount > state.amount) return refused("more than what is left to refund");
      return { outcome: "changed", change: { refundedAmount: state.refundedAmount + signal.amount }, event: "payment.refunded" };
    }
  }
}

/**
 * The part of the application fee given back with a refund when
 * refund_application_fee is set: proportional to the refunded share of the
 * amount, rounded half up, in integers. The last refund takes whatever is
 * left, so partial refunds that add up to the amount give back the whole fee.
 */
export function applicationFeeRefund(input: { amount: number; fee: number; refundedBefore: number; feeRefundedBefore: number; refund: number }): number {
  const { amount, fee, refundedBefore, feeRefundedBefore, refund } = input;
  if (amount <= 0 || fee <= 0) return 0;
  if (refundedBefore + refund >= amount) return Math.max(0, fee - feeRefundedBefore);
  const numerator = fee * refund * 2 + amount;
  return Math.min(Math.floor(numerator / (amount * 2)), fee - feeRefundedBefore);
}
