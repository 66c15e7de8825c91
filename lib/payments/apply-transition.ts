import type { TransactionClient } from "@/lib/db";
import { asStatus, PAYMENT_STATUS } from "@/lib/statuses";
import { emitEvent } from "@/lib/webhooks/outbox";
import { nextPaymentState, type PaymentSignal, type PaymentState, type Transition } from "./payment-transitions";
import { toPaymentEventData, toRefundResource, type PaymentRow, type RefundRow } from "./resources";

// A concurrent writer can only win a few times in a row (each win is a real change); past this, something is wrong.
const MAX_ATTEMPTS = 5;

const stateOf = (row: PaymentRow): PaymentState => ({
  status: asStatus(PAYMENT_STATUS, row.status),
  amount: row.amount,
  refundedAmount: row.refundedAmount,
  paymentMethod: row.paymentMethod,
  failureCode: row.failureCode,
  declineCode: row.declineCode,
  failureMessage: row.failureMessage,
});

export type AppliedTransition = { transition: Transition; row: PaymentRow };

/**
 * Applies a signal to a payment within the caller's transaction: the next
 * state from the pure transition table, written with an update conditioned on
 * every field the decision read, so a concurrent change (the API's answer
 * racing Stripe's event, two refunds) makes this one decide again on the
 * fresh row instead of overwriting it. The tenant's event is emitted only
 * when this update changed the row: one change, one event, whichever path
 * got there first. A payment.refunded event needs the refund it is about.
 */
export async function applyPaymentSignal(
  tx: TransactionClient,
  row: PaymentRow,
  signal: PaymentSignal,
  /** `announce: false` changes the row without an event: a refund reserved before Stripe is asked is announced once Stripe agreed. */
  options: { refund?: RefundRow; announce?: boolean } = {},
): Promise<AppliedTransition> {
  let current = row;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const state = stateOf(current);
    const transition = nextPaymentState(state, signal);
    if (transition.outcome !== "changed") return { transition, row: current };
    const { count } = await tx.payment.updateMany({ where: { id: current.id, ...state }, data: transition.change });
    const fresh = await tx.payment.findUniqueOrThrow({ where: { id: current.id } });
    if (count === 0) {
      current = fresh;
      continue;
    }
    if (options.announce === false) return { transition, row: fresh };
    if (transition.event === "payment.refunded") {
      if (!options.refund) throw new Error("A refund transition needs the refund it records.");
      await announceRefund(tx, fresh, options.refund);
    } else if (transition.event) {
      await emitEvent(tx, fresh.tenantId, transition.event, toPaymentEventData(fresh), fresh.id);
    }
    return { transition, row: fresh };
  }
  throw new Error(`Payment ${row.id} kept changing under a transition; giving up.`);
}

/** payment.refunded for a refund now recorded, with the payment as it stands after it. */
export async function announceRefund(tx: TransactionClient, payment: PaymentRow, refund: RefundRow): Promise<void> {
  await emitEvent(tx, payment.tenantId, "payment.refunded", { ...toPaymentEventData(payment), refund: toRefundResource(refund) }, payment.id);
}
