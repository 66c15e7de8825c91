import Stripe from "stripe";
import { simulatorWebhookSecret, stripeSetup } from "@/lib/stripe/config";
import { portalWebhookUrl } from "./portal";
import { newObjectId, nowSeconds } from "./store";
import { errorMessage, log } from "@/lib/log";

/** Sends a correctly signed event to the portal's Stripe webhook endpoint, as Stripe would. */
export async function sendSimulatedEvent(type: string, object: object, account: string): Promise<void> {
  const event = { id: newObjectId("evt"), object: "event", type, account, created: nowSeconds(), livemode: false, api_version: "2025-01-01", data: { object } };
  const payload = JSON.stringify(event);
  const secret = stripeSetup()?.webhookSecret ?? simulatorWebhookSecret();
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  try {
    await fetch(portalWebhookUrl(), { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body: payload });
  } catch (error) {
    // Stripe, too, only retries later: the status endpoint reads the account live anyway.
    log.warn({ type, error: errorMessage(error) }, "stripe simulator could not deliver an event");
  }
}
