import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { authenticateWithPassword, type AuthenticatedUser } from "@/lib/auth/authenticate";
import { TWO_FACTOR_REQUIRED_PREFIX } from "@/lib/auth/two-factor-rules";
import { completeTwoFactorSignIn } from "@/lib/auth/two-factor-sign-in";
import { twoFactorSignInSchema } from "@/lib/schemas/two-factor";
import { endUserSessions, isLiveSessionToken } from "@/lib/auth/sessions";
import { AppError } from "@/lib/http/errors";
import { requestMetaFromHeaders, type RequestMeta } from "@/lib/http/request-meta";
import { loginSchema } from "@/lib/schemas/auth";
import { SESSION_MAX_AGE_SECONDS, sessionClaims } from "@/lib/auth/tokens";
import { errorMessage, log } from "@/lib/log";

/** Thrown from the jwt callback for a token whose session has ended (signed out, wrong type). */
class SessionEndedError extends Error {
  constructor() {
    super("The session has ended.");
    this.name = "SessionEndedError";
  }
}

/** What a signed-in user carries into the jwt callback. */
function sessionUser(user: AuthenticatedUser) {
  return { id: user.userId, email: user.email, name: user.name, tenantId: user.tenantId, sessionVersion: user.sessionVersion, sessionId: user.sessionId };
}

/**
 * next-auth for the browser. The Credentials provider calls the same
 * authenticateWithPassword as POST /api/v1/auth/login/; the error it throws
 * reaches the sign-in form as `error` (its message is user-facing). With
 * two-factor on, the password step answers an error that carries the
 * challenge (TWO_FACTOR_REQUIRED_PREFIX), and only the "two-factor" provider,
 * given that challenge and a code, signs the browser in.
 */
export function authOptions(meta: RequestMeta = { ip: null, userAgent: null }): NextAuthOptions {
  const config = env();
  const requestMeta = (req: { headers?: Record<string, string> }) => (meta.ip || meta.userAgent ? meta : requestMetaFromHeaders(req.headers ?? {}));
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
            const result = await authenticateWithPassword(parsed.data, requestMeta(req), "browser");
            // No session from the password alone: the form takes the challenge to the second step (provider "two-factor").
            if (result.twoFactorRequired) throw new Error(`${TWO_FACTOR_REQUIRED_PREFIX}${result.challengeToken}`);
            return sessionUser(result.user);
          } catch (error) {
            if (error instanceof AppError) throw new Error(error.message);
            throw error;
          }
        },
      }),
      CredentialsProvider({
        id: "two-factor",
        name: "Two-factor code",
        credentials: {
          challenge_token: { label: "Challenge", type: "text" },
          code: { label: "Authentication code", type: "text" },
          recovery_code: { label: "Recovery code", type: "text" },
        },
        async authorize(credentials, req) {
          const parsed = twoFactorSignInSchema.safeParse({
            challenge_token: credentials?.challenge_token,
            // The form posts both fields; the one left empty was not chosen.
            code: credentials?.code || undefined,
            recovery_code: credentials?.recovery_code || undefined,
          });
          if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "Enter the code from your authenticator app.");
          try {
            const { user } = await completeTwoFactorSignIn(parsed.data, requestMeta(req), "browser");
            return sessionUser(user);
          } catch (error) {
            if (error instanceof AppError) throw new Error(error.message);
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        // At sign-in (`user` is what authorize returned): the tenant, the token type and the session version.
        if (user && "tenantId" in user && "sessionVersion" in user) {
          const sessionId = "sessionId" in user && typeof user.sessionId === "string" ? user.sessionId : null;
          return Object.assign(token, sessionClaims({ id: user.id, sessionVersion: user.sessionVersion as number }, user.tenantId as string, sessionId));
        }
        // Every later read (`/api/auth/session`, which also re-issues the cookie) checks the
        // session is still live. next-auth 4 has no "signed out" return value here: a throw is
        // what makes it answer `{}` and clear the cookie instead of refreshing it.
        if (!(await isLiveSessionToken(token))) throw new SessionEndedError();
        return token;
      },
    },
    logger: {
      // A copied cookie of a session that has ended is expected traffic, not a server fault.
      error(code, metadata) {
        if (metadata instanceof SessionEndedError) return;
        log.error({ code, error: errorMessage(metadata) }, "next-auth error");
      },
    },
    events: {
      // Ends the session on the server too: the cookie next-auth clears may have been copied.
      async signOut({ token }) {
        if (typeof token?.sub !== "string" || typeof token.tid !== "string" || typeof token.sv !== "number") return;
        // A session that already ended (signed out from the profile's session list, or everywhere) ends nothing more.
        if (!(await isLiveSessionToken(token))) return;
        await endUserSessions({ userId: token.sub, email: token.email, tenantId: token.tid, sessionVersion: token.sv }, meta, "browser");
      },
    },
  };
}
