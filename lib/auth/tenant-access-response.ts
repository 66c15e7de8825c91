import { NextResponse } from "next/server";
import type { Caller } from "@/lib/auth/caller";
import { writeSessionCookie } from "@/lib/auth/tokens";

type WithAccessToken = { access_token: string; token_type: "Bearer"; expires_in: number; tenant: { id: string } };

/**
 * The answer of an endpoint that opens a tenant (switch, accept invitation).
 * API clients get the access token. A browser session gets its session cookie
 * moved instead, and no bearer token in the body for page scripts to read.
 */
export async function tenantAccessResponse<T extends WithAccessToken>(
  caller: Caller | null,
  result: T,
  user: { id: string; email: string; name: string },
): Promise<NextResponse> {
  if (caller?.via !== "session") return NextResponse.json(result);
  const { access_token: _token, token_type: _type, expires_in: _expires, ...rest } = result;
  const response = NextResponse.json(rest);
  // The session's own user: the cookie keeps the version the session was checked against.
  await writeSessionCookie(response.cookies, { ...user, sessionVersion: caller.sessionVersion }, result.tenant.id, caller.sessionId);
  return response;
}
