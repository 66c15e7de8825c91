import { decode, encode, type JWT } from "next-auth/jwt";
import { env } from "@/lib/env";

/**
 * Browser sessions and API access tokens are next-auth JWTs signed with the
 * same secret. The `typ` claim keeps them apart: a session token is accepted
 * only from the session cookie, an access token only as `Authorization:
 * Bearer`, so neither can stand in for the other (a stolen cookie value is
 * no API credential, and a token handed to a script never signs a browser in).
 * `sv` is the user's session version when the token was issued: signing out
 * increments it, which ends every earlier token of that user at once. `sid`
 * (session tokens only) names the UserSession row of that browser sign-in
 * (lib/auth/user-sessions.ts), which can be ended on its own; a session token
 * from before sessions were recorded has none and lives on its version alone.
 */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
export const ACCESS_TOKEN_TTL_SECONDS = 60 * 60;

export type TokenType = "session" | "access";
export type PortalToken = JWT & { sub: string; tid: string; typ: TokenType; sv: number; sid?: string };

/** Who a token is for: the user's id and their session version now. */
export type TokenSubject = { id: string; sessionVersion: number };

/** The claims next-auth's jwt callback adds to a browser session at sign-in (and a re-issued cookie keeps). */
export function sessionClaims(user: TokenSubject, tenantId: string, sessionId?: string | null) {
  return { tid: tenantId, typ: "session" as const, sv: user.sessionVersion, ...(sessionId ? { sid: sessionId } : {}) };
}

export async function issueAccessToken(user: TokenSubject, tenantId: string) {
  const accessToken = await encode({
    token: { sub: user.id, tid: tenantId, typ: "access", sv: user.sessionVersion },
    secret: env().authSecret,
    maxAge: ACCESS_TOKEN_TTL_SECONDS,
  });
  return { access_token: accessToken, token_type: "Bearer" as const, expires_in: ACCESS_TOKEN_TTL_SECONDS };
}

/** The decoded token as one of ours of the given type, or null (another type, or claims missing). */
export function portalClaims(payload: JWT | null, type: TokenType): PortalToken | null {
  if (!payload || typeof payload.sub !== "string" || typeof payload.tid !== "string") return null;
  if (payload.typ !== type || typeof payload.sv !== "number") return null;
  if (payload.sid !== undefined && typeof payload.sid !== "string") return null;
  return payload as PortalToken;
}

/** null for anything that is not a valid, unexpired token of ours of the given type. */
export async function readToken(token: string, type: TokenType): Promise<PortalToken | null> {
  try {
    return portalClaims(await decode({ token, secret: env().authSecret }), type);
  } catch {
    return null;
  }
}

// next-auth names the cookie after whether it is served over HTTPS.
const SECURE_SESSION_COOKIE = "__Secure-next-auth.session-token";
const PLAIN_SESSION_COOKIE = "next-auth.session-token";

/**
 * Over HTTPS only the `__Secure-` cookie counts: browsers let only a secure
 * origin set it, while a plain-named cookie can be planted by a neighbouring
 * http:// page or subdomain (cookie tossing).
 */
function sessionCookieName(): string {
  return env().appUrl.startsWith("https://") ? SECURE_SESSION_COOKIE : PLAIN_SESSION_COOKIE;
}

/** A browser session token, as next-auth writes it at sign-in. */
export async function encodeSessionToken(user: TokenSubject & { email: string; name: string }, tenantId: string, sessionId?: string | null) {
  return encode({
    token: { sub: user.id, email: user.email, name: user.name, ...sessionClaims(user, tenantId, sessionId) },
    secret: env().authSecret,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

type CookieWriter = {
  set(name: string, value: string, options: { httpOnly: boolean; sameSite: "lax"; path: string; secure: boolean; maxAge: number }): unknown;
};

/**
 * Re-issues the browser's session cookie (tenant switch, accepted invitation,
 * password change): the same cookie next-auth writes, with the same options,
 * so next-auth keeps refreshing it as its own. The session keeps its `sid`.
 */
export async function writeSessionCookie(
  cookies: CookieWriter,
  user: TokenSubject & { email: string; name: string },
  tenantId: string,
  sessionId: string | null,
) {
  const name = sessionCookieName();
  const token = await encodeSessionToken(user, tenantId, sessionId);
  cookies.set(name, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: name === SECURE_SESSION_COOKIE,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

/** What Next's cookies() and a NextRequest's cookies both offer. */
export type CookieReader = { get(name: string): { value: string } | undefined };

/** The raw session JWT from the browser's cookie, if any. */
export function sessionTokenFromCookies(cookies: CookieReader): string | undefined {
  return cookies.get(sessionCookieName())?.value || undefined;
}

/**
 * The credential in `Authorization: Bearer <credential>` (the scheme is
 * case-insensitive): undefined when there is no Authorization header, null
 * when there is one of another shape.
 */
export function bearerCredential(headers: Headers): string | null | undefined {
  const authorization = headers.get("authorization");
  if (authorization === null) return undefined;
  const match = /^bearer\s+(\S+)\s*$/i.exec(authorization);
  return match ? match[1] : null;
}
