// The platform API's payments against the built-in Stripe simulator: create,
// confirm, list, get, refund, with their errors, isolation, events and
// Idempotency-Key, on whichever database the suite runs.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { PUT as putTenantFees } from "@/app/api/v1/platform/tenants/[tenantId]/fees/route";
import { POST as suspendRoute } from "@/app/api/v1/platform/tenants/[tenantId]/suspend/route";
import { stripeSetup } from "@/lib/stripe/config";
import { call } from "./helpers/api";
import { addPlatformOperator } from "./helpers/fixtures";
import {
  configureReceiver,
  confirmPayment,
  createPayment,
  createRefund,
  drainDeliveries,
  enableCurrencies,
  getPayment,
  listPayments,
  paymentMessages,
  paymentTenant,
  succeededPayment,
} from "./helpers/payments";
import { receiversPerTest } from "./helpers/receiver";
import { withStripeSimulator } from "./helpers/stripe-simulator";

withStripeSimulator();
const receiver = receiversPerTest();

const counts = async (tenantId: string) => ({
  payments: await prisma.payment.count({ where: { tenantId } }),
  refunds: await prisma.refund.count({ where: { tenantId } }),
  keys: await prisma.idempotencyKey.count({ where: { tenantId } }),
});

/** Every PaymentIntent the simulator holds for an account (stored under acct_…/pi_…). */
const simulatorIntents = (accountId: string) =>
  prisma.stripeSimulatorObject.findMany({ where: { kind: "payment_intent", id: { startsWith: `${accountId}/` } } });

