// GET|POST /api/auth/* — next-auth's own endpoints (sign-in, sign-out, csrf, session)
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { requestForNextAuth } from "@/lib/auth/next-auth-request";
import { toErrorResponse } from "@/lib/http/errors";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { requestMetaFromHeaders } from "@/lib/http/request-meta";

// Options are built per request: `next build` needs no secrets, and the audit
// entries next-auth's events write (sign-out) get this request's IP and agent.
type NextAuthRouteContext = { params: Promise<{ nextauth: string[] }> };
async function handler(req: NextRequest, context: NextAuthRouteContext) {
  let request: NextRequest;
  try {
    request = await requestForNextAuth(req);
  } catch (error) {
    return toErrorResponse(error);
  }
  return NextAuth(authOptions(requestMetaFromHeaders(req.headers)))(request, context);
}

export { handler as GET, handler as POST };
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET: handler, POST: handler });
