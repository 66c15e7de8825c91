import Stripe from "stripe";
import { prisma } from "@/lib/db";
import { AppError, badRequest } from "@/lib/http/errors";
import { isUniqueViolation } from "@/lib/db-errors";
import { requireStripe } from "./config";
import { applyAccountUpdate, markDisconnected } from "./connect";

/**
 * POST /api/stripe/webhooks: Stripe's events for the platform. The signature
 * is checked on the raw body; each event id is processed once.
 */
export async function handleStripeEvent(rawBody: string, signature: string | null) {
  const setup = requireStripe();
  if (!setup.webhookSecret) {
    throw new AppError(503, "stripe_not_configured", "STRIPE_WEBHOOK_SECRET is not set, so Stripe's events cannot be verified.");
  }
  let event: Stripe.Event;
  try {
    event = setup.stripe.webhooks.constructEvent(rawBody, signature ?? "", setup.webhookSecret);
  } catch {
    throw badRequest("invalid_signature", "The Stripe-Signature header does not match this payload.");
  }

  try {
    await prisma.stripeEvent.create({ data: { id: event.id, type: event.type, accountId: event.account ?? null } });
  } catch (error) {
    // The only unique key of StripeEvent is its id: this event was handled before.
    if (isUniqueViolation(error)) return { received: true, duplicate: true };
    throw error;
  }

  try {
    if (event.type === "account.updated") {
      const account = event.data.object as Stripe.Account;
      await applyAccountUpdate(account.id, account, true);
    } else if (event.type === "account.application.deauthorized" && event.account) {
      const connection = await prisma.stripeConnection.findFirst({ where: { accountId: event.account, status: { not: "disconnected" } } });
      if (connection) await markDisconnected(connection.tenantId, "The account owner disconnected the platform on Stripe.", "stripe");
    }
  } catch (error) {
    // Let Stripe deliver it again: forget that it was seen.
    await prisma.stripeEvent.delete({ where: { id: event.id } }).catch(() => undefined);
    throw error;
  }
  return { received: true, duplicate: false };
}