describe("POST /api/v1/payments/", () => {
  it("creates a test payment on the connected account with the platform's fee, and confirms it", async () => {
    const tenant = await paymentTenant();
    const created = await createPayment(tenant.testKey, {
      amount: 2000,
      currency: "usd",
      description: "Order 1042",
      metadata: { order_id: "1042" },
      receipt_email: "buyer@example.test",
    });
    expect(created.status).toBe(201);
    // 2.9% of 2000 = 58, + $0.30 = 88: the platform default.
    expect(created.body).toMatchObject({
      amount: 2000,
      currency: "usd",
      application_fee_amount: 88,
      net_amount: 1912,
      status: "requires_payment_method",
      livemode: false,
      description: "Order 1042",
      metadata: { order_id: "1042" },
      receipt_email: "buyer@example.test",
      refunded_amount: 0,
      payment_method: null,
      failure: null,
      succeeded_at: null,
    });
    expect(created.body.id).toMatch(/^pay_[0-9A-Za-z]{24}$/);
    expect(created.body.stripe_payment_intent).toMatch(/^pi_/);
    expect(created.body.client_secret).toMatch(new RegExp(`^${created.body.stripe_payment_intent}_secret_`));
    const row = await prisma.payment.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row).toMatchObject({ tenantId: tenant.tenantId, livemode: false, applicationFeeAmount: 88, stripeAccountId: tenant.accountId });

    const intent = await stripeSetup()!.stripe.paymentIntents.retrieve(row.stripePaymentIntentId, {}, { stripeAccount: tenant.accountId! });
    expect(intent).toMatchObject({ amount: 2000, currency: "usd", application_fee_amount: 88, description: "Order 1042" });

    const confirmed = await confirmPayment(tenant.testKey, created.body.id, "pm_card_visa");
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id: created.body.id, status: "succeeded", failure: null });
    expect(confirmed.body.payment_method).toMatch(/^pm_/);
    expect(Date.parse(confirmed.body.succeeded_at)).toBeGreaterThan(0);
    expect((await getPayment(tenant.testKey, created.body.id)).body).toEqual(confirmed.body);

    // Confirmed already: a second confirmation is a conflict and changes nothing.
    const again = await confirmPayment(tenant.testKey, created.body.id, "pm_card_visa");
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "payment_not_confirmable", details: { status: "succeeded" } });
  });

  it("creates live payments with the live key (the simulator serves both modes)", async () => {
    const tenant = await paymentTenant();
    const created = await createPayment(tenant.liveKey, { amount: 1000, currency: "usd" });
    expect(created.status).toBe(201);
    expect(created.body.livemode).toBe(true);
  });

  it("keeps the fee a payment was created with after an operator changes the tenant's schedule", async () => {
    const tenant = await paymentTenant();
    const before = await createPayment(tenant.testKey, { amount: 10_000, currency: "usd" });
    expect(before.body.application_fee_amount).toBe(320);
    const operator = await addPlatformOperator();
    const saved = await call(putTenantFees, `/api/v1/platform/tenants/${tenant.tenantId}/fees/`, {
      token: operator.token,
      method: "PUT",
      body: { percent_bps: 100, fixed: { usd: 10 } },
      params: { tenantId: tenant.tenantId },
    });
    expect(saved.status).toBe(200);
    const after = await createPayment(tenant.testKey, { amount: 10_000, currency: "usd" });
    expect(after.body.application_fee_amount).toBe(110);
    expect((await getPayment(tenant.testKey, before.body.id)).body.application_fee_amount).toBe(320);
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: before.body.id } })).applicationFeeAmount).toBe(320);
  });

  it("refuses a currency the tenant has not enabled, and accepts it once enabled", async () => {
    const tenant = await paymentTenant();
    const refused = await createPayment(tenant.testKey, { amount: 2000, currency: "eur" });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "currency_not_enabled", details: { currency: "eur", enabled_currencies: ["usd"] } });
    expect((await counts(tenant.tenantId)).payments).toBe(0);
    await enableCurrencies(tenant.token, ["usd", "eur"]);
    const accepted = await createPayment(tenant.testKey, { amount: 2000, currency: "eur" });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ currency: "eur", application_fee_amount: 83 });
  });

  it("applies each currency's exponent and minimum: JPY without decimals, KWD with a last digit of 0", async () => {
    const tenant = await paymentTenant({ currencies: ["usd", "jpy", "kwd"] });
    const yen = await createPayment(tenant.testKey, { amount: 1000, currency: "jpy" });
    expect(yen.status).toBe(201);
    expect(yen.body).toMatchObject({ amount: 1000, currency: "jpy", application_fee_amount: 59 }); // 29 + ¥30
    const tooSmall = await createPayment(tenant.testKey, { amount: 49, currency: "jpy" });
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.body.error).toMatchObject({ code: "amount_too_small", details: { minimum_amount: 50, currency: "jpy" } });

    const thirdDecimal = await createPayment(tenant.testKey, { amount: 1005, currency: "kwd" });
    expect(thirdDecimal.status).toBe(400);
    expect(thirdDecimal.body.error).toMatchObject({ code: "amount_invalid", details: { reason: "last_digit_not_zero" } });
    const dinar = await createPayment(tenant.testKey, { amount: 1000, currency: "kwd" });
    expect(dinar.status).toBe(201);
    expect(dinar.body.amount).toBe(1000);
    expect((await counts(tenant.tenantId)).payments).toBe(2);
  });

  it.each([
    ["a fraction", { amount: 10.5, currency: "usd" }, "amount_invalid", "not_an_integer"],
    ["zero", { amount: 0, currency: "usd" }, "amount_invalid", "not_positive"],
    ["a negative amount", { amount: -100, currency: "usd" }, "amount_invalid", "not_positive"],
    ["over Stripe's maximum", { amount: 100_000_000, currency: "usd" }, "amount_invalid", "over_maximum"],
  ])("refuses %s with 400 and creates nothing", async (_name, body, code, reason) => {
    const tenant = await paymentTenant();
    const result = await createPayment(tenant.testKey, body);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ code, details: { reason } });
    expect((await counts(tenant.tenantId)).payments).toBe(0);
  });

  it("answers amount_too_small with the minimum", async () => {
    const tenant = await paymentTenant();
    const result = await createPayment(tenant.testKey, { amount: 49, currency: "usd" });
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ code: "amount_too_small", details: { minimum_amount: 50 } });
  });

  it.each([
    ["51 metadata keys", { metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) }],
    ["a 41-character metadata key", { metadata: { ["k".repeat(41)]: "v" } }],
    ["a 501-character metadata value", { metadata: { note: "v".repeat(501) } }],
    ["a metadata value that is not a string", { metadata: { count: 3 } }],
    ["an unknown field", { customer: "cus_1" }],
    ["an unsupported currency", { currency: "xyz" }],
    ["an uppercase currency", { currency: "USD" }],
    ["a bad receipt_email", { receipt_email: "not-an-email" }],
  ])("refuses %s with 400 validation_error and creates nothing", async (_name, extra) => {
    const tenant = await paymentTenant();
    const result = await createPayment(tenant.testKey, { amount: 2000, currency: "usd", ...extra });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("validation_error");
    expect(result.body.error.details.length).toBeGreaterThan(0);
    expect((await counts(tenant.tenantId)).payments).toBe(0);
  });

  it("accepts metadata at Stripe's limits", async () => {
    const tenant = await paymentTenant();
    const metadata = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`${"k".repeat(38)}${String(i).padStart(2, "0")}`, "v".repeat(500)]));
    const result = await createPayment(tenant.testKey, { amount: 2000, currency: "usd", metadata });
    expect(result.status).toBe(201);
    expect(Object.keys(result.body.metadata)).toHaveLength(50);
  });

  it("answers 409 stripe_not_connected without a connected account, or while charges are disabled", async () => {
    const unconnected = await paymentTenant({ connect: false });
    const none = await createPayment(unconnected.testKey, { amount: 2000, currency: "usd" });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe("stripe_not_connected");

    const restricted = await paymentTenant();
    await prisma.stripeConnection.update({ where: { tenantId: restricted.tenantId }, data: { chargesEnabled: false } });
    const disabled = await createPayment(restricted.testKey, { amount: 2000, currency: "usd" });
    expect(disabled.status).toBe(409);
    expect(disabled.body.error.code).toBe("stripe_not_connected");
    expect(await prisma.payment.count({ where: { tenantId: { in: [unconnected.tenantId, restricted.tenantId] } } })).toBe(0);
  });

  it("refuses a suspended tenant's key with 403 tenant_suspended on every payment route", async () => {
    const tenant = await paymentTenant();
    const payment = await succeededPayment(tenant.testKey);
    const operator = await addPlatformOperator();
    const suspended = await call(suspendRoute, `/api/v1/platform/tenants/${tenant.tenantId}/suspend/`, {
      token: operator.token,
      method: "POST",
      body: { reason: "Chargeback review" },
      params: { tenantId: tenant.tenantId },
    });
    expect(suspended.status).toBe(200);
    for (const result of [
      await createPayment(tenant.testKey, { amount: 2000, currency: "usd" }),
      await confirmPayment(tenant.testKey, payment.id, "pm_card_visa"),
      await getPayment(tenant.testKey, payment.id),
      await listPayments(tenant.testKey),
      await createRefund(tenant.testKey, { payment: payment.id }),
    ]) {
      expect(result.status).toBe(403);
      expect(result.body.error.code).toBe("tenant_suspended");
    }
    expect(await counts(tenant.tenantId)).toMatchObject({ payments: 1, refunds: 0 });
  });

  it("answers 401 without a key and 403 for a publishable key", async () => {
    const tenant = await paymentTenant();
    const anonymous = await call((await import("@/app/api/v1/payments/route")).POST, "/api/v1/payments/", { method: "POST", body: { amount: 2000, currency: "usd" } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("invalid_api_key");
    const publishable = await createPayment(tenant.publishableKey, { amount: 2000, currency: "usd" });
    expect(publishable.status).toBe(403);
    expect(publishable.body.error.code).toBe("publishable_key_not_allowed");
    const portalToken = await createPayment(tenant.token, { amount: 2000, currency: "usd" });
    expect(portalToken.status).toBe(401);
    expect((await counts(tenant.tenantId)).payments).toBe(0);
  });
});

