import type Stripe from "stripe";
import type { SimulatedCharge } from "./charges";
import { noSuch } from "./connected";
import { listLimit, refuse } from "./params";
import { ok, type SimResponse } from "./responses";
import { listObjects, loadObject, newObjectId, nowSeconds, saveObject } from "./store";

/**
 * The platform's application fees: one per charge that carried an
 * `application_fee_amount`, kept beside the platform's own objects (not under
 * the connected account), since the platform lists and retrieves them
 * without Stripe-Account.
 */

export function newApplicationFee(account: string, charge: SimulatedCharge, amount: number): Stripe.ApplicationFee {
  const id = newObjectId("fee");
  return {
    id,
    object: "application_fee",
    account,
    amount,
    amount_refunded: 0,
    application: "ca_simulator",
    balance_transaction: null,
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    fee_source: { type: "charge", charge: charge.id },
    livemode: false,
    originating_transaction: null,
    refunded: false,
    refunds: { object: "list", data: [], has_more: false, url: `/v1/application_fees/${id}/refunds` },
  };
}

export const saveApplicationFee = (fee: Stripe.ApplicationFee) => saveObject("application_fee", fee.id, fee);

export const loadApplicationFee = (feeId: string) => loadObject<Stripe.ApplicationFee>("application_fee", feeId);

/** Gives `amount` of the fee back to the connected account, as refund_application_fee does. */
export function refundApplicationFee(fee: Stripe.ApplicationFee, amount: number): Stripe.ApplicationFee {
  const feeRefund: Stripe.FeeRefund = {
    id: newObjectId("fr"),
    object: "fee_refund",
    amount,
    balance_transaction: null,
    created: nowSeconds(),
    currency: fee.currency,
    fee: fee.id,
    metadata: {},
  };
  const amountRefunded = fee.amount_refunded + amount;
  return { ...fee, amount_refunded: amountRefunded, refunded: amountRefunded >= fee.amount, refunds: { ...fee.refunds, data: [feeRefund, ...fee.refunds.data] } };
}

/** Stripe's list envelope over newest-first items, with `starting_after` paging. */
export function listPage<T extends { id: string }>(items: T[], params: URLSearchParams, url: string): Stripe.ApiList<T> {
  const limit = listLimit(params);
  const after = params.get("starting_after");
  let start = 0;
  if (after) {
    const index = items.findIndex((item) => item.id === after);
    if (index < 0) refuse(400, "resource_missing", `No such object: '${after}'`, "invalid_request_error", { param: "starting_after" });
    start = index + 1;
  }
  const data = items.slice(start, start + limit);
  return { object: "list", data, has_more: start + limit < items.length, url };
}

/** GET /v1/application_fees (optionally `charge=ch_…`). */
export async function listApplicationFees(params: URLSearchParams): Promise<SimResponse> {
  const charge = params.get("charge");
  const fees = (await listObjects<Stripe.ApplicationFee>("application_fee", "fee_")).filter((fee) => !charge || fee.charge === charge);
  return ok(listPage(fees, params, "/v1/application_fees"));
}

/** GET /v1/application_fees/:id */
export async function retrieveApplicationFee(feeId: string): Promise<SimResponse> {
  return ok((await loadApplicationFee(feeId)) ?? noSuch("application fee", feeId));
}
