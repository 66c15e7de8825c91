// POST /api/stripe/webhooks — Stripe only: events for the platform, signature checked on the raw body
import { toErrorResponse } from "@/lib/http/errors";
import { readBodyText } from "@/lib/http/read-body";
import { handleStripeEvent } from "@/lib/stripe/events";
import { otherMethods } from "@/lib/http/method-not-allowed";

// Stripe's events are a few KB; anything far larger is not from Stripe.
const MAX_EVENT_BYTES = 512 * 1024;

export async function POST(req: Request) {
  try {
    const raw = await readBodyText(req, MAX_EVENT_BYTES);
    return Response.json(await handleStripeEvent(raw, req.headers.get("stripe-signature")));
  } catch (error) {
    return toErrorResponse(error);
  }
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
