// GET|POST /api/auth/* — next-auth's own endpoints (sign-in, sign-out, csrf, session)
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";

// Options are built per request so that `next build` needs no secrets.
type NextAuthRouteContext = { params: Promise<{ nextauth: string[] }> };
async function handler(req: Request, context: NextAuthRouteContext) {
  return NextAuth(authOptions())(req, context);
}

export { handler as GET, handler as POST };
