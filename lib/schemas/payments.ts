import { z } from "zod";
import { CURRENCY_CODES } from "@/lib/money/currencies";
import { PAYMENT_STATUS, REFUND_STATUS, WEBHOOK_MESSAGE_STATUS } from "@/lib/statuses";

// Payments and refunds as the platform API and the portal send and answer
// them. Shared by the routes, the services, the webhook event registry and the
// pages, so every side refuses and shows the same thing. Client-safe: zod only.

const currencyCodeSchema = z.enum(CURRENCY_CODES, {
  error: "Use a supported currency code in lowercase, as Stripe writes it (usd, eur, jpy, …).",
});

/** Stripe's metadata limits: at most 50 keys, keys up to 40 characters, values up to 500. */
export const METADATA_LIMITS = { maxKeys: 50, maxKeyLength: 40, maxValueLength: 500 } as const;

export const metadataSchema = z
  .record(
    z.string().min(1, "Metadata keys cannot be empty.").max(METADATA_LIMITS.maxKeyLength, `Metadata keys are at most ${METADATA_LIMITS.maxKeyLength} characters.`),
    z.string({ error: "Metadata values are strings." }).max(METADATA_LIMITS.maxValueLength, `Metadata values are at most ${METADATA_LIMITS.maxValueLength} characters.`),
  )
  .refine((metadata) => Object.keys(metadata).length <= METADATA_LIMITS.maxKeys, `At most ${METADATA_LIMITS.maxKeys} metadata keys.`);

export const PAYMENT_STATUSES = Object.values(PAYMENT_STATUS) as [string, ...string[]];
export const REFUND_REASONS = ["duplicate", "fraudulent", "requested_by_customer"] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/**
 * POST /api/v1/payments/. `amount` is any number here: whether it is a valid
 * charge in the currency (an integer, positive, under the maximum, a last
 * digit of 0 for three-decimal currencies) is a money rule with its own error
 * codes (lib/money/amounts.ts), applied by the service.
 */
export const createPaymentBodySchema = z.strictObject({
  amount: z.number({ error: "Give amount as an integer in the currency's smallest unit (1000 is $10.00)." }),
  currency: currencyCodeSchema,
  description: z.string().trim().max(1000, "The description is at most 1000 characters.").optional(),
  metadata: metadataSchema.optional(),
  receipt_email: z.email("receipt_email is not a valid email address.").max(254).optional(),
});
export type CreatePaymentInput = z.infer<typeof createPaymentBodySchema>;

/** Stripe's test payment methods (pm_card_visa …); live mode takes any pm_… id. */
export const confirmPaymentBodySchema = z.strictObject({
  payment_method: z.string().regex(/^pm_[A-Za-z0-9_]{1,200}$/, "Give a payment method id such as pm_card_visa."),
});
export type ConfirmPaymentInput = z.infer<typeof confirmPaymentBodySchema>;

const refundFields = {
  amount: z.number({ error: "Give amount as an integer in the currency's smallest unit." }).optional(),
  reason: z.enum(REFUND_REASONS, { error: `reason is one of ${REFUND_REASONS.join(", ")}.` }).optional(),
  refund_application_fee: z.boolean().optional(),
};

/** POST /api/v1/refunds/: `amount` absent refunds what is left. */
export const createRefundBodySchema = z.strictObject({
  payment: z.string().regex(/^pay_[A-Za-z0-9]{1,64}$/, "Give the payment's id (pay_…)."),
  ...refundFields,
});
export type CreateRefundInput = z.infer<typeof createRefundBodySchema>;

/** POST /api/v1/auth/tenants/payments/{id}/refund/: the payment is in the path. */
export const portalRefundBodySchema = z.strictObject(refundFields);
export type PortalRefundInput = z.infer<typeof portalRefundBodySchema>;

const dateFilter = z.iso.datetime({ offset: true, error: "Use an ISO 8601 date-time such as 2026-11-01T00:00:00Z." });

