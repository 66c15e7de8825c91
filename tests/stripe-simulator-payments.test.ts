import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as connect } from "@/app/api/v1/auth/tenants/stripe/connect/route";
import { GET as callback } from "@/app/api/v1/auth/tenants/stripe/callback/route";
import { simulatorApiKey, stripeSetup } from "@/lib/stripe/config";
import { handleSimulatorRequest } from "@/lib/stripe/simulator/api";
import { PENDING_SECONDS } from "@/lib/stripe/simulator/balance";
import type { OnboardingOutcome } from "@/lib/stripe/simulator/accounts";
import { finishAccountLink } from "@/lib/stripe/simulator/onboarding";
import { call, registerOwner } from "./helpers/api";
import { withStripeSimulator } from "./helpers/stripe-simulator";

const simulator = withStripeSimulator();
const stripe = () => stripeSetup()!.stripe;

/** A tenant's connected account, onboarded through the portal's own Connect flow and the simulated onboarding page. */
async function connectedAccount(outcome: OnboardingOutcome = "complete") {
  const owner = await registerOwner();
  const started = await call(connect, "/api/v1/auth/tenants/stripe/connect/", { token: owner.token, body: {} });
  expect(started.status).toBe(200);
  const returnUrl = await finishAccountLink(new URL(started.body.url as string).searchParams.get("link")!, outcome);
  const back = new URL(returnUrl);
  await call(callback, back.pathname + back.search, { cookie: owner.session });
  const { accountId } = await prisma.stripeConnection.findUniqueOrThrow({ where: { tenantId: owner.tenantId } });
  return { owner, stripeAccount: accountId! };
}

const createIntent = (stripeAccount: string, extra: Partial<Stripe.PaymentIntentCreateParams> = {}, options: Stripe.RequestOptions = {}) =>
  stripe().paymentIntents.create(
    { amount: 2000, currency: "usd", application_fee_amount: 150, description: "Order 42", metadata: { order: "42" }, receipt_email: "buyer@example.com", ...extra },
    { stripeAccount, ...options },
  );

async function paid(stripeAccount: string, extra: Partial<Stripe.PaymentIntentCreateParams> = {}) {
  const intent = await createIntent(stripeAccount, extra);
  return stripe().paymentIntents.confirm(intent.id, { payment_method: "pm_card_visa" }, { stripeAccount });
}

