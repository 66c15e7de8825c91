import { decode, encode, type JWT } from "next-auth/jwt";
import { env } from "@/lib/env";

/** Browser sessions and API access tokens are the same next-auth JWT. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
export const ACCESS_TOKEN_TTL_SECONDS = 60 * 60;

export type PortalToken = JWT & { sub: string; tid: string };

export async function issueAccessToken(userId: string, tenantId: string) {
  const accessToken = await encode({
    token: { sub: userId, tid: tenantId },
    secret: env().authSecret,
    maxAge: ACCESS_TOKEN_TTL_SECONDS,
  });
  return { access_token: accessToken, token_type: "Bearer" as const, expires_in: ACCESS_TOKEN_TTL_SECONDS };
}

/** null for anything that is not a valid, unexpired token of ours. */
export async function readToken(token: string): Promise<PortalToken | null> {
  try {
    const payload = await decode({ token, secret: env().authSecret });
    if (!payload || typeof payload.sub !== "string" || typeof payload.tid !== "string") return null;
    return payload as PortalToken;
  } catch {
    return null;
  }
}

// next-auth names the cookie after whether it is served over HTTPS.
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

type CookieWriter = {
  set(name: string, value: string, options: { httpOnly: boolean; sameSite: "lax"; path: string; secure: boolean; maxAge: number }): unknown;
};

/**
 * Points the browser's session at another tenant (tenant switch, accepted
 * invitation): the same cookie next-auth writes, with the same options, so
 * next-auth keeps refreshing it as its own.
 */
export async function writeSessionCookie(cookies: CookieWriter, user: { id: string; email: string; name: string }, tenantId: string) {
  const secure = env().appUrl.startsWith("https://");
  const token = await encode({
    token: { sub: user.id, tid: tenantId, email: user.email, name: user.name },
    secret: env().authSecret,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  cookies.set(secure ? SESSION_COOKIES[0] : SESSION_COOKIES[1], token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

type CookieReader = { get(name: string): { value: string } | undefined };

/** The raw session JWT from the browser's cookie, if any. */
export function sessionTokenFromCookies(cookies: CookieReader): string | undefined {
  return SESSION_COOKIES.map((name) => cookies.get(name)?.value).find(Boolean);
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
