import Stripe from "stripe";
import { prisma } from "@/lib/db";
import { apiError } from "@/lib/http/errors";
import { isUniqueViolation } from "@/lib/db-errors";
import { requireStripe } from "./config";
import { applyAccountUpdate, isLostAccess, markDisconnected, stripeFailure } from "./connect";
import { STRIPE_CONNECTION_STATUS } from "@/lib/statuses";
import { applyPaymentEvent, isPaymentEvent } from "@/lib/payments/stripe-events";

/**
 * POST /api/stripe/webhooks: Stripe's events for the platform. The signature
 * is checked on the raw body. The event id is recorded in the same
 * transaction as its effect, so each event is applied exactly once, and a
 * crash half-way lets Stripe's retry apply it.
 */
export async function handleStripeEvent(rawBody: string, signature: string | null) {
  const setup = requireStripe();
  if (!setup.webhookSecret) {
    throw apiError("stripe_not_configured", "STRIPE_WEBHOOK_SECRET is not set, so Stripe's events cannot be verified.");
  }
  let event: Stripe.Event;
  try {
    event = setup.stripe.webhooks.constructEvent(rawBody, signature ?? "", setup.webhookSecret);
  } catch {
    throw apiError("invalid_signature", "The Stripe-Signature header does not match this payload.");
  }
  if (await prisma.stripeEvent.findUnique({ where: { id: event.id }, select: { id: true } })) return { received: true, duplicate: true };

  // Events can arrive out of order: read the account as it is now rather than
  // storing the event's snapshot (a failure here answers 502, so Stripe retries).
  let account: Stripe.Account | null = null;
  let lostAccess = event.type === "account.application.deauthorized";
  if (event.type === "account.updated") {
    try {
      account = await setup.stripe.accounts.retrieve((event.data.object as Stripe.Account).id);
    } catch (error) {
      if (!isLostAccess(error)) throw stripeFailure(error);
      lostAccess = true;
    }
  }
  const accountId = event.type === "account.updated" ? (event.data.object as Stripe.Account).id : event.account;

  try {
    await prisma.$transaction(async (tx) => {
      await tx.stripeEvent.create({ data: { id: event.id, type: event.type, accountId: accountId ?? null } });
      if (account && accountId) await applyAccountUpdate(tx, accountId, account, true);
      if (lostAccess && accountId) {
        const connection = await tx.stripeConnection.findFirst({ where: { accountId, status: { not: STRIPE_CONNECTION_STATUS.disconnected } } });
        if (connection) await markDisconnected(tx, connection.tenantId, "The account owner disconnected the platform on Stripe.", "stripe");
      }
      if (isPaymentEvent(event.type)) await applyPaymentEvent(tx, event);
    });
  } catch (error) {
    // The only unique key of StripeEvent is its id: a concurrent delivery of this event won.
    if (isUniqueViolation(error)) return { received: true, duplicate: true };
    throw error;
  }
  return { received: true, duplicate: false };
}
