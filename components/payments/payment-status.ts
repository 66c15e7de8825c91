import type { BadgeTone } from "@/components/ui/badge";
import type { PaymentResource, RefundReason } from "@/lib/schemas/payments";
import { PAYMENT_STATUS, type PaymentStatus } from "@/lib/statuses";

const STATUS_BADGES: Record<PaymentStatus, { label: string; tone: BadgeTone }> = {
  [PAYMENT_STATUS.succeeded]: { label: "Succeeded", tone: "green" },
  [PAYMENT_STATUS.processing]: { label: "Processing", tone: "amber" },
  [PAYMENT_STATUS.requiresPaymentMethod]: { label: "Awaiting payment method", tone: "amber" },
  [PAYMENT_STATUS.failed]: { label: "Failed", tone: "red" },
};

/** The status filter's choices, in words. */
export const PAYMENT_STATUS_LABELS = Object.fromEntries(Object.entries(STATUS_BADGES).map(([status, badge]) => [status, badge.label])) as Record<PaymentStatus, string>;

/**
 * What a payment's badge says. A refund does not change the stored status (the
 * charge still succeeded), so "Refunded" and "Partially refunded" come from
 * refunded_amount; both are settled, nothing to act on: grey.
 */
export function paymentBadge(payment: Pick<PaymentResource, "status" | "amount" | "refunded_amount">): { label: string; tone: BadgeTone } {
  if (payment.refunded_amount > 0) {
    return payment.refunded_amount >= payment.amount ? { label: "Refunded", tone: "grey" } : { label: "Partially refunded", tone: "grey" };
  }
  return STATUS_BADGES[payment.status as PaymentStatus] ?? { label: payment.status, tone: "grey" };
}

/** What is left to refund: only a succeeded payment has anything. */
export function refundableAmount(payment: Pick<PaymentResource, "status" | "amount" | "refunded_amount">): number {
  return payment.status === PAYMENT_STATUS.succeeded ? Math.max(payment.amount - payment.refunded_amount, 0) : 0;
}

export const REFUND_REASON_LABELS: Record<RefundReason, string> = {
  requested_by_customer: "Requested by the customer",
  duplicate: "Duplicate payment",
  fraudulent: "Fraudulent",
};

/** A refund reason as stored ("requested_by_customer") in words; an unknown one as it is. */
export function refundReasonLabel(reason: string): string {
  return (REFUND_REASON_LABELS as Record<string, string>)[reason] ?? reason;
}
