import Stripe from "stripe";
import { prisma, type TransactionClient } from "@/lib/db";
import type { ApiKeyCaller } from "@/lib/api-keys/api-keys";
import { isUniqueViolation } from "@/lib/db-errors";
import { apiError } from "@/lib/http/errors";
import { newPublicId } from "@/lib/ids";
import type { CreateRefundInput, PortalRefundInput } from "@/lib/schemas/payments";
import { requireStripe } from "@/lib/stripe/config";
import { stripeFailure } from "@/lib/stripe/connect";
import { PAYMENT_STATUS, REFUND_STATUS, type RefundStatus } from "@/lib/statuses";
import { announceRefund, applyPaymentSignal } from "./apply-transition";
import { applicationFeeRefund } from "./payment-transitions";
import { assertModeAvailable, findScopedPayment, scopeOfKey } from "./payments";
import { toRefundResource, type PaymentRow, type RefundRow } from "./resources";

/**
 * A refund is reserved before Stripe is asked: the payment's refundedAmount
 * grows by a conditional update that never passes the amount, and a pending
 * Refund row holds the place under a placeholder Stripe id. Two refunds at
 * once can then never add up to more than the payment, whatever Stripe's own
 * bookkeeping does. Stripe's answer (or its charge.refunded event, which may
 * come first) swaps the placeholder for the re_… id; a failure gives the
 * reservation back.
 */
const PLACEHOLDER_PREFIX = "pending_";
export const placeholderStripeRefundId = (refundId: string) => `${PLACEHOLDER_PREFIX}${refundId}`;
export const isPlaceholderStripeRefundId = (value: string) => value.startsWith(PLACEHOLDER_PREFIX);

/** The metadata key on Stripe's refund that names the portal's refund, so the event path can match a reservation. */
export const REFUND_METADATA_KEY = "portal_refund_id";

// Stripe's refund statuses, as the portal keeps them (requires_action and pending wait; canceled never returns money).
const FROM_STRIPE_REFUND_STATUS: Record<string, RefundStatus> = {
  succeeded: REFUND_STATUS.succeeded,
  failed: REFUND_STATUS.failed,
  canceled: REFUND_STATUS.failed,
};

export const refundStatusOf = (stripeStatus: string | null | undefined): RefundStatus =>
  (stripeStatus && Object.hasOwn(FROM_STRIPE_REFUND_STATUS, stripeStatus) ? FROM_STRIPE_REFUND_STATUS[stripeStatus] : undefined) ?? REFUND_STATUS.pending;

const notRefundable = (payment: PaymentRow) =>
  apiError("payment_not_refundable", `This payment is ${payment.status}; only a succeeded payment can be refunded.`, { status: payment.status });

const exceedsRefundable = (refundable: number) =>
  apiError("amount_exceeds_refundable", `At most ${refundable} (minor units) is left to refund on this payment.`, { refundable_amount: refundable });

/** The amount to refund, checked against what is left (the default is all of it). */
function refundAmountFor(payment: PaymentRow, requested: number | undefined): number {
  if (payment.status !== PAYMENT_STATUS.succeeded) throw notRefundable(payment);
  const refundable = payment.amount - payment.refundedAmount;
  const amount = requested ?? refundable;
  if (requested !== undefined && (!Number.isSafeInteger(requested) || requested <= 0)) {
    throw apiError("amount_invalid", "A refund amount is a positive integer in the currency's smallest unit.", { reason: Number.isSafeInteger(requested) ? "not_positive" : "not_an_integer" });
  }
  if (amount <= 0 || amount > refundable) throw exceedsRefundable(refundable);
  return amount;
}

async function reserveRefund(payment: PaymentRow, amount: number, input: PortalRefundInput): Promise<RefundRow> {
  const refundId = newPublicId("rfd");
  return prisma.$transaction(async (tx) => {
    const fresh = await tx.payment.findUniqueOrThrow({ where: { id: payment.id } });
    const feeRefundedBefore = (await tx.refund.aggregate({ where: { paymentId: payment.id }, _sum: { applicationFeeRefunded: true } }))._sum.applicationFeeRefunded ?? 0;
    const applied = await applyPaymentSignal(tx, fresh, { kind: "refunded", amount }, { announce: false });
    if (applied.transition.outcome !== "changed") {
      if (applied.row.status !== PAYMENT_STATUS.succeeded) throw notRefundable(applied.row);
      throw exceedsRefundable(applied.row.amount - applied.row.refundedAmount);
    }
    const refundApplicationFee = input.refund_application_fee ?? false;
    return tx.refund.create({
      data: {
        id: refundId,
        tenantId: payment.tenantId,
        paymentId: payment.id,
        livemode: payment.livemode,
        amount,
        currency: payment.currency,
        reason: input.reason ?? null,
        refundApplicationFee,
        applicationFeeRefunded: refundApplicationFee
          ? applicationFeeRefund({ amount: fresh.amount, fee: fresh.applicationFeeAmount, refundedBefore: fresh.refundedAmount, feeRefundedBefore, refund: amount })
          : 0,
        status: REFUND_STATUS.pending,
        stripeRefundId: placeholderStripeRefundId(refundId),
      },
    });
  });
}

