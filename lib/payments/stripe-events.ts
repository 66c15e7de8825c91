import type Stripe from "stripe";
import type { TransactionClient } from "@/lib/db";
import { newPublicId } from "@/lib/ids";
import { REFUND_REASONS } from "@/lib/schemas/payments";
import { applyPaymentSignal } from "./apply-transition";
import { isPlaceholderStripeRefundId, REFUND_METADATA_KEY, refundStatusOf, settleReservation } from "./refunds";
import type { PaymentRow } from "./resources";

/** The Connect events about payments that the portal applies. */
export const PAYMENT_EVENT_TYPES = ["payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded", "refund.updated"] as const;
type PaymentEventType = (typeof PAYMENT_EVENT_TYPES)[number];

export const isPaymentEvent = (type: string): type is PaymentEventType => (PAYMENT_EVENT_TYPES as readonly string[]).includes(type);

const idOf = (value: string | { id: string } | null | undefined) => (value == null ? null : typeof value === "string" ? value : value.id);

/**
 * The payment an event is about, if the portal created it: found by its
 * PaymentIntent, and only on the account the event came from. A PaymentIntent
 * the portal never created (made in Stripe's dashboard) changes nothing.
 */
async function paymentFor(tx: TransactionClient, paymentIntentId: string | null, account: string | undefined): Promise<PaymentRow | null> {
  if (!paymentIntentId) return null;
  const payment = await tx.payment.findUnique({ where: { stripePaymentIntentId: paymentIntentId } });
  if (!payment || (account && payment.stripeAccountId !== account)) return null;
  return payment;
}

// When the portal learned it, not the event's `created`: that is in whole seconds and
// would put a change before the payment's own creation on the timeline.
const learnedAt = () => new Date();

/**
 * Applies a payment event within the transaction that records the event id
 * (lib/stripe/events.ts), through the same transitions as the API: events
 * that arrive twice, late or out of order change nothing they should not, and
 * each change announces itself to the tenant once.
 */
export async function applyPaymentEvent(tx: TransactionClient, event: Stripe.Event): Promise<void> {
  switch (event.type) {
    case "payment_intent.succeeded": {
      const intent = event.data.object;
      const payment = await paymentFor(tx, intent.id, event.account);
      if (!payment) return;
      await applyPaymentSignal(tx, payment, { kind: "succeeded", paymentMethod: idOf(intent.payment_method), at: learnedAt() });
      return;
    }
    case "payment_intent.payment_failed": {
      const intent = event.data.object;
      const payment = await paymentFor(tx, intent.id, event.account);
      const error = intent.last_payment_error;
      if (!payment || !error) return;
      await applyPaymentSignal(tx, payment, {
        kind: "failed",
        paymentMethod: idOf(error.payment_method) ?? idOf(intent.payment_method),
        failure: { code: error.code ?? "card_declined", declineCode: error.decline_code ?? null, message: error.message ?? "The card was declined." },
        at: learnedAt(),
      });
      return;
    }
    case "charge.refunded": {
      const charge = event.data.object;
      const payment = await paymentFor(tx, idOf(charge.payment_intent), event.account);
      if (!payment) return;
      // Stripe lists the charge's refunds in the event; each is recorded once, by its re_… id.
      for (const refund of charge.refunds?.data ?? []) await recordStripeRefund(tx, payment, refund);
      return;
    }
    case "refund.updated": {
      const refund = event.data.object;
      await tx.refund.updateMany({ where: { stripeRefundId: refund.id }, data: { status: refundStatusOf(refund.status) } });
      return;
    }
  }
}

/**
 * One refund Stripe reports: already known (nothing to do), the portal's own
 * reservation whose answer has not been stored yet (settled here, and
 * announced here), or one made on Stripe's side (recorded and announced).
 */
async function recordStripeRefund(tx: TransactionClient, payment: PaymentRow, refund: Stripe.Refund): Promise<void> {
  if (await tx.refund.findUnique({ where: { stripeRefundId: refund.id }, select: { id: true } })) return;
  const reservations = await tx.refund.findMany({ where: { paymentId: payment.id, stripeRefundId: { startsWith: "pending_" } }, orderBy: { createdAt: "asc" } });
  const named = refund.metadata?.[REFUND_METADATA_KEY];
  // Matched by the id the portal put in Stripe's metadata, else by amount (a Stripe that does not echo metadata).
  const reservation =
    reservations.find((row) => row.id === named && isPlaceholderStripeRefundId(row.stripeRefundId)) ??
    (named ? undefined : reservations.find((row) => row.amount === refund.amount));
  if (reservation) {
    await settleReservation(tx, reservation, refund);
    return;
  }
  const reason = REFUND_REASONS.find((known) => known === refund.reason) ?? null;
  const row = await tx.refund.create({
    data: {
      id: newPublicId("rfd"),
      tenantId: payment.tenantId,
      paymentId: payment.id,
      livemode: payment.livemode,
      amount: refund.amount,
      currency: payment.currency,
      reason,
      status: refundStatusOf(refund.status),
      stripeRefundId: refund.id,
    },
  });
  const applied = await applyPaymentSignal(tx, payment, { kind: "refunded", amount: refund.amount }, { refund: row });
  // More than the portal thinks is left: its records and Stripe's disagree; keep the payment's total honest rather than recording a refund it cannot add.
  if (applied.transition.outcome !== "changed") await tx.refund.delete({ where: { id: row.id } });
}
