// Stripe's payment events reaching /api/stripe/webhooks: applied through the
// payment transitions, once, in whatever order they come, each change
// announced to the tenant once. The events are built and signed here, as
// Stripe would send them, for payments stored directly.
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as stripeWebhook } from "@/app/api/stripe/webhooks/route";
import { newPublicId } from "@/lib/ids";
import { stripeSetup } from "@/lib/stripe/config";
import { call } from "./helpers/api";
import { configureReceiver, paymentMessages, paymentTenant, type PaymentTenant } from "./helpers/payments";
import { receiversPerTest } from "./helpers/receiver";
import { withStripeSimulator } from "./helpers/stripe-simulator";

withStripeSimulator();
const receiver = receiversPerTest();

let eventCounter = 0;

async function sendEvent(type: string, object: object, account: string, options: { signature?: string } = {}) {
  eventCounter += 1;
  const event = { id: `evt_paytest${Date.now()}${eventCounter}`, object: "event", type, account, created: Math.floor(Date.now() / 1000), livemode: false, api_version: "2025-01-01", data: { object } };
  const payload = JSON.stringify(event);
  const signature = options.signature ?? Stripe.webhooks.generateTestHeaderString({ payload, secret: stripeSetup()!.webhookSecret! });
  const result = await call(stripeWebhook as never, "/api/stripe/webhooks", { method: "POST", body: payload, headers: { "stripe-signature": signature } });
  return { ...result, eventId: event.id, payload };
}

/** A payment row as createPayment stores it, without going through Stripe. */
async function storedPayment(tenant: PaymentTenant, extra: { status?: string; amount?: number; refundedAmount?: number } = {}) {
  const id = newPublicId("pay");
  return prisma.payment.create({
    data: {
      id,
      tenantId: tenant.tenantId,
      livemode: false,
      amount: extra.amount ?? 2000,
      currency: "usd",
      applicationFeeAmount: 88,
      status: extra.status ?? "requires_payment_method",
      stripePaymentIntentId: `pi_evt${id.slice(4)}`,
      stripeAccountId: tenant.accountId!,
      clientSecret: `pi_evt${id.slice(4)}_secret_x`,
      refundedAmount: extra.refundedAmount ?? 0,
    },
  });
}

const intent = (id: string, extra: object = {}) => ({ id, object: "payment_intent", amount: 2000, currency: "usd", status: "succeeded", payment_method: "pm_1Visa", ...extra });
const declined = (id: string) =>
  intent(id, {
    status: "requires_payment_method",
    payment_method: null,
    last_payment_error: { type: "card_error", code: "card_declined", decline_code: "insufficient_funds", message: "Your card has insufficient funds.", payment_method: { id: "pm_1Declined", object: "payment_method" } },
  });
const charge = (paymentIntent: string, refunds: object[]) => ({
  id: `ch_${paymentIntent.slice(3)}`,
  object: "charge",
  payment_intent: paymentIntent,
  amount: 2000,
  amount_refunded: refunds.reduce((sum: number, refund) => sum + (refund as { amount: number }).amount, 0),
  refunded: false,
  refunds: { object: "list", data: refunds, has_more: false },
});
const stripeRefund = (id: string, amount: number, extra: object = {}) => ({ id, object: "refund", amount, currency: "usd", status: "succeeded", reason: null, created: Math.floor(Date.now() / 1000), metadata: {}, ...extra });

async function tenantWithReceiver() {
  const tenant = await paymentTenant();
  await configureReceiver(tenant.token, await receiver());
  return tenant;
}

describe("payment_intent.succeeded", () => {
  it("marks the payment succeeded and announces it once, however often the event comes", async () => {
    const tenant = await tenantWithReceiver();
    const payment = await storedPayment(tenant);
    const first = await sendEvent("payment_intent.succeeded", intent(payment.stripePaymentIntentId), tenant.accountId!);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: true, duplicate: false });
    const stored = await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(stored).toMatchObject({ status: "succeeded", paymentMethod: "pm_1Visa" });
    expect(stored.succeededAt).toBeInstanceOf(Date);

    // The same event again (Stripe's retry): a duplicate, nothing more.
    const again = await call(stripeWebhook as never, "/api/stripe/webhooks", {
      method: "POST",
      body: first.payload,
      headers: { "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: first.payload, secret: stripeSetup()!.webhookSecret! }) },
    });
    expect(again.body).toEqual({ received: true, duplicate: true });
    // Another event saying the same thing: recorded, and still one announcement.
    expect((await sendEvent("payment_intent.succeeded", intent(payment.stripePaymentIntentId), tenant.accountId!)).body.duplicate).toBe(false);

    const messages = await paymentMessages(tenant.tenantId, payment.id);
    expect(messages.map((message) => message.eventType)).toEqual(["payment.succeeded"]);
    const body = JSON.parse(messages[0].body);
    expect(body).toMatchObject({ type: "payment.succeeded", test: false, data: { id: payment.id, status: "succeeded", net_amount: 1912 } });
    expect(body.data).not.toHaveProperty("client_secret");
  });

  it("keeps a succeeded payment succeeded when payment_failed arrives late", async () => {
    const tenant = await tenantWithReceiver();
    const payment = await storedPayment(tenant);
    await sendEvent("payment_intent.succeeded", intent(payment.stripePaymentIntentId), tenant.accountId!);
    const late = await sendEvent("payment_intent.payment_failed", declined(payment.stripePaymentIntentId), tenant.accountId!);
    expect(late.status).toBe(200);
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "succeeded", failureCode: null });
    expect((await paymentMessages(tenant.tenantId, payment.id)).map((message) => message.eventType)).toEqual(["payment.succeeded"]);
    expect(await prisma.stripeEvent.count({ where: { id: late.eventId } })).toBe(1);
  });

  it("records an event for a PaymentIntent the portal never made, or on another account, and changes nothing", async () => {
    const tenant = await tenantWithReceiver();
    const payment = await storedPayment(tenant);
    const unknown = await sendEvent("payment_intent.succeeded", intent("pi_notours"), tenant.accountId!);
    expect(unknown.status).toBe(200);
    expect(await prisma.stripeEvent.count({ where: { id: unknown.eventId } })).toBe(1);
    const elsewhere = await sendEvent("payment_intent.succeeded", intent(payment.stripePaymentIntentId), "acct_someoneelse");
    expect(elsewhere.status).toBe(200);
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("requires_payment_method");
    expect(await paymentMessages(tenant.tenantId, payment.id)).toEqual([]);
  });
});