describe("POST /api/v1/payments/{id}/confirm/", () => {
  it("answers 402 card_declined with the decline code and the failed payment, then succeeds with another card", async () => {
    const tenant = await paymentTenant();
    const created = await createPayment(tenant.testKey, { amount: 2000, currency: "usd" });
    const declined = await confirmPayment(tenant.testKey, created.body.id, "pm_card_chargeDeclined");
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({
      code: "card_declined",
      details: { decline_code: "generic_decline", payment: { id: created.body.id, status: "failed", failure: { code: "card_declined", decline_code: "generic_decline" } } },
    });
    expect(declined.body.error.details.payment.failure.message).not.toBe("");
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: created.body.id } })).toMatchObject({ status: "failed", failureCode: "card_declined", declineCode: "generic_decline" });

    const broke = await confirmPayment(tenant.testKey, created.body.id, "pm_card_chargeDeclinedInsufficientFunds");
    expect(broke.status).toBe(402);
    expect(broke.body.error.details).toMatchObject({ decline_code: "insufficient_funds", payment: { status: "failed", failure: { decline_code: "insufficient_funds" } } });

    const paid = await confirmPayment(tenant.testKey, created.body.id, "pm_card_visa");
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: "succeeded", failure: null });
  });

  it("refuses a payment method Stripe does not know with 400 validation_error and leaves the payment confirmable", async () => {
    const tenant = await paymentTenant();
    const created = await createPayment(tenant.testKey, { amount: 2000, currency: "usd" });
    const unknown = await confirmPayment(tenant.testKey, created.body.id, "pm_card_doesNotExist");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("validation_error");
    expect((await getPayment(tenant.testKey, created.body.id)).body.status).toBe("requires_payment_method");
    const malformed = await confirmPayment(tenant.testKey, created.body.id, "card_visa");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("validation_error");
    expect((await confirmPayment(tenant.testKey, created.body.id, "pm_card_visa")).body.status).toBe("succeeded");
  });
});

