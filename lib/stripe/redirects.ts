import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";

/** The Stripe callbacks answer a browser with redirects, and a script that asks for JSON with JSON. */
export function wantsJson(req: NextRequest): boolean {
  return (req.headers.get("accept") ?? "").includes("application/json");
}

export function browserRedirect(target: string): NextResponse {
  return NextResponse.redirect(new URL(target, env().appUrl), 303);
}

/** A signed-out browser signs in, then comes back to the same callback. */
export function loginRedirect(req: NextRequest): NextResponse {
  const back = req.nextUrl.pathname + req.nextUrl.search;
  return browserRedirect(`/login?callbackUrl=${encodeURIComponent(back)}`);
}
