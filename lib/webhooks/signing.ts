import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { newPublicId } from "@/lib/ids";

/**
 * Standard Webhooks: a whsec_ secret (base64 of 33 random bytes: a multiple
 * of three, so no "=" padding ends up in the masked last four), and per
 * delivery the headers webhook-id, webhook-timestamp and webhook-signature
 * (v1,<base64 HMAC-SHA256 of "id.timestamp.body">). The secret itself is never sent.
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(33).toString("base64")}`;
}

/** msg_ + 24 base62 characters: the webhook-id, stable across retries. */
export const newMessageId = (): string => newPublicId("msg");

export type SignedHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

export function signDelivery(secret: string, messageId: string, sentAt: Date, body: string): SignedHeaders {
  return signDeliveryWithSecrets([secret], messageId, sentAt, body);
}

/**
 * During a rotation's grace period a delivery carries one signature per
 * secret, newest first, space-separated in one header (`v1,<new> v1,<old>`),
 * as Standard Webhooks allows: a receiver verifying with either secret
 * accepts it, so it can switch whenever it likes.
 */
export function signDeliveryWithSecrets(secrets: readonly string[], messageId: string, sentAt: Date, body: string): SignedHeaders {
  if (secrets.length === 0) throw new Error("A delivery needs at least one secret to sign with.");
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
    "webhook-signature": secrets.map((secret) => new Webhook(secret).sign(messageId, sentAt, body)).join(" "),
  };
}

/**
 * The body every delivery carries: {"type", "timestamp", "test", "data"}.
 * `test` is true only for a send from the test console, so a receiver can
 * tell a rehearsal from a real event of the same type (like Stripe's livemode).
 */
export function eventBody(event: { type: string; data: unknown; at: Date; test: boolean }): string {
  return JSON.stringify({ type: event.type, timestamp: event.at.toISOString(), test: event.test, data: event.data });
}

export function maskWebhookSecret(last4: string): string {
  return `whsec_****...${last4}`;
}
