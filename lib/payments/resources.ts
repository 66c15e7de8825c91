// The one mapping from stored rows to what the API, the portal and the
// webhook events show, so every side describes a payment the same way.
import type { prisma } from "@/lib/db";
import { netAmount } from "@/lib/money/fees";
import type { CurrencyCode } from "@/lib/money/currencies";
import type { PaymentResource, RefundReason, RefundResource } from "@/lib/schemas/payments";
import { asStatus, PAYMENT_STATUS, REFUND_STATUS } from "@/lib/statuses";

export type PaymentRow = NonNullable<Awaited<ReturnType<typeof prisma.payment.findUnique>>>;
export type RefundRow = NonNullable<Awaited<ReturnType<typeof prisma.refund.findUnique>>>;

function metadataOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/**
 * A payment as the API shows it. `client_secret` only where the tenant's own
 * server asked (the platform API); the portal and events get null or nothing.
 */
export function toPaymentResource(row: PaymentRow, options: { clientSecret: boolean } = { clientSecret: true }): PaymentResource {
  const status = asStatus(PAYMENT_STATUS, row.status);
  return {
    id: row.id,
    amount: row.amount,
    currency: row.currency as CurrencyCode,
    application_fee_amount: row.applicationFeeAmount,
    net_amount: netAmount(row.amount, row.applicationFeeAmount),
    status,
    client_secret: options.clientSecret ? row.clientSecret : null,
    stripe_payment_intent: row.stripePaymentIntentId,
    livemode: row.livemode,
    description: row.description,
    metadata: metadataOf(row.metadata),
    receipt_email: row.receiptEmail,
    refunded_amount: row.refundedAmount,
    payment_method: row.paymentMethod,
    // The row keeps the last decline after a later success (the timeline shows it); the resource shows it only while failed.
    failure:
      status === PAYMENT_STATUS.failed && row.failureCode
        ? { code: row.failureCode, decline_code: row.declineCode, message: row.failureMessage ?? "" }
        : null,
    created_at: row.createdAt.toISOString(),
    succeeded_at: row.succeededAt?.toISOString() ?? null,
  };
}

/** The payment as webhook events carry it: no client secret at all. */
export function toPaymentEventData(row: PaymentRow) {
  const { client_secret: _secret, ...data } = toPaymentResource(row, { clientSecret: false });
  return data;
}

export function toRefundResource(row: RefundRow): RefundResource {
  return {
    id: row.id,
    payment: row.paymentId,
    amount: row.amount,
    currency: row.currency as CurrencyCode,
    status: asStatus(REFUND_STATUS, row.status),
    reason: (row.reason as RefundReason | null) ?? null,
    refund_application_fee: row.refundApplicationFee,
    application_fee_refunded: row.applicationFeeRefunded,
    stripe_refund: row.stripeRefundId,
    livemode: row.livemode,
    created_at: row.createdAt.toISOString(),
  };
}