describe("payment_intent.payment_failed", () => {
  it("records the decline and announces it once", async () => {
    const tenant = await tenantWithReceiver();
    const payment = await storedPayment(tenant);
    await sendEvent("payment_intent.payment_failed", declined(payment.stripePaymentIntentId), tenant.accountId!);
    await sendEvent("payment_intent.payment_failed", declined(payment.stripePaymentIntentId), tenant.accountId!);
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "failed",
      paymentMethod: "pm_1Declined",
      failureCode: "card_declined",
      declineCode: "insufficient_funds",
      failureMessage: "Your card has insufficient funds.",
    });
    const messages = await paymentMessages(tenant.tenantId, payment.id);
    expect(messages.map((message) => message.eventType)).toEqual(["payment.failed"]);
    expect(JSON.parse(messages[0].body).data.failure).toEqual({ code: "card_declined", decline_code: "insufficient_funds", message: "Your card has insufficient funds." });

    // A later success (the customer tried another card) still counts.
    await sendEvent("payment_intent.succeeded", intent(payment.stripePaymentIntentId), tenant.accountId!);
    expect((await paymentMessages(tenant.tenantId, payment.id)).map((message) => message.eventType)).toEqual(["payment.failed", "payment.succeeded"]);
  });
});

describe("charge.refunded", () => {
  it("records a refund made on Stripe's side once, and the payment's refunded amount with it", async () => {
    const tenant = await tenantWithReceiver();
    const payment = await storedPayment(tenant, { status: "succeeded" });
    const first = [stripeRefund("re_side1", 500, { reason: "requested_by_customer" })];
    await sendEvent("charge.refunded", charge(payment.stripePaymentIntentId, first), tenant.accountId!);
    await sendEvent("charge.refunded", charge(payment.stripePaymentIntentId, first), tenant.accountId!);
    // A second refund: the event lists both, only the new one is recorded.
    await sendEvent("charge.refunded", charge(payment.stripePaymentIntentId, [stripeRefund("re_side2", 300), ...first]), tenant.accountId!);

    expect((await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).refundedAmount).toBe(800);
    const refunds = await prisma.refund.findMany({ where: { paymentId: payment.id }, orderBy: { amount: "desc" } });
    expect(refunds).toMatchObject([
      { stripeRefundId: "re_side1", amount: 500, status: "succeeded", reason: "requested_by_customer", livemode: false, tenantId: tenant.tenantId },
      { stripeRefundId: "re_side2", amount: 300, reason: null },
    ]);
    expect(refunds[0].id).toMatch(/^rfd_[0-9A-Za-z]{24}$/);
    const messages = await paymentMessages(tenant.tenantId, payment.id);
    expect(messages.map((message) => message.eventType)).toEqual(["payment.refunded", "payment.refunded"]);
    expect(JSON.parse(messages[0].body).data).toMatchObject({ refunded_amount: 500, refund: { stripe_refund: "re_side1", amount: 500 } });
    expect(JSON.parse(messages[1].body).data).toMatchObject({ refunded_amount: 800, refund: { stripe_refund: "re_side2", amount: 300 } });

    // refund.updated moves a known refund's status.
    await sendEvent("refund.updated", stripeRefund("re_side2", 300, { status: "failed" }), tenant.accountId!);
    expect((await prisma.refund.findUniqueOrThrow({ where: { stripeRefundId: "re_side2" } })).status).toBe("failed");
  });

  it("never records more refunded than the payment's amount", async () => {
    const tenant = await tenantWithReceiver();
    const payment = await storedPayment(tenant, { status: "succeeded", refundedAmount: 1900 });
    await sendEvent("charge.refunded", charge(payment.stripePaymentIntentId, [stripeRefund("re_toomuch", 500)]), tenant.accountId!);
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).refundedAmount).toBe(1900);
    expect(await prisma.refund.count({ where: { paymentId: payment.id } })).toBe(0);
    expect(await paymentMessages(tenant.tenantId, payment.id)).toEqual([]);
  });
});

describe("signature", () => {
  it("refuses an unsigned or wrongly signed payment event and applies nothing", async () => {
    const tenant = await tenantWithReceiver();
    const payment = await storedPayment(tenant);
    const forged = await sendEvent("payment_intent.succeeded", intent(payment.stripePaymentIntentId), tenant.accountId!, { signature: "t=1,v1=deadbeef" });
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe("invalid_signature");
    expect(await prisma.stripeEvent.count({ where: { id: forged.eventId } })).toBe(0);
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("requires_payment_method");
  });
});