describe("isolation", () => {
  it("answers 404 for another tenant's payment and for the other mode's, on every route, and changes nothing", async () => {
    const owner = await paymentTenant();
    const stranger = await paymentTenant();
    const testPayment = await succeededPayment(owner.testKey);
    const pending = await createPayment(owner.testKey, { amount: 2000, currency: "usd" });
    for (const [key, who] of [
      [stranger.testKey, "another tenant's test key"],
      [stranger.liveKey, "another tenant's live key"],
      [owner.liveKey, "the owner's live key"],
    ] as const) {
      for (const result of [
        await getPayment(key, testPayment.id),
        await confirmPayment(key, pending.body.id, "pm_card_visa"),
        await createRefund(key, { payment: testPayment.id, amount: 100 }),
      ]) {
        expect(result.status, who).toBe(404);
        expect(result.body.error.code).toBe("not_found");
      }
      expect((await listPayments(key)).body.data.map((payment: { id: string }) => payment.id)).not.toContain(testPayment.id);
    }
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: pending.body.id } })).toMatchObject({ status: "requires_payment_method" });
    expect(await counts(owner.tenantId)).toMatchObject({ refunds: 0 });
    const malformed = await getPayment(owner.testKey, "export");
    expect(malformed.status).toBe(404);
  });
});