/** GET /api/v1/payments/ (the key's mode is the mode). */
export const listPaymentsQuerySchema = z.strictObject({
  status: z.enum(PAYMENT_STATUSES, { error: `status is one of ${PAYMENT_STATUSES.join(", ")}.` }).optional(),
  currency: currencyCodeSchema.optional(),
  created_gte: dateFilter.optional(),
  created_lte: dateFilter.optional(),
  cursor: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListPaymentsQuery = z.infer<typeof listPaymentsQuerySchema>;

/** GET /api/v1/auth/tenants/payments/: the portal picks the mode (both when absent). */
export const portalPaymentsQuerySchema = listPaymentsQuerySchema.extend({
  mode: z.enum(["live", "test"], { error: "mode is live or test." }).optional(),
});
export type PortalPaymentsQuery = z.infer<typeof portalPaymentsQuerySchema>;

export const refundResourceSchema = z.object({
  id: z.string().describe("rfd_…"),
  payment: z.string().describe("The payment refunded (pay_…)."),
  amount: z.number().int(),
  currency: currencyCodeSchema,
  status: z.enum(Object.values(REFUND_STATUS) as [string, ...string[]]),
  reason: z.enum(REFUND_REASONS).nullable(),
  refund_application_fee: z.boolean(),
  application_fee_refunded: z.number().int().describe("The part of the application fee given back with this refund."),
  stripe_refund: z.string().describe("Stripe's refund id (re_…)."),
  livemode: z.boolean(),
  created_at: z.iso.datetime(),
});
export type RefundResource = z.infer<typeof refundResourceSchema>;

export const paymentResourceSchema = z.object({
  id: z.string().describe("pay_…"),
  amount: z.number().int().describe("Minor units of currency."),
  currency: currencyCodeSchema,
  application_fee_amount: z.number().int().describe("The platform's fee, fixed when the payment was created."),
  net_amount: z.number().int().describe("amount minus application_fee_amount."),
  status: z.enum(PAYMENT_STATUSES),
  client_secret: z.string().nullable(),
  stripe_payment_intent: z.string().describe("Stripe's PaymentIntent (pi_…)."),
  livemode: z.boolean(),
  description: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  receipt_email: z.string().nullable(),
  refunded_amount: z.number().int(),
  payment_method: z.string().nullable(),
  failure: z
    .object({ code: z.string(), decline_code: z.string().nullable(), message: z.string() })
    .nullable()
    .describe("Why the last confirmation failed; null unless status is failed."),
  created_at: z.iso.datetime(),
  succeeded_at: z.iso.datetime().nullable(),
});
export type PaymentResource = z.infer<typeof paymentResourceSchema>;

/** One page of GET /api/v1/payments/ and GET /api/v1/auth/tenants/payments/. */
export type PaymentsPage = { data: PaymentResource[]; next_cursor: string | null };

/** The steps of a payment's life the portal's detail panel lists, oldest first. */
export const PAYMENT_TIMELINE_TYPES = ["created", "succeeded", "failed", "refunded"] as const;
export type PaymentTimelineType = (typeof PAYMENT_TIMELINE_TYPES)[number];

export const paymentTimelineEntrySchema = z.object({
  type: z.enum(PAYMENT_TIMELINE_TYPES),
  at: z.iso.datetime(),
  amount: z.number().int().optional().describe("The amount of this step in minor units: the charge, or the refund."),
  detail: z.string().optional().describe("In words: the failure reason, the refund reason."),
});
export type PaymentTimelineEntry = z.infer<typeof paymentTimelineEntrySchema>;

/** A webhook message the payment caused (WebhookMessage.subjectId is the payment's id). */
export const paymentEventSchema = z.object({
  id: z.string().describe("msg_…"),
  type: z.string(),
  status: z.enum(Object.values(WEBHOOK_MESSAGE_STATUS) as [string, ...string[]]),
  created_at: z.iso.datetime(),
});
export type PaymentEvent = z.infer<typeof paymentEventSchema>;

/** GET /api/v1/auth/tenants/payments/{id}/: the payment with what happened to it. */
export const paymentDetailResourceSchema = paymentResourceSchema.extend({
  refunds: z.array(refundResourceSchema),
  events: z.array(paymentEventSchema),
  timeline: z.array(paymentTimelineEntrySchema),
});
export type PaymentDetailResource = z.infer<typeof paymentDetailResourceSchema>;

/**
 * GET /api/v1/auth/tenants/payments/summary/: succeeded payments per
 * currency and per UTC day, in minor units. `from` is the start of the first
 * UTC day covered and `to` the moment of the answer (its UTC day is the last
 * one); days without payments are left out (the chart fills them with zeros).
 */
export const paymentsSummaryResourceSchema = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  mode: z.enum(["live", "test"]),
  currencies: z.array(
    z.object({ currency: currencyCodeSchema, volume: z.number().int(), fees: z.number().int(), refunded: z.number().int(), count: z.number().int() }),
  ),
  days: z.array(z.object({ date: z.iso.date(), currency: currencyCodeSchema, volume: z.number().int(), fees: z.number().int(), count: z.number().int() })),
});
export type PaymentsSummaryResource = z.infer<typeof paymentsSummaryResourceSchema>;

/** GET /api/v1/auth/tenants/payments/export/: the list's filters, every page. */
export const portalPaymentsExportQuerySchema = portalPaymentsQuerySchema.omit({ cursor: true, limit: true });
export type PortalPaymentsExportQuery = z.infer<typeof portalPaymentsExportQuerySchema>;

/** GET /api/v1/auth/tenants/payments/summary/: the last `days` UTC days of one mode. */
export const paymentsSummaryQuerySchema = z.strictObject({
  days: z.coerce.number({ error: "days is a whole number from 1 to 90." }).int("days is a whole number from 1 to 90.").min(1, "days is at least 1.").max(90, "days is at most 90.").default(30),
  mode: z.enum(["live", "test"], { error: "mode is live or test." }).default("live"),
});
export type PaymentsSummaryQuery = z.infer<typeof paymentsSummaryQuerySchema>;
