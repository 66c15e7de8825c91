import { randomBytes } from "node:crypto";
import type Stripe from "stripe";
import { CURRENCIES, isSupportedCurrency } from "@/lib/money/currencies";
import { formatMoney } from "@/lib/money/format";
import { newApplicationFee, saveApplicationFee } from "./application-fees";
import { newCharge } from "./charges";
import { actingAccount, applyChange, requireOwned, saveOwned } from "./connected";
import { booleanParam, hashParam, integerParam, refuse, requiredParam } from "./params";
import { ok, stripeError, type SimResponse } from "./responses";
import { newObjectId, nowSeconds } from "./store";
import { testCard } from "./test-cards";

/**
 * PaymentIntents on a connected account (direct charges with an application
 * fee): create, retrieve, confirm with one of Stripe's test PaymentMethods,
 * cancel. Card payments only, captured automatically; no 3-D Secure.
 */

const CONFIRMABLE: Stripe.PaymentIntent.Status[] = ["requires_payment_method", "requires_confirmation"];
const CANCELABLE: Stripe.PaymentIntent.Status[] = ["requires_payment_method", "requires_confirmation", "requires_action", "requires_capture", "processing"];
const CANCELLATION_REASONS = ["duplicate", "fraudulent", "requested_by_customer", "abandoned"] as const;

const label = "payment_intent";

/** The amount, currency and fee checks Stripe makes on creation. */
function checkedAmounts(params: URLSearchParams) {
  const amount = integerParam(params, "amount") ?? refuse(400, "parameter_missing", "Missing required param: amount.", "invalid_request_error", { param: "amount" });
  const currency = requiredParam(params, "currency");
  if (!isSupportedCurrency(currency)) return refuse(400, undefined, `Invalid currency: ${currency}.`, "invalid_request_error", { param: "currency" });
  const { minimumAmount, maximumAmount } = CURRENCIES[currency];
  if (amount < minimumAmount) {
    return refuse(400, "amount_too_small", `Amount must be at least ${formatMoney(minimumAmount, currency)} ${currency}`, "invalid_request_error", { param: "amount" });
  }
  if (amount > maximumAmount) {
    return refuse(400, "amount_too_large", `Amount must be no more than ${formatMoney(maximumAmount, currency)}`, "invalid_request_error", { param: "amount" });
  }
  const fee = integerParam(params, "application_fee_amount");
  if (fee !== null && fee > amount) {
    return refuse(400, undefined, "The application fee amount must not exceed the amount of the PaymentIntent.", "invalid_request_error", { param: "application_fee_amount" });
  }
  return { amount, currency, fee };
}

function paymentMethodTypes(params: URLSearchParams): string[] {
  const types = [...params].filter(([key]) => /^payment_method_types\[\d*\]$/.test(key)).map(([, value]) => value);
  for (const type of types) {
    if (type !== "card") {
      refuse(400, "payment_intent_invalid_parameter", `The payment method type "${type}" is invalid. The simulator takes card payments only.`, "invalid_request_error", { param: "payment_method_types" });
    }
  }
  return types.length ? types : ["card"];
}

/** POST /v1/payment_intents */
export async function createPaymentIntent(params: URLSearchParams, stripeAccount: string | null | undefined): Promise<SimResponse> {
  const account = await actingAccount(stripeAccount);
  if (!account.charges_enabled) {
    // Stripe has no code of its own for this; it refuses with an
    // invalid_request_error. The simulator answers 400 account_invalid, which a
    // caller tells from a revoked account by the status (revoked access is 403).
    return stripeError(
      400,
      "account_invalid",
      `Your account cannot currently make charges. To find out why charge creation is currently disabled, look at the \`requirements.disabled_reason\` property on this account (/v1/accounts/${account.id}).`,
    );
  }
  const { amount, currency, fee } = checkedAmounts(params);
  const explicitTypes = [...params.keys()].some((key) => key.startsWith("payment_method_types"));
  const types = paymentMethodTypes(params);
  const id = newObjectId("pi");
  const paymentMethod = params.get("payment_method") || null;
  const intent: Stripe.PaymentIntent = {
    id,
    object: "payment_intent",
    allowed_payment_method_types: null,
    amount,
    amount_capturable: 0,
    amount_received: 0,
    application: "ca_simulator",
    application_fee_amount: fee,
    automatic_payment_methods: explicitTypes ? null : { allow_redirects: "always", enabled: true },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic_async",
    client_secret: `${id}_secret_${randomBytes(12).toString("hex")}`,
    confirmation_method: "automatic",
    created: nowSeconds(),
    currency,
    customer: null,
    customer_account: null,
    description: params.get("description") || null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: hashParam(params, "metadata"),
    next_action: null,
    on_behalf_of: null,
    payment_method: paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: types,
    payment_record: null,
    processing: null,
    receipt_email: params.get("receipt_email") || null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: paymentMethod ? "requires_confirmation" : "requires_payment_method",
    transfer_data: null,
    transfer_group: null,
  };
  await saveOwned("payment_intent", account.id, id, intent);
  if (booleanParam(params, "confirm")) return confirmPaymentIntent(id, new URLSearchParams(), account.id);
  return ok(intent);
}

