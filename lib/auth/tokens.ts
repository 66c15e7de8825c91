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
