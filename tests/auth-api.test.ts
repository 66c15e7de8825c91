import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { POST as login } from "@/app/api/v1/auth/login/route";
import { GET as me } from "@/app/api/v1/auth/me/route";
import { POST as register } from "@/app/api/v1/auth/register/route";
import { LOGIN_LIMITS, SIGNUP_LIMIT_PER_IP } from "@/lib/auth/auth-throttle";
import { ACCOUNT_DELAY } from "@/lib/auth/login-throttle-decision";
import { resetEnvCache } from "@/lib/env";
import { call, registerOwner } from "./helpers/api";

const REGISTER = "/api/v1/auth/register/";
const LOGIN = "/api/v1/auth/login/";

async function counts() {
  return { users: await prisma.user.count(), tenants: await prisma.tenant.count(), memberships: await prisma.membership.count() };
}

describe("POST /api/v1/auth/register/", () => {
  it("creates a pending tenant, its owner and membership, audited, and returns a working token", async () => {
    const result = await call(register, REGISTER, {
      body: { email: "Founder@Example.TEST", password: "a long enough password", name: "Fay Founder", tenant_name: "Fay's Shop" },
    });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      user: { email: "founder@example.test", name: "Fay Founder" },
      tenant: { name: "Fay's Shop", slug: "fay-s-shop", status: "pending" },
      role: "owner",
      token_type: "Bearer",
      expires_in: 3600,
    });
    expect(result.body.access_token).toEqual(expect.any(String));
    expect(JSON.stringify(result.body)).not.toContain("password");

    const user = await prisma.user.findUniqueOrThrow({ where: { email: "founder@example.test" }, include: { memberships: true } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.memberships).toEqual([expect.objectContaining({ role: "owner", tenantId: result.body.tenant.id })]);
    const audit = await prisma.auditLog.findMany({ where: { tenantId: result.body.tenant.id } });
    expect(audit).toEqual([expect.objectContaining({ action: "auth.signed_up", actorUserId: user.id, ip: "203.0.113.10", userAgent: "vitest" })]);

    const whoami = await call(me, "/api/v1/auth/me/", { token: result.body.access_token });
    expect(whoami.status).toBe(200);
    expect(whoami.body).toMatchObject({ user: { id: user.id }, tenant: { id: result.body.tenant.id }, role: "owner" });
  });

  it("treats emails case-insensitively: a second sign-up with the same address is 409 email_taken", async () => {
    const { input } = await registerOwner({ email: "same@example.test" });
    const before = await counts();
    const again = await call(register, REGISTER, { body: { ...input, email: "SAME@example.test", tenant_name: "Other" } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("email_taken");
    expect(await counts()).toEqual(before);
  });

  it("gives each tenant a unique slug", async () => {
    const a = await registerOwner({ tenant_name: "Twin" });
    const b = await registerOwner({ tenant_name: "Twin" });
    const slugs = await prisma.tenant.findMany({ where: { id: { in: [a.tenantId, b.tenantId] } }, select: { slug: true } });
    expect(new Set(slugs.map((tenant) => tenant.slug)).size).toBe(2);
  });

  const bad: [string, unknown, string, string[]?][] = [
    ["malformed JSON", "{not json", "invalid_json"],
    ["missing fields", {}, "validation_error", ["email", "password", "name", "tenant_name"]],
    ["wrong types", { email: 42, password: true, name: [], tenant_name: {} }, "validation_error", ["email", "password", "name", "tenant_name"]],
    ["an invalid email", { email: "nope", password: "long enough pw", name: "N", tenant_name: "T T" }, "validation_error", ["email"]],
    ["a short password", { email: "a@b.test", password: "short", name: "N", tenant_name: "T T" }, "validation_error", ["password"]],
    ["unknown fields", { email: "a@b.test", password: "long enough pw", name: "N", tenant_name: "T T", role: "owner" }, "validation_error", [""]],
    ["a JSON array", [], "validation_error"],
  ];
  for (const [label, body, code, paths] of bad) {
    it(`answers 400 ${code} for ${label} and changes nothing`, async () => {
      const before = await counts();
      const result = await call(register, REGISTER, { body });
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe(code);
      expect(result.body.error.message).toEqual(expect.any(String));
      if (paths) {
        const seen = (result.body.error.details as { path: string[] }[]).map((issue) => issue.path.join("."));
        for (const path of paths) expect(seen).toContain(path);
      }
      expect(await counts()).toEqual(before);
    });
  }

  it("throttles sign-ups from one IP", async () => {
    const ip = "192.0.2.150";
    for (let i = 0; i < SIGNUP_LIMIT_PER_IP; i++) {
      const result = await call(register, REGISTER, { body: { email: `burst${i}@example.test`, password: "long enough pw", name: "B", tenant_name: "Burst" }, ip });
      expect(result.status).toBe(201);
    }
    const before = await counts();
    const blocked = await call(register, REGISTER, { body: { email: "burst-last@example.test", password: "long enough pw", name: "B", tenant_name: "Burst" }, ip });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await counts()).toEqual(before);
  });

  it("answers 413 for a body over 64 KB and changes nothing", async () => {
    const before = await counts();
    const result = await call(register, REGISTER, {
      body: { email: "big@example.test", password: "long enough pw", name: "x".repeat(70 * 1024), tenant_name: "Big" },
    });
    expect(result.status).toBe(413);
    expect(result.body.error.code).toBe("payload_too_large");
    expect(await counts()).toEqual(before);
  });
});

