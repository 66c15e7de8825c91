import { afterEach, describe, expect, it } from "vitest";
import { decode } from "next-auth/jwt";
import { prisma } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { GET as me } from "@/app/api/v1/auth/me/route";
import { POST as logout } from "@/app/api/v1/auth/logout/route";
import { POST as switchTenant } from "@/app/api/v1/auth/tenants/switch/route";
import { authOptions } from "@/lib/auth/auth-options";
import { resolveCaller } from "@/lib/auth/caller";
import { encodeSessionToken, issueAccessToken, readToken } from "@/lib/auth/tokens";
import { BASE_URL, call, registerOwner } from "./helpers/api";
import { callNextAuthGet } from "./helpers/next-auth";

const ME = "/api/v1/auth/me/";
const LOGOUT = "/api/v1/auth/logout/";
const ORIGIN = "http://localhost:3000";

const signedOutEntries = (tenantId: string) => prisma.auditLog.count({ where: { tenantId, action: "auth.signed_out" } });

/** What the portal layout does: the caller for a request carrying only these cookies, or null (the layout redirects). */
async function pageCaller(cookieHeader: string) {
  const { NextRequest } = await import("next/server");
  const request = new NextRequest(new URL("/dashboard", BASE_URL), { headers: { cookie: cookieHeader } });
  return resolveCaller(new Headers(), request.cookies);
}

describe("signing out ends the session on the server", () => {
  it("next-auth's sign-out makes the old cookie answer 401 and the pages treat it as signed out", async () => {
    const owner = await registerOwner();
    expect((await call(me, ME, { cookie: owner.session })).status).toBe(200);
    expect(await pageCaller(`next-auth.session-token=${owner.session}`)).not.toBeNull();

    // next-auth hands its signOut event the session token it decoded from the cookie.
    const token = await readToken(owner.session, "session");
    await authOptions({ ip: "203.0.113.10", userAgent: "vitest" }).events!.signOut!({ token: token!, session: null as never });

    const after = await call(me, ME, { cookie: owner.session });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("unauthorized");
    expect(await pageCaller(`next-auth.session-token=${owner.session}`)).toBeNull();
    expect(await signedOutEntries(owner.tenantId)).toBe(1);

    // A replay of the old token signs nobody out again and writes no second entry.
    await authOptions().events!.signOut!({ token: token!, session: null as never });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: owner.userId } })).sessionVersion).toBe(1);
    expect(await signedOutEntries(owner.tenantId)).toBe(1);
  });

  it("POST /auth/logout/ ends every session and access token of the user, and a stale token cannot call it again", async () => {
    const owner = await registerOwner();
    const otherDevice = owner.session;
    const result = await call(logout, LOGOUT, { token: owner.token, body: {} });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ signed_out: true });

    const bearer = await call(me, ME, { token: owner.token });
    expect(bearer.status).toBe(401);
    expect(bearer.body.error.code).toBe("invalid_token");
    expect((await call(me, ME, { cookie: otherDevice })).status).toBe(401);
    const again = await call(logout, LOGOUT, { token: owner.token, body: {} });
    expect(again.status).toBe(401);
    expect(await signedOutEntries(owner.tenantId)).toBe(1);

    // Signing in again issues tokens of the new version, which work.
    const fresh = await issueAccessToken({ id: owner.userId, sessionVersion: 1 }, owner.tenantId);
    expect((await call(me, ME, { token: fresh.access_token })).status).toBe(200);
  });

  it("POST /auth/logout/ with the cookie needs the portal's Origin, like every cookie write", async () => {
    const owner = await registerOwner();
    const refused = await call(logout, LOGOUT, { cookie: owner.session, body: {} });
    expect(refused.status).toBe(403);
    expect((await call(me, ME, { cookie: owner.session })).status).toBe(200);
    expect((await call(logout, LOGOUT, { cookie: owner.session, origin: ORIGIN, body: {} })).status).toBe(200);
    expect((await call(me, ME, { cookie: owner.session })).status).toBe(401);
  });

  it("a tenant switch keeps the session's version, so the moved cookie works until sign-out", async () => {
    const owner = await registerOwner();
    const other = await registerOwner();
    await prisma.membership.create({ data: { userId: owner.userId, tenantId: other.tenantId, role: "admin" } });
    const switched = await call(switchTenant, "/api/v1/auth/tenants/switch/", { cookie: owner.session, origin: ORIGIN, body: { tenant_id: other.tenantId } });
    const moved = (switched.headers.get("set-cookie") ?? "").split(";")[0].split("=")[1];
    expect(await readToken(moved, "session")).toMatchObject({ tid: other.tenantId, typ: "session", sv: 0 });
    expect((await call(me, ME, { cookie: moved })).body.tenant.id).toBe(other.tenantId);
    await call(logout, LOGOUT, { cookie: moved, origin: ORIGIN, body: {} });
    expect((await call(me, ME, { cookie: moved })).status).toBe(401);
  });
});

