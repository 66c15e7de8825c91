// POST /api/stripe-simulator/finish/ — the simulated onboarding page's choice (simulator only)
import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound, toErrorResponse, validationError } from "@/lib/http/errors";
import { finishAccountLink, finishOAuthAuthorize, isPortalStripeCallback, simulatorEnabled } from "@/lib/stripe/simulator";
import { otherMethods } from "@/lib/http/method-not-allowed";

const finishSchema = z.discriminatedUnion("flow", [
  z.object({ flow: z.literal("account_link"), link: z.string().min(1), outcome: z.enum(["complete", "requirements_due"]) }),
  z.object({
    flow: z.literal("oauth"),
    redirect_uri: z.url().refine(isPortalStripeCallback, "The simulator only redirects to the portal's own Stripe callback."),
    state: z.string(),
    outcome: z.enum(["complete", "requirements_due", "deny"]),
  }),
]);

export async function POST(req: Request) {
  try {
    if (!simulatorEnabled()) throw notFound("The Stripe simulator is off.");
    const parsed = finishSchema.safeParse(Object.fromEntries(new URLSearchParams(await req.text())));
    if (!parsed.success) throw validationError(parsed.error);
    const input = parsed.data;
    const target =
      input.flow === "account_link"
        ? await finishAccountLink(input.link, input.outcome)
        : await finishOAuthAuthorize({ redirectUri: input.redirect_uri, state: input.state, outcome: input.outcome });
    return NextResponse.redirect(target, 303);
  } catch (error) {
    return toErrorResponse(error);
  }
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