/** GET /v1/payment_intents/:id */
export async function retrievePaymentIntent(intentId: string, stripeAccount: string | null | undefined): Promise<SimResponse> {
  const account = await actingAccount(stripeAccount);
  return ok(await requireOwned<Stripe.PaymentIntent>("payment_intent", account.id, intentId, label));
}

const unexpectedState = (intent: Stripe.PaymentIntent, message: string) =>
  stripeError(400, "payment_intent_unexpected_state", message, "invalid_request_error", { payment_intent: intent });

/** POST /v1/payment_intents/:id/confirm */
export async function confirmPaymentIntent(intentId: string, params: URLSearchParams, stripeAccount: string | null | undefined): Promise<SimResponse> {
  const account = await actingAccount(stripeAccount);
  return applyChange(account.id, async () => {
    const intent = await requireOwned<Stripe.PaymentIntent>("payment_intent", account.id, intentId, label);
    if (!CONFIRMABLE.includes(intent.status)) {
      const previously = intent.status === "succeeded" ? " after being previously confirmed" : "";
      return { response: unexpectedState(intent, `You cannot confirm this PaymentIntent because it has a status of ${intent.status}${previously}.`) };
    }
    const paymentMethod = params.get("payment_method") || intent.payment_method;
    if (typeof paymentMethod !== "string") {
      return {
        response: unexpectedState(
          intent,
          "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
        ),
      };
    }
    const card = testCard(paymentMethod);
    if (!card) return { response: stripeError(400, "resource_missing", `No such PaymentMethod: '${paymentMethod}'`, "invalid_request_error", { param: "payment_method" }) };

    const charge = newCharge({ paymentIntent: intent, paymentMethod, card });
    if (card.decline) {
      const error: Stripe.PaymentIntent.LastPaymentError = {
        type: "card_error",
        code: "card_declined",
        decline_code: card.decline.declineCode,
        message: card.decline.message,
        charge: charge.id,
        doc_url: "https://stripe.com/docs/error-codes/card-declined",
      };
      const failed: Stripe.PaymentIntent = { ...intent, status: "requires_payment_method", payment_method: null, latest_charge: charge.id, last_payment_error: error };
      await saveOwned("charge", account.id, charge.id, charge);
      await saveOwned("payment_intent", account.id, intent.id, failed);
      // Stripe's card error carries the PaymentIntent as it now is.
      const response = stripeError(402, "card_declined", card.decline.message, "card_error", {
        decline_code: card.decline.declineCode,
        charge: charge.id,
        doc_url: error.doc_url,
        payment_intent: failed,
      });
      return { response, event: { type: "payment_intent.payment_failed", object: failed } };
    }

    const fee = intent.application_fee_amount ? newApplicationFee(account.id, charge, intent.application_fee_amount) : null;
    const succeededCharge = { ...charge, application_fee: fee?.id ?? null };
    const succeeded: Stripe.PaymentIntent = {
      ...intent,
      status: "succeeded",
      amount_received: intent.amount,
      payment_method: paymentMethod,
      latest_charge: charge.id,
      last_payment_error: null,
    };
    if (fee) await saveApplicationFee(fee);
    await saveOwned("charge", account.id, charge.id, succeededCharge);
    await saveOwned("payment_intent", account.id, intent.id, succeeded);
    return { response: ok(succeeded), event: { type: "payment_intent.succeeded", object: succeeded } };
  });
}

/** POST /v1/payment_intents/:id/cancel */
export async function cancelPaymentIntent(intentId: string, params: URLSearchParams, stripeAccount: string | null | undefined): Promise<SimResponse> {
  const account = await actingAccount(stripeAccount);
  const reason = params.get("cancellation_reason") || null;
  if (reason !== null && !(CANCELLATION_REASONS as readonly string[]).includes(reason)) {
    return stripeError(400, undefined, `Invalid cancellation_reason: must be one of ${CANCELLATION_REASONS.join(", ")}`, "invalid_request_error", { param: "cancellation_reason" });
  }
  return applyChange(account.id, async () => {
    const intent = await requireOwned<Stripe.PaymentIntent>("payment_intent", account.id, intentId, label);
    if (!CANCELABLE.includes(intent.status)) {
      const message = `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(", ")}.`;
      return { response: unexpectedState(intent, message) };
    }
    const canceled: Stripe.PaymentIntent = { ...intent, status: "canceled", canceled_at: nowSeconds(), cancellation_reason: reason as Stripe.PaymentIntent.CancellationReason | null };
    await saveOwned("payment_intent", account.id, intent.id, canceled);
    return { response: ok(canceled), event: { type: "payment_intent.canceled", object: canceled } };
  });
}

