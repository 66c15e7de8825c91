import { NextResponse, type NextRequest } from "next/server";
import { portalPageFor } from "@/lib/auth/page-access";
import { readToken, sessionTokenFromCookies } from "@/lib/auth/tokens";

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV !== "production";
  return [
    "default-src 'self'",
    // Next's own inline bootstrap scripts carry this nonce; dev's HMR needs eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Radix positions popovers with style attributes, which nonces cannot cover.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

async function hasSession(request: NextRequest): Promise<boolean> {
  const raw = sessionTokenFromCookies(request.cookies);
  return raw ? (await readToken(raw, "session")) !== null : false;
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // Portal pages need a session. The role and the membership are checked
  // against the database when the page renders; this only saves a render for
  // visitors with no session.
  if (portalPageFor(pathname)) {
    if (!(await hasSession(request))) {
      const login = new URL("/login", request.url);
      login.searchParams.set("callbackUrl", pathname + search);
      return NextResponse.redirect(login);
    }
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-pathname", pathname + search);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Pages only: API routes answer JSON and get the static headers from next.config.ts.
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
