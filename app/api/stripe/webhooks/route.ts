// POST /api/stripe/webhooks — Stripe only: events for the platform, signature checked on the raw body
import { toErrorResponse } from "@/lib/http/errors";
import { handleStripeEvent } from "@/lib/stripe/events";

export async function POST(req: Request) {
  try {
    return Response.json(await handleStripeEvent(await req.text(), req.headers.get("stripe-signature")));
  } catch (error) {
    return toErrorResponse(error);
  }
}
