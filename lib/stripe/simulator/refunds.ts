import type Stripe from "stripe";
import { isSupportedCurrency } from "@/lib/money/currencies";
import { formatMoney } from "@/lib/money/format";
import { loadApplicationFee, refundApplicationFee, saveApplicationFee } from "./application-fees";
import { publicCharge, type SimulatedCharge } from "./charges";
import { actingAccount, applyChange, requireOwned, saveOwned } from "./connected";
import { booleanParam, hashParam, integerParam, refuse } from "./params";
import { ok, stripeError, type SimResponse } from "./responses";
import { newObjectId, nowSeconds } from "./store";

/**
 * Refunds of a succeeded payment on a connected account, whole or in parts,
 * succeeding at once (as card refunds in test mode do), optionally giving the
 * proportional part of the application fee back to the account.
 */

const REASONS = ["duplicate", "fraudulent", "requested_by_customer"] as const;

const money = (amount: number, currency: string) => (isSupportedCurrency(currency) ? formatMoney(amount, currency) : `${amount} ${currency}`);

/** The charge a refund request names, through its PaymentIntent or directly. */
async function refundedCharge(params: URLSearchParams, account: string): Promise<SimulatedCharge> {
  const intentId = params.get("payment_intent");
  const chargeId = params.get("charge");
  if (intentId) {
    const intent = await requireOwned<Stripe.PaymentIntent>("payment_intent", account, intentId, "payment_intent");
    if (intent.status !== "succeeded" || typeof intent.latest_charge !== "string") {
      return refuse(400, "payment_intent_unexpected_state", `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, "invalid_request_error", {
        param: "payment_intent",
      });
    }
    return requireOwned<SimulatedCharge>("charge", account, intent.latest_charge, "charge");
  }
  if (!chargeId) return refuse(400, "parameter_missing", "One of the following params should be provided for this request: payment_intent or charge.");
  const charge = await requireOwned<SimulatedCharge>("charge", account, chargeId, "charge");
  if (charge.status !== "succeeded") return refuse(400, "charge_not_refundable", `Charge ${charge.id} has not succeeded, so there is nothing to refund.`, "invalid_request_error", { param: "charge" });
  return charge;
}

/**
 * The part of the application fee a refund gives back: the fee's share of
 * everything refunded so far (rounded), less what earlier refunds gave back,
 * so a payment refunded in parts returns exactly the whole fee in the end.
 */
const feeShare = (charge: SimulatedCharge, refundedAfter: number, alreadyReturned: number) =>
  Math.round(((charge.application_fee_amount ?? 0) * refundedAfter) / charge.amount) - alreadyReturned;

/** POST /v1/refunds */
export async function createRefund(params: URLSearchParams, stripeAccount: string | null | undefined): Promise<SimResponse> {
  const account = await actingAccount(stripeAccount);
  const reason = params.get("reason") || null;
  if (reason !== null && !(REASONS as readonly string[]).includes(reason)) {
    return stripeError(400, undefined, `Invalid reason: must be one of ${REASONS.join(", ")}`, "invalid_request_error", { param: "reason" });
  }
  const requested = integerParam(params, "amount");
  const withFee = booleanParam(params, "refund_application_fee");
  return applyChange(account.id, async () => {
    const charge = await refundedCharge(params, account.id);
    const remaining = charge.amount - charge.amount_refunded;
    if (remaining <= 0) return { response: stripeError(400, "charge_already_refunded", `Charge ${charge.id} has already been refunded.`) };
    const amount = requested ?? remaining;
    if (amount < 1) return { response: stripeError(400, undefined, "Invalid positive integer", "invalid_request_error", { param: "amount" }) };
    if (amount > remaining) {
      const message = `Refund amount (${money(amount, charge.currency)}) is greater than unrefunded amount on charge (${money(remaining, charge.currency)})`;
      return { response: stripeError(400, "amount_too_large", message, "invalid_request_error", { param: "amount" }) };
    }

    const refund: Stripe.Refund = {
      id: newObjectId("re"),
      object: "refund",
      amount,
      balance_transaction: null,
      charge: charge.id,
      created: nowSeconds(),
      currency: charge.currency,
      customer: null,
      customer_account: null,
      metadata: hashParam(params, "metadata"),
      payment_intent: charge.payment_intent,
      payment_method: charge.payment_method,
      reason: reason as Stripe.Refund.Reason | null,
      receipt_number: null,
      source_transfer_reversal: null,
      status: "succeeded",
      transfer_reversal: null,
    };
    const amountRefunded = charge.amount_refunded + amount;
    let feeReturned = 0;
    const fee = withFee && typeof charge.application_fee === "string" ? await loadApplicationFee(charge.application_fee) : null;
    if (fee) {
      feeReturned = feeShare(charge, amountRefunded, charge.application_fee_refunded);
      if (feeReturned > 0) await saveApplicationFee(refundApplicationFee(fee, feeReturned));
    }
    const refunds = charge.refunds ?? { object: "list" as const, data: [], has_more: false, url: `/v1/charges/${charge.id}/refunds` };
    const updated: SimulatedCharge = {
      ...charge,
      amount_refunded: amountRefunded,
      refunded: amountRefunded >= charge.amount,
      refunds: { ...refunds, data: [refund, ...refunds.data] },
      application_fee_refunded: charge.application_fee_refunded + feeReturned,
    };
    await saveOwned("refund", account.id, refund.id, refund);
    await saveOwned("charge", account.id, charge.id, updated);
    return { response: ok(refund), event: { type: "charge.refunded", object: publicCharge(updated) } };
  });
}

/** GET /v1/refunds/:id */
export async function retrieveRefund(refundId: string, stripeAccount: string | null | undefined): Promise<SimResponse> {
  const account = await actingAccount(stripeAccount);
  return ok(await requireOwned<Stripe.Refund>("refund", account.id, refundId, "refund"));
}