describe("POST /api/v1/auth/login/", () => {
  it("returns an access token for the right password, case-insensitively on the email, and audits it", async () => {
    const owner = await registerOwner();
    const result = await call(login, LOGIN, { body: { email: owner.input.email.toUpperCase(), password: owner.input.password } });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 3600 });
    const whoami = await call(me, "/api/v1/auth/me/", { token: result.body.access_token });
    expect(whoami.body.user.id).toBe(owner.userId);
    const entry = await prisma.auditLog.findFirst({ where: { tenantId: owner.tenantId, action: "auth.signed_in" } });
    expect(entry).toMatchObject({ actorUserId: owner.userId, ip: "203.0.113.10" });
    const user = await prisma.user.findUniqueOrThrow({ where: { id: owner.userId } });
    expect(user.lastLoginAt).toBeInstanceOf(Date);
  });

  it("answers the same 401 invalid_credentials for a wrong password and an unknown email, and audits both", async () => {
    const owner = await registerOwner();
    const wrong = await call(login, LOGIN, { body: { email: owner.input.email, password: "not the password" }, ip: "198.51.100.1" });
    const unknown = await call(login, LOGIN, { body: { email: "nobody@example.test", password: "not the password" }, ip: "198.51.100.1" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    // The same answer either way, but for the request's own id.
    expect({ ...wrong.body.error, request_id: undefined }).toEqual({ ...unknown.body.error, request_id: undefined });
    expect(wrong.body.error.code).toBe("invalid_credentials");
    const failed = await prisma.auditLog.findMany({ where: { action: "auth.login_failed", ip: "198.51.100.1" }, orderBy: { createdAt: "asc" } });
    expect(failed.map((entry) => [entry.tenantId, entry.actorLabel])).toEqual([
      [owner.tenantId, owner.input.email],
      [null, "nobody@example.test"],
    ]);
    expect(JSON.stringify(failed)).not.toContain("not the password");
  });

  it("throttles an account from one IP after repeated failures with 429 and Retry-After, even for the right password", async () => {
    const owner = await registerOwner();
    const ip = "192.0.2.10";
    for (let i = 0; i < LOGIN_LIMITS.accountFromIp; i++) {
      const result = await call(login, LOGIN, { body: { email: owner.input.email, password: `wrong ${i}` }, ip });
      expect(result.status).toBe(401);
    }
    const blocked = await call(login, LOGIN, { body: { email: owner.input.email, password: owner.input.password }, ip });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("too_many_requests");
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(blocked.body.error.details).toEqual({ retry_after: retryAfter });
    // Still throttled, but the audit log gets one entry per window, not one per attempt.
    expect((await call(login, LOGIN, { body: { email: owner.input.email, password: "again" }, ip })).status).toBe(429);
    expect(await prisma.auditLog.count({ where: { action: "auth.login_throttled", actorLabel: owner.input.email } })).toBe(1);
    // The owner at another address is not locked out by someone else's guesses.
    expect((await call(login, LOGIN, { body: { email: owner.input.email, password: owner.input.password }, ip: "192.0.2.11" })).status).toBe(200);
    // Another account from the same IP is not affected.
    const other = await registerOwner();
    expect((await call(login, LOGIN, { body: { email: other.input.email, password: other.input.password }, ip })).status).toBe(200);
  });

  it("counts guesses sent in parallel: at most the limit are checked, the rest are throttled", async () => {
    const owner = await registerOwner();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => call(login, LOGIN, { body: { email: owner.input.email, password: `parallel ${i}` }, ip: "192.0.2.20" })),
    );
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(LOGIN_LIMITS.accountFromIp);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(30 - LOGIN_LIMITS.accountFromIp);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    expect(await prisma.auditLog.count({ where: { action: "auth.login_failed", actorLabel: owner.input.email } })).toBeLessThanOrEqual(LOGIN_LIMITS.accountFromIp);
  });

  it("never locks the owner out: after 60 guesses from many addresses the right password from a fresh one gets in within the capped delay", async () => {
    const owner = await registerOwner();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    try {
      let failures = 0;
      let longestWait = 0;
      for (let i = 0; failures < 60; i++) {
        // Four guesses per address: under the per-address limits, so only the account-wide delay applies.
        const result = await call(login, LOGIN, { body: { email: owner.input.email, password: `guess ${i}` }, ip: `10.9.${Math.floor(i / 4)}.${i % 250}` });
        if (result.status === 401) failures += 1;
        else {
          expect(result.status).toBe(429);
          const wait = Number(result.headers.get("retry-after"));
          expect(wait).toBeLessThanOrEqual(ACCOUNT_DELAY.maxMs / 1000);
          longestWait = Math.max(longestWait, wait);
          vi.setSystemTime(Date.now() + wait * 1000);
        }
      }
      // Guessing got slow: the delay reached its cap.
      expect(longestWait).toBe(ACCOUNT_DELAY.maxMs / 1000);

      const fresh = { body: { email: owner.input.email, password: owner.input.password }, ip: "198.51.100.77" };
      const first = await call(login, LOGIN, fresh);
      expect(first.status).toBe(429);
      expect(Number(first.headers.get("retry-after"))).toBeLessThanOrEqual(ACCOUNT_DELAY.maxMs / 1000);
      vi.setSystemTime(Date.now() + Number(first.headers.get("retry-after")) * 1000);
      const signedIn = await call(login, LOGIN, fresh);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.access_token).toEqual(expect.any(String));
    } finally {
      vi.useRealTimers();
    }
  });

  it("lets an address the account signed in from skip the account-wide delay", async () => {
    const owner = await registerOwner();
    const home = "198.51.100.80";
    expect((await call(login, LOGIN, { body: { email: owner.input.email, password: owner.input.password }, ip: home })).status).toBe(200);
    for (let i = 0; i < LOGIN_LIMITS.accountFreeFailures + 5; i++) {
      await call(login, LOGIN, { body: { email: owner.input.email, password: "guess" }, ip: `10.8.0.${i}` });
    }
    const stranger = await call(login, LOGIN, { body: { email: owner.input.email, password: owner.input.password }, ip: "198.51.100.81" });
    expect(stranger.status).toBe(429);
    expect((await call(login, LOGIN, { body: { email: owner.input.email, password: owner.input.password }, ip: home })).status).toBe(200);
  });

  it("throttles an IP that fails across many accounts", async () => {
    const ip = "192.0.2.200";
    for (let i = 0; i < LOGIN_LIMITS.ip; i++) {
      await call(login, LOGIN, { body: { email: `spray${i}@example.test`, password: "guess" }, ip });
    }
    const owner = await registerOwner();
    const blocked = await call(login, LOGIN, { body: { email: owner.input.email, password: owner.input.password }, ip });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
    const elsewhere = await call(login, LOGIN, { body: { email: owner.input.email, password: owner.input.password }, ip: "192.0.2.201" });
    expect(elsewhere.status).toBe(200);
  });

  it("ignores a client's X-Forwarded-For: it neither spreads the per-IP limit nor reaches the audit log", async () => {
    const owner = await registerOwner();
    const peer = "192.0.2.30";
    for (let i = 0; i < LOGIN_LIMITS.accountFromIp; i++) {
      const result = await call(login, LOGIN, { body: { email: owner.input.email, password: "wrong" }, ip: peer, headers: { "x-forwarded-for": `6.6.6.${i}` } });
      expect(result.status).toBe(401);
    }
    const blocked = await call(login, LOGIN, { body: { email: owner.input.email, password: owner.input.password }, ip: peer, headers: { "x-forwarded-for": "" } });
    expect(blocked.status).toBe(429);
    const spoofed = await call(login, LOGIN, {
      body: { email: owner.input.email, password: owner.input.password },
      ip: peer,
      headers: { "x-forwarded-for": "<b>1.2.3.4 (verified office)</b>" },
    });
    expect(spoofed.status).toBe(429);
    const entries = await prisma.auditLog.findMany({ where: { actorLabel: owner.input.email, action: { in: ["auth.login_failed", "auth.login_throttled"] } } });
    expect(entries.length).toBeGreaterThan(LOGIN_LIMITS.accountFromIp);
    expect(new Set(entries.map((entry) => entry.ip))).toEqual(new Set([peer]));
  });

  describe("behind a trusted proxy (TRUSTED_PROXIES=127.0.0.1)", () => {
    beforeEach(() => {
      process.env.TRUSTED_PROXIES = "127.0.0.1";
      resetEnvCache();
    });
    afterEach(() => {
      delete process.env.TRUSTED_PROXIES;
      resetEnvCache();
    });

    it("takes the client from the proxy's entry; addresses the client prepends change nothing", async () => {
      const owner = await registerOwner();
      for (let i = 0; i < LOGIN_LIMITS.accountFromIp; i++) {
        await call(login, LOGIN, { body: { email: owner.input.email, password: "wrong" }, ip: "127.0.0.1", headers: { "x-forwarded-for": `6.6.6.${i}, 198.51.100.30` } });
      }
      const blocked = await call(login, LOGIN, {
        body: { email: owner.input.email, password: owner.input.password },
        ip: "::ffff:127.0.0.1",
        headers: { "x-forwarded-for": "7.7.7.7, 198.51.100.30" },
      });
      expect(blocked.status).toBe(429);
      const failed = await prisma.auditLog.findMany({ where: { action: "auth.login_failed", actorLabel: owner.input.email } });
      expect(new Set(failed.map((entry) => entry.ip))).toEqual(new Set(["198.51.100.30"]));
      // Another client behind the same proxy is someone else.
      expect((await call(login, LOGIN, { body: { email: owner.input.email, password: owner.input.password }, ip: "127.0.0.1", headers: { "x-forwarded-for": "198.51.100.31" } })).status).toBe(200);
    });

    it("stores only a parsed address: garbage in the header leaves the proxy's own address", async () => {
      const owner = await registerOwner();
      await call(login, LOGIN, { body: { email: owner.input.email, password: "wrong" }, ip: "127.0.0.1", headers: { "x-forwarded-for": "<b>1.2.3.4 (verified office)</b>" } });
      const failed = await prisma.auditLog.findFirstOrThrow({ where: { action: "auth.login_failed", actorLabel: owner.input.email } });
      expect(failed.ip).toBe("127.0.0.1");
    });
  });

  it("resets the account count after a successful sign-in", async () => {
    const owner = await registerOwner();
    for (let i = 0; i < LOGIN_LIMITS.accountFromIp - 1; i++) {
      await call(login, LOGIN, { body: { email: owner.input.email, password: "wrong" } });
    }
    expect((await call(login, LOGIN, { body: { email: owner.input.email, password: owner.input.password } })).status).toBe(200);
    for (let i = 0; i < LOGIN_LIMITS.accountFromIp; i++) {
      expect((await call(login, LOGIN, { body: { email: owner.input.email, password: "wrong" } })).status).toBe(401);
    }
  });

  it("validates the body like every endpoint", async () => {
    const result = await call(login, LOGIN, { body: { email: "a@b.test" } });
    expect(result.status).toBe(400);
    expect(result.body.error.details).toEqual([expect.objectContaining({ path: ["password"] })]);
  });
});

describe("GET /api/v1/auth/me/", () => {
  it("answers 401 without credentials and for a bad token", async () => {
    const none = await call(me, "/api/v1/auth/me/");
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("unauthorized");
    const bad = await call(me, "/api/v1/auth/me/", { token: "not-a-token" });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe("invalid_token");
    const basic = await call(me, "/api/v1/auth/me/", { headers: { authorization: "Basic Zm9vOmJhcg==" } });
    expect(basic.status).toBe(401);
  });

  it("accepts the browser session cookie as well as the Bearer token", async () => {
    const owner = await registerOwner();
    const result = await call(me, "/api/v1/auth/me/", { cookie: owner.session });
    expect(result.status).toBe(200);
    expect(result.body.role).toBe("owner");
  });
});
