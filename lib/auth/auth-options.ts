import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { prisma } from "@/lib/db";
import { recordAudit } from "@/lib/audit/audit-log";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { AppError } from "@/lib/http/errors";
import { requestMetaFromHeaders, type RequestMeta } from "@/lib/http/request-meta";
import { loginSchema } from "@/lib/schemas/auth";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/tokens";

/**
 * next-auth for the browser. The Credentials provider calls the same
 * authenticateWithPassword as POST /api/v1/auth/login/; the error it throws
 * reaches the sign-in form as `error` (its message is user-facing).
 */
export function authOptions(meta: RequestMeta = { ip: null, userAgent: null }): NextAuthOptions {
  const config = env();
  // next-auth builds its redirects and callback URLs from NEXTAUTH_URL; ours is APP_URL.
  process.env.NEXTAUTH_URL = config.appUrl;
  return {
    secret: config.authSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    // Secure cookies whenever the portal is served over HTTPS.
    useSecureCookies: config.appUrl.startsWith("https://"),
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const parsed = loginSchema.safeParse({ email: credentials?.email, password: credentials?.password });
          if (!parsed.success) throw new Error("Incorrect email or password.");
          try {
            const user = await authenticateWithPassword(parsed.data, meta.ip || meta.userAgent ? meta : requestMetaFromHeaders(req.headers ?? {}), "browser");
            return { id: user.userId, email: user.email, name: user.name, tenantId: user.tenantId };
          } catch (error) {
            if (error instanceof AppError) throw new Error(error.message);
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user && "tenantId" in user) token.tid = user.tenantId as string;
        return token;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sub !== "string" || typeof token.tid !== "string") return;
        await recordAudit(prisma, {
          tenantId: token.tid,
          actor: { type: "user", userId: token.sub, label: token.email ?? undefined },
          action: "auth.signed_out",
          meta,
        });
      },
    },
  };
}