/** What stripe-node throws for a call, for asserting on the error's fields. */
async function failure(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

/** The events the simulator sent in this test, signature checked as the portal checks it. */
const sentEvents = () => simulator.events.map(({ payload, signature }) => stripe().webhooks.constructEvent(payload, signature, stripeSetup()!.webhookSecret!));

/** Moves a stored charge's creation back in time, as if it had been made `seconds` earlier. */
async function ageCharge(stripeAccount: string, chargeId: string, seconds: number) {
  const row = await prisma.stripeSimulatorObject.findUniqueOrThrow({ where: { id: `${stripeAccount}/${chargeId}` } });
  const data = row.data as { created: number };
  await prisma.stripeSimulatorObject.update({ where: { id: row.id }, data: { data: { ...data, created: data.created - seconds } } });
}

const simulatorRows = async () => (await prisma.stripeSimulatorObject.findMany({ orderBy: { id: "asc" } })).map(({ id, data }) => ({ id, data }));

describe("PaymentIntents on a connected account", () => {
  it("creates one in Stripe's shape and retrieves it on the same account", async () => {
    const { stripeAccount } = await connectedAccount();
    const intent = await createIntent(stripeAccount);
    expect(intent).toMatchObject({
      object: "payment_intent",
      amount: 2000,
      currency: "usd",
      application_fee_amount: 150,
      description: "Order 42",
      metadata: { order: "42" },
      receipt_email: "buyer@example.com",
      status: "requires_payment_method",
      livemode: false,
      latest_charge: null,
      last_payment_error: null,
      payment_method_types: ["card"],
    });
    expect(intent.id).toMatch(/^pi_/);
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    expect(await stripe().paymentIntents.retrieve(intent.id, {}, { stripeAccount })).toEqual(intent);
  });

  it("answers another account's PaymentIntent 404 resource_missing, and an unknown or deauthorized account 403 account_invalid", async () => {
    const { stripeAccount } = await connectedAccount();
    const other = await connectedAccount();
    const intent = await createIntent(stripeAccount);

    const foreign = await failure(stripe().paymentIntents.retrieve(intent.id, {}, { stripeAccount: other.stripeAccount }));
    expect(foreign).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 404, code: "resource_missing" });
    const foreignConfirm = await failure(stripe().paymentIntents.confirm(intent.id, { payment_method: "pm_card_visa" }, { stripeAccount: other.stripeAccount }));
    expect(foreignConfirm).toMatchObject({ statusCode: 404, code: "resource_missing" });
    expect((await stripe().paymentIntents.retrieve(intent.id, {}, { stripeAccount })).status).toBe("requires_payment_method");

    const unknown = await failure(createIntent("acct_simnosuchaccount"));
    expect(unknown).toMatchObject({ type: "StripePermissionError", statusCode: 403, code: "account_invalid" });
    await stripe().oauth.deauthorize({ client_id: "ca_simulator", stripe_user_id: other.stripeAccount });
    const revoked = await failure(createIntent(other.stripeAccount));
    expect(revoked).toMatchObject({ statusCode: 403, code: "account_invalid" });
  });

  it("refuses a PaymentIntent on an account that cannot take charges yet (400) and bad amounts, creating nothing", async () => {
    const { stripeAccount } = await connectedAccount("requirements_due");
    const before = await simulatorRows();
    const disabled = await failure(createIntent(stripeAccount));
    expect(disabled).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400, code: "account_invalid" });
    expect(disabled.message).toContain("cannot currently make charges");

    const enabled = await connectedAccount();
    const tooSmall = await failure(createIntent(enabled.stripeAccount, { amount: 49, application_fee_amount: 0 }));
    expect(tooSmall).toMatchObject({ statusCode: 400, code: "amount_too_small", param: "amount" });
    const feeTooLarge = await failure(createIntent(enabled.stripeAccount, { amount: 100, application_fee_amount: 101 }));
    expect(feeTooLarge).toMatchObject({ statusCode: 400, param: "application_fee_amount" });
    const noAccount = await failure(stripe().paymentIntents.create({ amount: 2000, currency: "usd" }));
    expect(noAccount).toMatchObject({ statusCode: 400, code: "parameter_missing" });
    const after = await simulatorRows();
    expect(after.filter((row) => row.id.includes("/pi_"))).toEqual(before.filter((row) => row.id.includes("/pi_")));
  });

  it("confirms with a succeeding test card: succeeded, a charge, the platform's application fee, payment_intent.succeeded sent", async () => {
    const { stripeAccount } = await connectedAccount();
    simulator.events.length = 0;
    for (const card of ["pm_card_visa", "pm_card_mastercard", "pm_card_amex"]) {
      const intent = await createIntent(stripeAccount);
      const confirmed = await stripe().paymentIntents.confirm(intent.id, { payment_method: card }, { stripeAccount });
      expect(confirmed).toMatchObject({ id: intent.id, status: "succeeded", amount_received: 2000, payment_method: card, last_payment_error: null });
      expect(confirmed.latest_charge).toMatch(/^ch_/);

      const charge = await stripe().charges.retrieve(confirmed.latest_charge as string, {}, { stripeAccount });
      expect(charge).toMatchObject({ status: "succeeded", paid: true, amount: 2000, amount_refunded: 0, refunded: false, application_fee_amount: 150, payment_intent: intent.id });
      expect(charge.application_fee).toMatch(/^fee_/);
      const fee = await stripe().applicationFees.retrieve(charge.application_fee as string);
      expect(fee).toMatchObject({ object: "application_fee", account: stripeAccount, amount: 150, amount_refunded: 0, charge: charge.id, currency: "usd", refunded: false });
    }
    const events = sentEvents();
    expect(events.map((event) => [event.type, event.account])).toEqual(Array(3).fill(["payment_intent.succeeded", stripeAccount]));
    expect(events[0].data.object).toMatchObject({ object: "payment_intent", status: "succeeded" });
    // The portal records each event it verified.
    expect(await prisma.stripeEvent.count({ where: { id: { in: events.map((event) => event.id) }, accountId: stripeAccount } })).toBe(3);
  });

  for (const [card, declineCode] of [
    ["pm_card_chargeDeclined", "generic_decline"],
    ["pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds"],
  ] as const) {
    it(`${card}: StripeCardError card_declined/${declineCode}, PaymentIntent back to requires_payment_method, payment_failed sent`, async () => {
      const { stripeAccount } = await connectedAccount();
      const intent = await createIntent(stripeAccount);
      simulator.events.length = 0;
      const error = await failure(stripe().paymentIntents.confirm(intent.id, { payment_method: card }, { stripeAccount }));
      expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(error).toMatchObject({ statusCode: 402, code: "card_declined", decline_code: declineCode });
      const raw = error.raw as { payment_intent: Stripe.PaymentIntent };
      expect(raw.payment_intent).toMatchObject({ id: intent.id, status: "requires_payment_method", last_payment_error: { type: "card_error", code: "card_declined", decline_code: declineCode } });

      const after = await stripe().paymentIntents.retrieve(intent.id, {}, { stripeAccount });
      expect(after).toMatchObject({ status: "requires_payment_method", amount_received: 0, last_payment_error: { code: "card_declined", decline_code: declineCode, message: error.message } });
      const charge = await stripe().charges.retrieve(after.latest_charge as string, {}, { stripeAccount });
      expect(charge).toMatchObject({ status: "failed", paid: false, failure_code: "card_declined", application_fee: null });
      expect((await stripe().applicationFees.list({ charge: charge.id })).data).toEqual([]);
      expect(sentEvents().map((event) => [event.type, event.account, (event.data.object as Stripe.PaymentIntent).status])).toEqual([
        ["payment_intent.payment_failed", stripeAccount, "requires_payment_method"],
      ]);

      // A declined PaymentIntent can be paid with another card.
      expect((await stripe().paymentIntents.confirm(intent.id, { payment_method: "pm_card_visa" }, { stripeAccount })).status).toBe("succeeded");
    });
  }

  it("refuses an unknown PaymentMethod (400 resource_missing) and a second confirmation (400 payment_intent_unexpected_state), changing nothing", async () => {
    const { stripeAccount } = await connectedAccount();
    const intent = await createIntent(stripeAccount);
    const unknown = await failure(stripe().paymentIntents.confirm(intent.id, { payment_method: "pm_card_nosuch" }, { stripeAccount }));
    expect(unknown).toMatchObject({ statusCode: 400, code: "resource_missing", param: "payment_method" });
    expect(unknown.message).toBe("No such PaymentMethod: 'pm_card_nosuch'");
    expect(await stripe().paymentIntents.retrieve(intent.id, {}, { stripeAccount })).toEqual(intent);

    const confirmed = await stripe().paymentIntents.confirm(intent.id, { payment_method: "pm_card_visa" }, { stripeAccount });
    const before = await simulatorRows();
    const again = await failure(stripe().paymentIntents.confirm(intent.id, { payment_method: "pm_card_visa" }, { stripeAccount }));
    expect(again).toMatchObject({ statusCode: 400, code: "payment_intent_unexpected_state" });
    expect(await stripe().paymentIntents.retrieve(intent.id, {}, { stripeAccount })).toEqual(confirmed);
    expect(await simulatorRows()).toEqual(before);
  });

  it("cancels an unpaid PaymentIntent, and refuses to cancel a succeeded one", async () => {
    const { stripeAccount } = await connectedAccount();
    const intent = await createIntent(stripeAccount);
    const canceled = await stripe().paymentIntents.cancel(intent.id, { cancellation_reason: "abandoned" }, { stripeAccount });
    expect(canceled).toMatchObject({ status: "canceled", cancellation_reason: "abandoned" });
    expect(await failure(stripe().paymentIntents.confirm(intent.id, { payment_method: "pm_card_visa" }, { stripeAccount }))).toMatchObject({ code: "payment_intent_unexpected_state" });
    const succeeded = await paid(stripeAccount);
    expect(await failure(stripe().paymentIntents.cancel(succeeded.id, {}, { stripeAccount }))).toMatchObject({ statusCode: 400, code: "payment_intent_unexpected_state" });
  });

  it("replays a confirmed creation for the same Idempotency-Key on one account, and keeps keys apart per account", async () => {
    const { stripeAccount } = await connectedAccount();
    const other = await connectedAccount();
    const key = `order-${Date.now()}`;
    const first = await createIntent(stripeAccount, {}, { idempotencyKey: key });
    const again = await createIntent(stripeAccount, {}, { idempotencyKey: key });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");
    const elsewhere = await createIntent(other.stripeAccount, {}, { idempotencyKey: key });
    expect(elsewhere.id).not.toBe(first.id);
    expect(await stripe().paymentIntents.retrieve(elsewhere.id, {}, { stripeAccount: other.stripeAccount })).toMatchObject({ id: elsewhere.id });
    const changed = await failure(createIntent(stripeAccount, { amount: 2100 }, { idempotencyKey: key }));
    expect(changed).toMatchObject({ type: "StripeIdempotencyError", statusCode: 400 });

    const confirmKey = `confirm-${Date.now()}`;
    const confirmed = await stripe().paymentIntents.confirm(first.id, { payment_method: "pm_card_visa" }, { stripeAccount, idempotencyKey: confirmKey });
    const replayed = await stripe().paymentIntents.confirm(first.id, { payment_method: "pm_card_visa" }, { stripeAccount, idempotencyKey: confirmKey });
    expect(replayed).toMatchObject({ id: confirmed.id, status: "succeeded", latest_charge: confirmed.latest_charge });
    expect((await stripe().applicationFees.list({ charge: confirmed.latest_charge as string })).data).toHaveLength(1);
  });
});