describe("GET /api/v1/payments/", () => {
  it("lists the key mode's payments newest first, by cursor, with filters", async () => {
    const tenant = await paymentTenant({ currencies: ["usd", "eur"] });
    const ids: string[] = [];
    for (const [amount, currency] of [[1000, "usd"], [2000, "eur"], [3000, "usd"], [4000, "usd"]] as const) {
      const created = await createPayment(tenant.testKey, { amount, currency });
      ids.push(created.body.id);
    }
    await confirmPayment(tenant.testKey, ids[2], "pm_card_visa");
    await createPayment(tenant.liveKey, { amount: 5000, currency: "usd" });

    const first = await listPayments(tenant.testKey, "?limit=3");
    expect(first.status).toBe(200);
    expect(first.body.data.map((payment: { amount: number }) => payment.amount)).toEqual([4000, 3000, 2000]);
    expect(first.body.data[0].client_secret).toMatch(/_secret_/);
    expect(first.body.next_cursor).toBe(ids[1]);
    const second = await listPayments(tenant.testKey, `?limit=3&cursor=${first.body.next_cursor}`);
    expect(second.body).toMatchObject({ data: [{ id: ids[0] }], next_cursor: null });

    expect((await listPayments(tenant.testKey, "?status=succeeded")).body.data.map((p: { id: string }) => p.id)).toEqual([ids[2]]);
    expect((await listPayments(tenant.testKey, "?currency=eur")).body.data.map((p: { id: string }) => p.id)).toEqual([ids[1]]);
    expect((await listPayments(tenant.liveKey)).body.data.map((p: { amount: number }) => p.amount)).toEqual([5000]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await listPayments(tenant.testKey, `?created_gte=${encodeURIComponent(future)}`)).body.data).toEqual([]);
    expect((await listPayments(tenant.testKey, `?created_lte=${encodeURIComponent(future)}`)).body.data).toHaveLength(4);
  });

  it.each([
    ["?cursor=pay_notmine", "invalid_cursor"],
    ["?status=paid", "validation_error"],
    ["?currency=xyz", "validation_error"],
    ["?created_gte=yesterday", "validation_error"],
    ["?limit=101", "validation_error"],
    ["?mode=live", "validation_error"],
  ])("answers 400 for %s", async (query, code) => {
    const tenant = await paymentTenant();
    const result = await listPayments(tenant.testKey, query);
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe(code);
  });

  it("refuses another tenant's payment as a cursor", async () => {
    const owner = await paymentTenant();
    const stranger = await paymentTenant();
    const theirs = await createPayment(stranger.testKey, { amount: 2000, currency: "usd" });
    const result = await listPayments(owner.testKey, `?cursor=${theirs.body.id}`);
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("invalid_cursor");
  });
});

describe("POST /api/v1/refunds/", () => {
  it("refunds part, then the rest, and refuses more", async () => {
    const tenant = await paymentTenant();
    const payment = await succeededPayment(tenant.testKey);
    const part = await createRefund(tenant.testKey, { payment: payment.id, amount: 500, reason: "requested_by_customer" });
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({
      payment: payment.id,
      amount: 500,
      currency: "usd",
      status: "succeeded",
      reason: "requested_by_customer",
      refund_application_fee: false,
      application_fee_refunded: 0,
      livemode: false,
    });
    expect(part.body.id).toMatch(/^rfd_/);
    expect(part.body.stripe_refund).toMatch(/^re_/);
    expect((await getPayment(tenant.testKey, payment.id)).body.refunded_amount).toBe(500);

    const tooMuch = await createRefund(tenant.testKey, { payment: payment.id, amount: 1501 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error).toMatchObject({ code: "amount_exceeds_refundable", details: { refundable_amount: 1500 } });

    const rest = await createRefund(tenant.testKey, { payment: payment.id, refund_application_fee: true });
    expect(rest.status).toBe(201);
    expect(rest.body).toMatchObject({ amount: 1500, refund_application_fee: true, application_fee_refunded: 88 });
    expect((await getPayment(tenant.testKey, payment.id)).body.refunded_amount).toBe(2000);

    const nothingLeft = await createRefund(tenant.testKey, { payment: payment.id });
    expect(nothingLeft.status).toBe(400);
    expect(nothingLeft.body.error).toMatchObject({ code: "amount_exceeds_refundable", details: { refundable_amount: 0 } });
    expect(await prisma.refund.count({ where: { paymentId: payment.id } })).toBe(2);
    expect(await prisma.refund.count({ where: { paymentId: payment.id, stripeRefundId: { startsWith: "pending_" } } })).toBe(0);
  });

  it("refuses a payment that did not succeed with 409 payment_not_refundable", async () => {
    const tenant = await paymentTenant();
    const created = await createPayment(tenant.testKey, { amount: 2000, currency: "usd" });
    const result = await createRefund(tenant.testKey, { payment: created.body.id });
    expect(result.status).toBe(409);
    expect(result.body.error).toMatchObject({ code: "payment_not_refundable", details: { status: "requires_payment_method" } });
    expect((await counts(tenant.tenantId)).refunds).toBe(0);
  });

  it.each([
    [{ amount: 0 }, "amount_invalid"],
    [{ amount: 12.5 }, "amount_invalid"],
    [{ amount: -5 }, "amount_invalid"],
    [{ reason: "changed_mind" }, "validation_error"],
    [{ refund_application_fee: "yes" }, "validation_error"],
  ])("refuses %j with 400 %s and refunds nothing", async (extra, code) => {
    const tenant = await paymentTenant();
    const payment = await succeededPayment(tenant.testKey);
    const result = await createRefund(tenant.testKey, { payment: payment.id, ...extra });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe(code);
    expect((await counts(tenant.tenantId)).refunds).toBe(0);
    expect((await getPayment(tenant.testKey, payment.id)).body.refunded_amount).toBe(0);
  });

  it("never over-refunds when two refunds race", async () => {
    const tenant = await paymentTenant();
    const payment = await succeededPayment(tenant.testKey, { amount: 1000, currency: "usd" });
    const results = await Promise.all([createRefund(tenant.testKey, { payment: payment.id, amount: 600 }), createRefund(tenant.testKey, { payment: payment.id, amount: 600 })]);
    expect(results.map((result) => result.status).sort()).toEqual([201, 400]);
    expect(results.find((result) => result.status === 400)!.body.error.code).toBe("amount_exceeds_refundable");
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).refundedAmount).toBe(600);
    expect(await prisma.refund.findMany({ where: { paymentId: payment.id } })).toMatchObject([{ amount: 600, status: "succeeded" }]);
  });
});

