// GET /api/v1/auth/tenants/stripe/callback/ — the signed-in browser that started onboarding
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/route";
import { apiError, AppError } from "@/lib/http/errors";
import { stripeCallbackQuerySchema } from "@/lib/schemas/stripe";
import { completeConnect } from "@/lib/stripe/connect";
import { browserRedirect, errorRedirect, loginRedirect, wantsJson } from "@/lib/stripe/redirects";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "public", query: stripeCallbackQuerySchema }, async ({ req, caller, query, meta }) => {
  if (!caller) {
    if (wantsJson(req)) throw apiError("unauthorized", "Sign in first.");
    return loginRedirect(req);
  }
  try {
    const status = await completeConnect(caller, query, meta);
    return wantsJson(req) ? NextResponse.json(status) : browserRedirect("/stripe?connected=1");
  } catch (error) {
    if (error instanceof AppError && !wantsJson(req)) {
      return errorRedirect(error);
    }
    throw error;
  }
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