describe("next-auth's session endpoint", () => {
  const SESSION_COOKIE = "next-auth.session-token";
  /** The session cookie next-auth sets in its answer: its value ("" when cleared), or undefined when it sets none. */
  const sessionCookieSet = (setCookies: string[]) =>
    setCookies.find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))?.split(";")[0].slice(SESSION_COOKIE.length + 1);

  it("answers a live cookie with the user and re-issues the cookie", async () => {
    const owner = await registerOwner();
    const result = await callNextAuthGet(["session"], `${SESSION_COOKIE}=${owner.session}`);
    expect(result.status).toBe(200);
    expect(result.body.user).toEqual({ name: owner.input.name, email: owner.input.email });
    const refreshed = sessionCookieSet(result.setCookies);
    expect(await readToken(refreshed!, "session")).toMatchObject({ sub: owner.userId, tid: owner.tenantId, sv: 0 });
  });

  it("answers a signed-out cookie with an empty session and clears the cookie instead of refreshing it", async () => {
    const owner = await registerOwner();
    expect((await call(logout, LOGOUT, { token: owner.token, body: {} })).status).toBe(200);
    const result = await callNextAuthGet(["session"], `${SESSION_COOKIE}=${owner.session}`);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({});
    expect(sessionCookieSet(result.setCookies)).toBe("");
    expect(JSON.stringify(result)).not.toContain(owner.input.email);
  });

  it("answers an access token in the session cookie with an empty session", async () => {
    const owner = await registerOwner();
    const result = await callNextAuthGet(["session"], `${SESSION_COOKIE}=${owner.token}`);
    expect(result.body).toEqual({});
    expect(sessionCookieSet(result.setCookies)).toBe("");
  });
});

describe("token types", () => {
  it("refuses a session token sent as Bearer", async () => {
    const owner = await registerOwner();
    const result = await call(me, ME, { token: owner.session });
    expect(result.status).toBe(401);
    expect(result.body.error.code).toBe("invalid_token");
  });

  it("does not sign a browser in with an access token in the session cookie", async () => {
    const owner = await registerOwner();
    const result = await call(me, ME, { cookie: owner.token });
    expect(result.status).toBe(401);
    expect(result.body.error.code).toBe("unauthorized");
    expect(await pageCaller(`next-auth.session-token=${owner.token}`)).toBeNull();
  });

  it("next-auth's sign-in writes a session token with the user's version", async () => {
    const owner = await registerOwner();
    await prisma.user.update({ where: { id: owner.userId }, data: { sessionVersion: 3 } });
    const jwt = authOptions().callbacks!.jwt!;
    const token = await jwt({
      token: { sub: owner.userId, email: owner.input.email },
      user: { id: owner.userId, email: owner.input.email, name: owner.input.name, tenantId: owner.tenantId, sessionVersion: 3 } as never,
      account: null,
    });
    expect(token).toMatchObject({ sub: owner.userId, tid: owner.tenantId, typ: "session", sv: 3 });
    // On later refreshes (no user) the claims stay as they were.
    expect(await jwt({ token, user: undefined as never, account: null })).toMatchObject({ typ: "session", sv: 3 });
  });

  it("issues access tokens typed as such", async () => {
    const owner = await registerOwner();
    const payload = await decode({ token: owner.token, secret: process.env.AUTH_SECRET! });
    expect(payload).toMatchObject({ sub: owner.userId, tid: owner.tenantId, typ: "access", sv: 0 });
  });
});

describe("the session cookie's name", () => {
  afterEach(() => {
    process.env.APP_URL = ORIGIN;
    resetEnvCache();
  });

  it("over HTTPS accepts only the __Secure- cookie", async () => {
    process.env.APP_URL = "https://portal.example.test";
    resetEnvCache();
    const owner = await registerOwner();
    const plain = await call(me, ME, { headers: { cookie: `next-auth.session-token=${owner.session}` } });
    expect(plain.status).toBe(401);
    const secure = await call(me, ME, { headers: { cookie: `__Secure-next-auth.session-token=${owner.session}` } });
    expect(secure.status).toBe(200);
  });

  it("over HTTP accepts only the plain cookie, which is all next-auth writes there", async () => {
    const owner = await registerOwner();
    const session = await encodeSessionToken({ id: owner.userId, email: owner.input.email, name: owner.input.name, sessionVersion: 0 }, owner.tenantId);
    expect((await call(me, ME, { headers: { cookie: `next-auth.session-token=${session}` } })).status).toBe(200);
    expect((await call(me, ME, { headers: { cookie: `__Secure-next-auth.session-token=${session}` } })).status).toBe(401);
  });
});
