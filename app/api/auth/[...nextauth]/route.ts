// GET|POST /api/auth/* — next-auth's own endpoints (sign-in, sign-out, csrf, session)
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { requestMetaFromHeaders } from "@/lib/http/request-meta";

// Options are built per request: `next build` needs no secrets, and the audit
// entries next-auth's events write (sign-out) get this request's IP and agent.
type NextAuthRouteContext = { params: Promise<{ nextauth: string[] }> };
async function handler(req: Request, context: NextAuthRouteContext) {
  return NextAuth(authOptions(requestMetaFromHeaders(req.headers)))(req, context);
}

export { handler as GET, handler as POST };
