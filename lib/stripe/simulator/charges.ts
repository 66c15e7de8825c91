import type Stripe from "stripe";
import { actingAccount, requireOwned } from "./connected";
import { ok, type SimResponse } from "./responses";
import { newObjectId, nowSeconds } from "./store";
import type { TestCard } from "./test-cards";

/**
 * A Charge as the simulator stores it: Stripe's shape, with its refunds list
 * kept embedded (Stripe expands `refunds` in charge.refunded events), plus
 * what the balance needs and Stripe keeps to itself: how much of the
 * application fee went back to the connected account.
 */
export type SimulatedCharge = Stripe.Charge & { application_fee_refunded: number };

export type ChargeInput = {
  paymentIntent: Stripe.PaymentIntent;
  paymentMethod: string;
  card: TestCard;
};

/** The card's details as a charge reports them (what a receipt or a dashboard shows). */
function cardDetails(card: TestCard): Stripe.Charge.PaymentMethodDetails {
  const details: Stripe.Charge.PaymentMethodDetails.Card = {
    amount_authorized: null,
    authorization_code: null,
    brand: card.brand,
    checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
    country: card.country,
    electronic_commerce_indicator: null,
    exp_month: 12,
    exp_year: new Date().getUTCFullYear() + 3,
    funding: "credit",
    installments: null,
    last4: card.last4,
    mandate: null,
    network: card.brand,
    network_transaction_id: null,
    regulated_status: null,
    three_d_secure: null,
    transaction_link_id: null,
    wallet: null,
  };
  return { type: "card", card: details };
}

export function newCharge({ paymentIntent, paymentMethod, card }: ChargeInput): SimulatedCharge {
  const id = newObjectId("ch");
  const declined = card.decline;
  return {
    id,
    object: "charge",
    amount: paymentIntent.amount,
    amount_captured: declined ? 0 : paymentIntent.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: declined ? null : paymentIntent.application_fee_amount,
    balance_transaction: declined ? null : newObjectId("txn"),
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: "SIMULATOR",
    captured: !declined,
    created: nowSeconds(),
    currency: paymentIntent.currency,
    customer: null,
    description: paymentIntent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: declined ? "card_declined" : null,
    failure_message: declined ? declined.message : null,
    fraud_details: {},
    livemode: false,
    metadata: paymentIntent.metadata,
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: declined ? "declined_by_network" : "approved_by_network",
      reason: declined ? declined.declineCode : null,
      risk_level: "normal",
      seller_message: declined ? "The bank did not return any further details with this decline." : "Payment complete.",
      type: declined ? "issuer_declined" : "authorized",
    },
    paid: !declined,
    payment_intent: paymentIntent.id,
    payment_method: paymentMethod,
    payment_method_details: cardDetails(card),
    receipt_email: paymentIntent.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    refunds: { object: "list", data: [], has_more: false, url: `/v1/charges/${id}/refunds` },
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: declined ? "failed" : "succeeded",
    transfer_data: null,
    transfer_group: null,
    application_fee_refunded: 0,
  };
}

/** The charge as Stripe's API answers it. */
export function publicCharge(charge: SimulatedCharge): Stripe.Charge {
  const { application_fee_refunded: _kept, ...rest } = charge;
  return rest;
}

/** GET /v1/charges/:id */
export async function retrieveCharge(chargeId: string, stripeAccount: string | null | undefined): Promise<SimResponse> {
  const account = await actingAccount(stripeAccount);
  return ok(publicCharge(await requireOwned<SimulatedCharge>("charge", account.id, chargeId, "charge")));
}
