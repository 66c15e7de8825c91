import type Stripe from "stripe";
import { listPage } from "./application-fees";
import type { SimulatedCharge } from "./charges";
import { actingAccount, applyChange, listOwned, saveOwned } from "./connected";
import { integerParam, refuse, requiredParam } from "./params";
import { ok, stripeError, type SimResponse } from "./responses";
import { newObjectId, nowSeconds } from "./store";

/**
 * A connected account's balance and its payouts. A charge's net amount (less
 * the application fee, less refunds, plus application fees given back) is
 * pending for Stripe's usual two-day payout schedule after the charge, then
 * available; refunds move the funds of the charge they belong to, in
 * whichever part of the balance those are. Payouts take from the available
 * balance and are paid at once.
 */

/** Stripe's standard payout schedule for card payments: funds become available two days after the charge. */
export const PENDING_SECONDS = 2 * 86_400;

type Totals = Map<string, { available: number; pending: number }>;

const netOf = (charge: SimulatedCharge) => charge.amount - (charge.application_fee_amount ?? 0) - charge.amount_refunded + charge.application_fee_refunded;

async function totals(account: Stripe.Account, now = nowSeconds()): Promise<Totals> {
  const result: Totals = new Map([[account.default_currency ?? "usd", { available: 0, pending: 0 }]]);
  const entry = (currency: string) => result.get(currency) ?? result.set(currency, { available: 0, pending: 0 }).get(currency)!;
  for (const charge of await listOwned<SimulatedCharge>("charge", account.id)) {
    if (charge.status !== "succeeded") continue;
    const funds = entry(charge.currency);
    if (charge.created + PENDING_SECONDS <= now) funds.available += netOf(charge);
    else funds.pending += netOf(charge);
  }
  for (const payout of await listOwned<Stripe.Payout>("payout", account.id)) entry(payout.currency).available -= payout.amount;
  return result;
}

/** GET /v1/balance */
export async function retrieveBalance(stripeAccount: string | null | undefined): Promise<SimResponse> {
  const account = await actingAccount(stripeAccount);
  const funds = [...(await totals(account))];
  const balance: Stripe.Balance = {
    object: "balance",
    livemode: false,
    available: funds.map(([currency, { available }]) => ({ amount: available, currency, source_types: { card: available } })),
    pending: funds.map(([currency, { pending }]) => ({ amount: pending, currency, source_types: { card: pending } })),
  };
  return ok(balance);
}

/** POST /v1/payouts */
export async function createPayout(params: URLSearchParams, stripeAccount: string | null | undefined): Promise<SimResponse> {
  const account = await actingAccount(stripeAccount);
  const amount = integerParam(params, "amount") ?? refuse(400, "parameter_missing", "Missing required param: amount.", "invalid_request_error", { param: "amount" });
  const currency = requiredParam(params, "currency");
  if (amount < 1) return stripeError(400, undefined, "Invalid positive integer", "invalid_request_error", { param: "amount" });
  if (!account.payouts_enabled) return stripeError(400, "payouts_not_allowed", "Payouts have been disabled on this account.");
  return applyChange(account.id, async () => {
    const available = (await totals(account)).get(currency)?.available ?? 0;
    if (amount > available) {
      const message =
        "You have insufficient funds in your Stripe account for this transfer. Your card balance is too low. You can use the /v1/balance endpoint to view your Stripe balance (for more details, see stripe.com/docs/api#balance).";
      return { response: stripeError(400, "balance_insufficient", message, "invalid_request_error", { param: "amount" }) };
    }
    const created = nowSeconds();
    const payout: Stripe.Payout = {
      id: newObjectId("po"),
      object: "payout",
      amount,
      application_fee: null,
      application_fee_amount: null,
      arrival_date: created,
      automatic: false,
      balance_transaction: null,
      created,
      currency,
      description: params.get("description") || null,
      destination: null,
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
      livemode: false,
      metadata: {},
      method: "standard",
      original_payout: null,
      payout_method: null,
      reconciliation_status: "not_applicable",
      reversed_by: null,
      source_type: "card",
      statement_descriptor: null,
      status: "paid",
      trace_id: null,
      type: "bank_account",
    };
    await saveOwned("payout", account.id, payout.id, payout);
    return { response: ok(payout) };
  });
}

/** GET /v1/payouts (newest first) */
export async function listPayouts(params: URLSearchParams, stripeAccount: string | null | undefined): Promise<SimResponse> {
  const account = await actingAccount(stripeAccount);
  return ok(listPage(await listOwned<Stripe.Payout>("payout", account.id), params, "/v1/payouts"));
}