describe("refunds", () => {
  it("refunds in parts, then the rest; refuses more than what is left; charge.refunded sent with the refunds", async () => {
    const { stripeAccount } = await connectedAccount();
    const intent = await paid(stripeAccount);
    simulator.events.length = 0;
    const part = await stripe().refunds.create({ payment_intent: intent.id, amount: 500, reason: "requested_by_customer" }, { stripeAccount });
    expect(part).toMatchObject({ object: "refund", amount: 500, status: "succeeded", payment_intent: intent.id, charge: intent.latest_charge, currency: "usd", reason: "requested_by_customer" });
    expect(part.id).toMatch(/^re_/);
    expect(await stripe().refunds.retrieve(part.id, {}, { stripeAccount })).toEqual(part);

    const tooMuch = await failure(stripe().refunds.create({ payment_intent: intent.id, amount: 1501 }, { stripeAccount }));
    expect(tooMuch).toMatchObject({ statusCode: 400, code: "amount_too_large", param: "amount" });
    expect(tooMuch.message).toBe("Refund amount ($15.01) is greater than unrefunded amount on charge ($15.00)");

    const rest = await stripe().refunds.create({ charge: intent.latest_charge as string }, { stripeAccount });
    expect(rest.amount).toBe(1500);
    const charge = await stripe().charges.retrieve(intent.latest_charge as string, {}, { stripeAccount });
    expect(charge).toMatchObject({ amount_refunded: 2000, refunded: true });
    expect(charge.refunds?.data.map((refund) => refund.id)).toEqual([rest.id, part.id]);

    const done = await failure(stripe().refunds.create({ payment_intent: intent.id, amount: 1 }, { stripeAccount }));
    expect(done).toMatchObject({ statusCode: 400, code: "charge_already_refunded" });

    const events = sentEvents();
    expect(events.map((event) => [event.type, event.account])).toEqual([
      ["charge.refunded", stripeAccount],
      ["charge.refunded", stripeAccount],
    ]);
    expect(events[0].data.object).toMatchObject({ object: "charge", amount_refunded: 500, refunded: false, refunds: { object: "list", data: [{ id: part.id }] } });
    expect(events[1].data.object).toMatchObject({ amount_refunded: 2000, refunded: true, refunds: { data: [{ id: rest.id }, { id: part.id }] } });
  });

  it("refunds a payment once when two full refunds arrive together", async () => {
    const { stripeAccount } = await connectedAccount();
    const intent = await paid(stripeAccount);
    const results = await Promise.allSettled([0, 1].map(() => stripe().refunds.create({ payment_intent: intent.id }, { stripeAccount })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(rejected?.reason).toMatchObject({ code: "charge_already_refunded" });
    expect(await stripe().charges.retrieve(intent.latest_charge as string, {}, { stripeAccount })).toMatchObject({ amount_refunded: 2000 });
  });

  it("refuses to refund an unpaid PaymentIntent or another account's, refunding nothing", async () => {
    const { stripeAccount } = await connectedAccount();
    const other = await connectedAccount();
    const unpaid = await createIntent(stripeAccount);
    const intent = await paid(stripeAccount);
    const before = await simulatorRows();
    expect(await failure(stripe().refunds.create({ payment_intent: unpaid.id }, { stripeAccount }))).toMatchObject({ statusCode: 400, code: "payment_intent_unexpected_state" });
    expect(await failure(stripe().refunds.create({ payment_intent: intent.id }, { stripeAccount: other.stripeAccount }))).toMatchObject({ statusCode: 404, code: "resource_missing" });
    expect(await failure(stripe().refunds.create({}, { stripeAccount }))).toMatchObject({ statusCode: 400, code: "parameter_missing" });
    expect(await simulatorRows()).toEqual(before);
  });

  it("gives back the application fee's share with refund_application_fee, the whole fee once fully refunded", async () => {
    const { stripeAccount } = await connectedAccount();
    const intent = await paid(stripeAccount, { amount: 3000, application_fee_amount: 100 });
    const [fee] = (await stripe().applicationFees.list({ charge: intent.latest_charge as string })).data;

    await stripe().refunds.create({ payment_intent: intent.id, amount: 1000, refund_application_fee: true }, { stripeAccount });
    // 1000 / 3000 of 100, rounded.
    expect(await stripe().applicationFees.retrieve(fee.id)).toMatchObject({ amount_refunded: 33, refunded: false });
    await stripe().refunds.create({ payment_intent: intent.id, amount: 500 }, { stripeAccount });
    expect((await stripe().applicationFees.retrieve(fee.id)).amount_refunded).toBe(33);
    await stripe().refunds.create({ payment_intent: intent.id, refund_application_fee: true }, { stripeAccount });
    const whole = await stripe().applicationFees.retrieve(fee.id);
    expect(whole).toMatchObject({ amount_refunded: 100, refunded: true });
    expect(whole.refunds.data.map((refund) => refund.amount)).toEqual([67, 33]);
  });
});

describe("balance, payouts and application fees", () => {
  it("keeps a charge's net pending for two days, then available; refunds and fees given back count on the charge's side", async () => {
    const { stripeAccount } = await connectedAccount();
    const empty = await stripe().balance.retrieve({}, { stripeAccount });
    expect(empty).toMatchObject({ object: "balance", livemode: false, available: [{ amount: 0, currency: "usd" }], pending: [{ amount: 0, currency: "usd" }] });

    const older = await paid(stripeAccount, { amount: 5000, application_fee_amount: 500 });
    const newer = await paid(stripeAccount, { amount: 2000, application_fee_amount: 200 });
    await ageCharge(stripeAccount, older.latest_charge as string, PENDING_SECONDS);
    await ageCharge(stripeAccount, newer.latest_charge as string, PENDING_SECONDS - 60);
    let balance = await stripe().balance.retrieve({}, { stripeAccount });
    expect(balance.available).toEqual([{ amount: 4500, currency: "usd", source_types: { card: 4500 } }]);
    expect(balance.pending).toEqual([{ amount: 1800, currency: "usd", source_types: { card: 1800 } }]);

    await stripe().refunds.create({ payment_intent: older.id, amount: 1000, refund_application_fee: true }, { stripeAccount });
    await stripe().refunds.create({ payment_intent: newer.id, amount: 500 }, { stripeAccount });
    balance = await stripe().balance.retrieve({}, { stripeAccount });
    // 4500 - 1000 + 100 of the fee given back; 1800 - 500.
    expect(balance.available[0].amount).toBe(3600);
    expect(balance.pending[0].amount).toBe(1300);

    const eur = await paid(stripeAccount, { currency: "eur", amount: 1000, application_fee_amount: 0 });
    expect(eur.status).toBe("succeeded");
    balance = await stripe().balance.retrieve({}, { stripeAccount });
    expect(balance.pending).toEqual([
      { amount: 1300, currency: "usd", source_types: { card: 1300 } },
      { amount: 1000, currency: "eur", source_types: { card: 1000 } },
    ]);
    // Another account's balance is its own.
    const other = await connectedAccount();
    expect((await stripe().balance.retrieve({}, { stripeAccount: other.stripeAccount })).pending[0].amount).toBe(0);
  });

  it("pays out from the available balance only, lists payouts newest first, refuses more than is available", async () => {
    const { stripeAccount } = await connectedAccount();
    const intent = await paid(stripeAccount, { amount: 5000, application_fee_amount: 500 });
    const tooEarly = await failure(stripe().payouts.create({ amount: 100, currency: "usd" }, { stripeAccount }));
    expect(tooEarly).toMatchObject({ statusCode: 400, code: "balance_insufficient" });
    await ageCharge(stripeAccount, intent.latest_charge as string, PENDING_SECONDS);

    const first = await stripe().payouts.create({ amount: 3000, currency: "usd" }, { stripeAccount });
    expect(first).toMatchObject({ object: "payout", amount: 3000, currency: "usd", status: "paid", livemode: false });
    expect(first.id).toMatch(/^po_/);
    const second = await stripe().payouts.create({ amount: 1500, currency: "usd" }, { stripeAccount });
    const over = await failure(stripe().payouts.create({ amount: 1, currency: "usd" }, { stripeAccount }));
    expect(over).toMatchObject({ statusCode: 400, code: "balance_insufficient" });
    expect((await stripe().balance.retrieve({}, { stripeAccount })).available[0].amount).toBe(0);

    const list = await stripe().payouts.list({ limit: 10 }, { stripeAccount });
    expect(list.data.map((payout) => payout.id)).toEqual([second.id, first.id]);
    const page = await stripe().payouts.list({ limit: 1 }, { stripeAccount });
    expect(page).toMatchObject({ has_more: true, data: [{ id: second.id }] });
    const other = await connectedAccount();
    expect((await stripe().payouts.list({}, { stripeAccount: other.stripeAccount })).data).toEqual([]);
    expect(await failure(stripe().payouts.list({}, { stripeAccount: "acct_simnosuchaccount" }))).toMatchObject({ statusCode: 403, code: "account_invalid" });
    expect(await failure(stripe().balance.retrieve({}, { stripeAccount: "acct_simnosuchaccount" }))).toMatchObject({ statusCode: 403, code: "account_invalid" });
  });

  it("lists the platform's application fees, filtered by charge", async () => {
    const { stripeAccount } = await connectedAccount();
    const first = await paid(stripeAccount, { application_fee_amount: 120 });
    const second = await paid(stripeAccount, { application_fee_amount: 80 });
    const all = await stripe().applicationFees.list({ limit: 100 });
    const mine = all.data.filter((fee) => fee.account === stripeAccount);
    expect(mine.map((fee) => [fee.charge, fee.amount])).toEqual([
      [second.latest_charge, 80],
      [first.latest_charge, 120],
    ]);
    const one = await stripe().applicationFees.list({ charge: first.latest_charge as string });
    expect(one.data).toHaveLength(1);
    expect(await failure(stripe().applicationFees.retrieve("fee_simnosuch"))).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });
});

describe("the simulator's request plumbing", () => {
  it("reads Stripe-Account from the HTTP request", async () => {
    const { stripeAccount } = await connectedAccount();
    const intent = await createIntent(stripeAccount);
    const response = await handleSimulatorRequest({
      method: "GET",
      path: `/v1/payment_intents/${intent.id}`,
      params: new URLSearchParams(),
      authorization: `Bearer ${simulatorApiKey()}`,
      stripeAccount,
    });
    expect(response).toMatchObject({ status: 200, body: { id: intent.id } });
  });
});