describe("webhook events", () => {
  it("delivers payment.succeeded, payment.failed and payment.refunded, signed, one each", async () => {
    const tenant = await paymentTenant();
    const target = await receiver();
    await configureReceiver(tenant.token, target);
    const declined = await createPayment(tenant.testKey, { amount: 2000, currency: "usd" });
    expect((await confirmPayment(tenant.testKey, declined.body.id, "pm_card_chargeDeclined")).status).toBe(402);
    const paid = await succeededPayment(tenant.testKey);
    expect((await createRefund(tenant.testKey, { payment: paid.id, amount: 700 })).status).toBe(201);
    await drainDeliveries();

    const received = target.received.map((delivery) => ({ verified: delivery.verified, body: JSON.parse(delivery.body) }));
    expect(received.every((delivery) => delivery.verified)).toBe(true);
    const byType = (type: string) => received.filter((delivery) => delivery.body.type === type).map((delivery) => delivery.body.data);
    expect(byType("payment.failed")).toMatchObject([{ id: declined.body.id, status: "failed", failure: { decline_code: "generic_decline" } }]);
    expect(byType("payment.succeeded")).toMatchObject([{ id: paid.id, status: "succeeded" }]);
    expect(byType("payment.refunded")).toMatchObject([{ id: paid.id, refunded_amount: 700, refund: { amount: 700, payment: paid.id } }]);
    for (const delivery of received) expect(delivery.body.data).not.toHaveProperty("client_secret");
    expect((await paymentMessages(tenant.tenantId, paid.id)).map((message) => message.eventType)).toEqual(["payment.succeeded", "payment.refunded"]);
  });
});

