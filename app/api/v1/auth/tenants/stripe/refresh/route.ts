// GET /api/v1/auth/tenants/stripe/refresh/ — Stripe sends an expired or used account link here: a fresh one
import { apiRoute } from "@/lib/http/route";
import { AppError } from "@/lib/http/errors";
import { stripeCallbackQuerySchema } from "@/lib/schemas/stripe";
import { refreshOnboardingLink } from "@/lib/stripe/connect";
import { browserRedirect, errorRedirect, loginRedirect } from "@/lib/stripe/redirects";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "public", query: stripeCallbackQuerySchema }, async ({ req, caller, query }) => {
  if (!caller) return loginRedirect(req);
  try {
    return browserRedirect(await refreshOnboardingLink(caller, query.state));
  } catch (error) {
    if (error instanceof AppError) return errorRedirect(error);
    throw error;
  }
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
