// The registry of events a tenant's endpoint can receive: per type a
// description, the zod schema of its `data` and an example. emitEvent is typed
// by it, the test console and docs/api.md show it, and the JSON Schema is
// derived from the zod schema so the two cannot disagree. Imported by a client
// page, so it holds no server code. Adding an event type is one entry below.

import { z } from "zod";
import { paymentResourceSchema, refundResourceSchema } from "@/lib/schemas/payments";
import { PAYMENT_STATUS, REFUND_STATUS } from "@/lib/statuses";

type EventDefinition<S extends z.ZodType> = { description: string; data: S; example: z.input<S> };

/** Checks each example against its schema's type at compile time (the unit test checks it at run time). */
const defineEvent = <S extends z.ZodType>(definition: EventDefinition<S>) => definition;

const keyMode = z.enum(["live", "test"]);
const stripeAccountFlags = {
  account_id: z.string().describe("The connected Stripe account (acct_…)."),
  charges_enabled: z.boolean(),
  payouts_enabled: z.boolean(),
  details_submitted: z.boolean(),
};

// A payment as events carry it: the API's object without the client secret,
// which belongs to the tenant's checkout page, not to its webhook log.
const paymentEventData = paymentResourceSchema.omit({ client_secret: true });
const examplePayment: z.input<typeof paymentEventData> = {
  id: "pay_3kTq8wPz",
  amount: 2000,
  currency: "eur",
  application_fee_amount: 88,
  net_amount: 1912,
  status: PAYMENT_STATUS.succeeded,
  stripe_payment_intent: "pi_3PqR",
  livemode: false,
  description: "Order 1042",
  metadata: { order_id: "1042" },
  receipt_email: null,
  refunded_amount: 0,
  payment_method: "pm_card_visa",
  failure: null,
  created_at: "2026-11-27T10:00:00.000Z",
  succeeded_at: "2026-11-27T10:00:02.000Z",
};

export const WEBHOOK_EVENTS = {
  "webhook.test": defineEvent({
    description: "Sent only from the test console; its data is whatever the console sends.",
    data: z.looseObject({ message: z.string().optional() }),
    example: { message: "Hello from the Tenant Admin Portal" },
  }),
  "api_keys.regenerated": defineEvent({
    description: "New API keys were issued; the old ones stopped or will stop working.",
    data: z.object({
      key_type: z.enum(["live", "test", "all"]),
      modes: z.array(keyMode),
      new_key_ids: z.array(z.string()),
      replaced_count: z.number().int().nonnegative(),
      old_keys_expire_at: z.iso.datetime().describe("When the replaced keys stop working (now, or after the grace period)."),
    }),
    example: { key_type: "test", modes: ["test"], new_key_ids: ["cmkey123"], replaced_count: 2, old_keys_expire_at: "2026-11-27T10:00:00.000Z" },
  }),
  "api_keys.revoked": defineEvent({
    description: "API keys were revoked in an emergency; no replacement was issued.",
    data: z.object({
      key_type: z.enum(["live", "test", "all"]),
      modes: z.array(keyMode),
      revoked_count: z.number().int().nonnegative(),
      reason: z.string(),
    }),
    example: { key_type: "live", modes: ["live"], revoked_count: 2, reason: "Key pasted in a public repository" },
  }),
  "stripe.account.connected": defineEvent({
    description: "A Stripe account was connected to the tenant.",
    data: z.object(stripeAccountFlags),
    example: { account_id: "acct_123", charges_enabled: true, payouts_enabled: true, details_submitted: true },
  }),
  "stripe.account.updated": defineEvent({
    description: "Something the tenant sees changed on the connected account (capabilities, requirements).",
    data: z.object({
      ...stripeAccountFlags,
      currently_due: z.array(z.string()).describe("Stripe's requirements that are due now."),
      source: z.enum(["stripe_event", "status_check"]).describe("What noticed the change: an event from Stripe, or a status check."),
    }),
    example: { account_id: "acct_123", charges_enabled: false, payouts_enabled: false, details_submitted: true, currently_due: ["external_account"], source: "stripe_event" },
  }),
  "stripe.account.disconnected": defineEvent({
    description: "The Stripe account was disconnected, by an owner or on Stripe's side.",
    data: z.object({
      account_id: z.string().optional().describe("Absent when Stripe ended the platform's access."),
      reason: z.string(),
    }),
    example: { account_id: "acct_123", reason: "disconnected_by_owner" },
  }),
  "payment.succeeded": defineEvent({
    description: "A payment succeeded: the money is on the connected account, less the platform's fee.",
    data: paymentEventData,
    example: examplePayment,
  }),
  "payment.failed": defineEvent({
    description: "A confirmation of the payment failed (a declined card); `failure` says why.",
    data: paymentEventData,
    example: {
      ...examplePayment,
      status: PAYMENT_STATUS.failed,
      payment_method: "pm_card_chargeDeclined",
      failure: { code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." },
      succeeded_at: null,
    },
  }),
  "payment.refunded": defineEvent({
    description: "All or part of a payment was refunded; `refund` is the refund that did it.",
    data: paymentEventData.extend({ refund: refundResourceSchema }),
    example: {
      ...examplePayment,
      refunded_amount: 500,
      refund: {
        id: "rfd_8Hq2",
        payment: "pay_3kTq8wPz",
        amount: 500,
        currency: "eur",
        status: REFUND_STATUS.succeeded,
        reason: "requested_by_customer",
        refund_application_fee: false,
        application_fee_refunded: 0,
        stripe_refund: "re_3PqS",
        livemode: false,
        created_at: "2026-11-28T09:00:00.000Z",
      },
    },
  }),
};

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;
/** The `data` an event of this type carries. */
export type WebhookEventData<T extends WebhookEventType> = z.input<(typeof WEBHOOK_EVENTS)[T]["data"]>;

export type EventTypeInfo = {
  type: WebhookEventType;
  description: string;
  example: Record<string, unknown>;
  /** JSON Schema (draft 2020-12) of the event's `data`. */
  schema: Record<string, unknown>;
};

export const EVENT_TYPES: EventTypeInfo[] = (Object.keys(WEBHOOK_EVENTS) as WebhookEventType[]).map((type) => {
  const { description, data, example } = WEBHOOK_EVENTS[type];
  return { type, description, example, schema: z.toJSONSchema(data) };
});

export const isWebhookEventType = (type: string): type is WebhookEventType => Object.hasOwn(WEBHOOK_EVENTS, type);

export const DEFAULT_TEST_EVENT: WebhookEventType = "webhook.test";