/** Gives a reservation back, unless Stripe's event already turned it into a real refund. */
async function releaseReservation(reservation: RefundRow) {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.refund.deleteMany({ where: { id: reservation.id, stripeRefundId: reservation.stripeRefundId } });
    if (count === 1) {
      await tx.payment.updateMany({ where: { id: reservation.paymentId, refundedAmount: { gte: reservation.amount } }, data: { refundedAmount: { decrement: reservation.amount } } });
    }
  });
}

/**
 * Turns a reservation into the refund Stripe made, once: by the API's own
 * answer or by Stripe's event, whichever is first. Returns whether this call
 * did it (and so announced it).
 */
export async function settleReservation(tx: TransactionClient, reservation: RefundRow, stripeRefund: Pick<Stripe.Refund, "id" | "status">): Promise<boolean> {
  const { count } = await tx.refund.updateMany({
    where: { id: reservation.id, stripeRefundId: reservation.stripeRefundId },
    data: { stripeRefundId: stripeRefund.id, status: refundStatusOf(stripeRefund.status) },
  });
  if (count === 0) return false;
  const [payment, refund] = await Promise.all([
    tx.payment.findUniqueOrThrow({ where: { id: reservation.paymentId } }),
    tx.refund.findUniqueOrThrow({ where: { id: reservation.id } }),
  ]);
  await announceRefund(tx, payment, refund);
  return true;
}

type AfterRefund = (tx: TransactionClient, refund: RefundRow) => Promise<void>;

/** Refunds a payment the caller may see; `after` runs in the transaction that records the outcome (the portal's audit entry). */
async function refundPayment(payment: PaymentRow, input: PortalRefundInput, after?: AfterRefund) {
  const amount = refundAmountFor(payment, input.amount);
  const setup = requireStripe();
  assertModeAvailable(setup, payment.livemode);
  const reservation = await reserveRefund(payment, amount, input);

  let stripeRefund: Stripe.Refund;
  try {
    stripeRefund = await setup.stripe.refunds.create(
      {
        payment_intent: payment.stripePaymentIntentId,
        amount,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.refund_application_fee === undefined ? {} : { refund_application_fee: input.refund_application_fee }),
        metadata: { [REFUND_METADATA_KEY]: reservation.id, portal_payment_id: payment.id },
      },
      { stripeAccount: payment.stripeAccountId, idempotencyKey: `refund-${reservation.id}-create` },
    );
  } catch (error) {
    await releaseReservation(reservation);
    // Stripe knows of a refund this portal has not seen yet (made on Stripe's side): its remainder is smaller than ours.
    if (error instanceof Stripe.errors.StripeInvalidRequestError && (error.code === "charge_already_refunded" || error.code === "amount_too_large")) {
      throw apiError("amount_exceeds_refundable", `Stripe refused the refund: ${error.message}`, { refundable_amount: null });
    }
    throw stripeFailure(error);
  }

  try {
    const refund = await prisma.$transaction(async (tx) => {
      await settleReservation(tx, reservation, stripeRefund);
      const stored = await tx.refund.findUniqueOrThrow({ where: { stripeRefundId: stripeRefund.id } });
      if (after) await after(tx, stored);
      return stored;
    });
    return toRefundResource(refund);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Stripe's event recorded this refund as one of its own before our answer was stored: keep that one.
    await releaseReservation(reservation);
    const refund = await prisma.$transaction(async (tx) => {
      const stored = await tx.refund.findUniqueOrThrow({ where: { stripeRefundId: stripeRefund.id } });
      if (after) await after(tx, stored);
      return stored;
    });
    return toRefundResource(refund);
  }
}

/** POST /api/v1/refunds/: a refund of a payment of the key's tenant and mode. */
export async function createRefund(caller: ApiKeyCaller, input: CreateRefundInput) {
  const { payment: paymentId, ...rest } = input;
  const payment = await findScopedPayment(scopeOfKey(caller), paymentId);
  return refundPayment(payment, rest);
}

export { refundPayment };
