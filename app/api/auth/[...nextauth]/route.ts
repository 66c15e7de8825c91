// GET|POST /api/auth/* — next-auth's own endpoints (sign-in, sign-out, csrf, session)
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { toErrorResponse } from "@/lib/http/errors";
import { readBodyText } from "@/lib/http/read-body";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { requestMetaFromHeaders } from "@/lib/http/request-meta";

// next-auth's forms post a CSRF token, an email, a password and a callback URL: a few hundred bytes.
const NEXTAUTH_BODY_LIMIT_BYTES = 16 * 1024;

// Options are built per request: `next build` needs no secrets, and the audit
// entries next-auth's events write (sign-out) get this request's IP and agent.
type NextAuthRouteContext = { params: Promise<{ nextauth: string[] }> };
async function handler(req: NextRequest, context: NextAuthRouteContext) {
  let request = req;
  if (req.method !== "GET" && req.method !== "HEAD") {
    // next-auth would read the whole body whatever its size; it gets a copy read up to the limit.
    let body: string;
    try {
      body = await readBodyText(req, NEXTAUTH_BODY_LIMIT_BYTES);
    } catch (error) {
      return toErrorResponse(error);
    }
    request = new NextRequest(req.url, { method: req.method, headers: req.headers, body });
  }
  return NextAuth(authOptions(requestMetaFromHeaders(req.headers)))(request, context);
}

export { handler as GET, handler as POST };
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET: handler, POST: handler });