describe("Idempotency-Key", () => {
  it("replays the first answer for the same key and body, creating nothing more", async () => {
    const tenant = await paymentTenant();
    const body = { amount: 2000, currency: "usd", metadata: { order: "7" } };
    const first = await createPayment(tenant.testKey, body, { "Idempotency-Key": "order-7" });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const replay = await createPayment(tenant.testKey, { metadata: { order: "7" }, currency: "usd", amount: 2000 }, { "Idempotency-Key": "order-7" });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual(first.body);
    expect(await counts(tenant.tenantId)).toMatchObject({ payments: 1, keys: 1 });
    expect(await simulatorIntents(tenant.accountId!)).toHaveLength(1);

    const other = await createPayment(tenant.testKey, { amount: 2001, currency: "usd" }, { "Idempotency-Key": "order-7" });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency_key_reused");
    // The same key on another route is another request too.
    const refund = await createRefund(tenant.testKey, { payment: first.body.id }, { "Idempotency-Key": "order-7" });
    expect(refund.status).toBe(409);
    expect(refund.body.error.code).toBe("idempotency_key_reused");
    // Keys are per mode: the live key may use the same one.
    expect((await createPayment(tenant.liveKey, body, { "Idempotency-Key": "order-7" })).status).toBe(201);
    expect((await counts(tenant.tenantId)).payments).toBe(2);
  });

  it("replays refusals too (a 402 decline, a 400), and frees nothing but 5xx answers", async () => {
    const tenant = await paymentTenant();
    const small = await createPayment(tenant.testKey, { amount: 10, currency: "usd" }, { "Idempotency-Key": "tiny" });
    expect(small.status).toBe(400);
    const smallAgain = await createPayment(tenant.testKey, { amount: 10, currency: "usd" }, { "Idempotency-Key": "tiny" });
    expect(smallAgain).toMatchObject({ status: 400, body: small.body });
    expect(smallAgain.headers.get("idempotent-replayed")).toBe("true");

    const created = await createPayment(tenant.testKey, { amount: 2000, currency: "usd" });
    const declined = await confirmPayment(tenant.testKey, created.body.id, "pm_card_chargeDeclined", { "Idempotency-Key": "confirm-1" });
    expect(declined.status).toBe(402);
    const replayed = await confirmPayment(tenant.testKey, created.body.id, "pm_card_chargeDeclined", { "Idempotency-Key": "confirm-1" });
    expect(replayed).toMatchObject({ status: 402, body: declined.body });
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: created.body.id } })).toMatchObject({ status: "failed", declineCode: "generic_decline" });
  });

  it("refuses a key over 255 characters with 400 and creates nothing", async () => {
    const tenant = await paymentTenant();
    const result = await createPayment(tenant.testKey, { amount: 2000, currency: "usd" }, { "Idempotency-Key": "k".repeat(256) });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("validation_error");
    expect(await counts(tenant.tenantId)).toMatchObject({ payments: 0, keys: 0 });
    expect((await createPayment(tenant.testKey, { amount: 2000, currency: "usd" }, { "Idempotency-Key": "k".repeat(255) })).status).toBe(201);
  });

  it("treats an expired key as new", async () => {
    const tenant = await paymentTenant();
    const first = await createPayment(tenant.testKey, { amount: 2000, currency: "usd" }, { "Idempotency-Key": "old" });
    await prisma.idempotencyKey.updateMany({ where: { tenantId: tenant.tenantId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const second = await createPayment(tenant.testKey, { amount: 2500, currency: "usd" }, { "Idempotency-Key": "old" });
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(await counts(tenant.tenantId)).toMatchObject({ payments: 2, keys: 1 });
  });

  it("creates one payment and one PaymentIntent for 20 concurrent requests with one key", async () => {
    const tenant = await paymentTenant();
    const body = { amount: 4200, currency: "usd", description: "Concurrent" };
    const results = await Promise.all(Array.from({ length: 20 }, () => createPayment(tenant.testKey, body, { "Idempotency-Key": "burst" })));
    const statuses = results.map((result) => result.status);
    // Each waits (up to 10 s) for the first to answer, then replays it: no 409 idempotency_key_in_use at this size.
    expect(statuses, statuses.join(",")).toEqual(Array(20).fill(201));
    const ids = new Set(results.filter((result) => result.status === 201).map((result) => result.body.id));
    expect(ids.size).toBe(1);
    expect((await counts(tenant.tenantId)).payments).toBe(1);
    expect(await simulatorIntents(tenant.accountId!)).toHaveLength(1);
  });
});
