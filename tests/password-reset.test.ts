import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as forgot } from "@/app/api/v1/auth/password/forgot/route";
import { POST as reset } from "@/app/api/v1/auth/password/reset/route";
import { POST as login } from "@/app/api/v1/auth/login/route";
import { GET as me } from "@/app/api/v1/auth/me/route";
import { PASSWORD_RESET_LIMIT_PER_EMAIL, PASSWORD_RESET_LIMIT_PER_IP } from "@/lib/auth/auth-throttle";
import { hashSingleUseToken } from "@/lib/crypto/single-use-token";
import { ANY_REQUEST_ID, call, nextTestIp, registerOwner } from "./helpers/api";
import { linkIn, setUpMailServer } from "./helpers/mail-server";

const FORGOT = "/api/v1/auth/password/forgot/";
const RESET = "/api/v1/auth/password/reset/";
const LINK_PREFIX = "http://localhost:3000/reset-password/";
const NEW_PASSWORD = "a brand new passphrase";
const ACCEPTED = { accepted: true, message: expect.stringContaining("If an account uses this email") };

const mail = setUpMailServer();

const errorBody = (code: string) => ({ error: { code, message: expect.any(String), request_id: ANY_REQUEST_ID } });

/** Asks for a link for this email (from a fresh address) and returns the token the mail carries. */
async function mailedToken(email: string): Promise<string> {
  const result = await call(forgot, FORGOT, { body: { email }, ip: nextTestIp() });
  expect(result.status).toBe(202);
  const received = (await mail.received(email)).at(-1);
  if (!received) throw new Error(`no reset mail to ${email}`);
  return linkIn(received, LINK_PREFIX).slice(LINK_PREFIX.length);
}

async function userState(userId: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  const tokens = await prisma.passwordResetToken.findMany({ where: { userId }, orderBy: { id: "asc" } });
  return { passwordHash: user.passwordHash, sessionVersion: user.sessionVersion, tokens, audit: await prisma.auditLog.count({ where: { actorUserId: userId } }) };
}

const signIn = (email: string, password: string) => call(login, "/api/v1/auth/login/", { body: { email, password }, ip: nextTestIp() });

describe("forgot password → mail → reset", () => {
  it("mails a single-use link; the new password works, the old one and every earlier session do not", async () => {
    const owner = await registerOwner({ name: "Grace <Hopper>", tenant_name: "Reset Tenant" });
    await mail.clear(); // the sign-up's confirmation mail
    const before = await call(me, "/api/v1/auth/me/", { token: owner.token });
    expect(before.status).toBe(200);

    const asked = await call(forgot, FORGOT, { body: { email: owner.input.email.toUpperCase() }, ip: nextTestIp() });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual(ACCEPTED);
    const received = await mail.only(owner.input.email);
    expect(received.subject).toBe("Reset your password");
    expect(received.text).toContain("Hello Grace <Hopper>");
    expect(received.html).toContain("Hello Grace &#60;Hopper&#62;");
    expect(received.text).toContain("30 minutes");
    const token = linkIn(received, LINK_PREFIX).slice(LINK_PREFIX.length);
    // Only the token's hash is stored, valid for 30 minutes.
    const row = await prisma.passwordResetToken.findUniqueOrThrow({ where: { tokenHash: hashSingleUseToken(token) } });
    expect(row.userId).toBe(owner.userId);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThanOrEqual(29 * 60_000);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(30 * 60_000 + 1_000);
    expect(JSON.stringify(await prisma.passwordResetToken.findMany())).not.toContain(token);
    await mail.clear();

    const done = await call(reset, RESET, { body: { token, password: NEW_PASSWORD }, ip: nextTestIp() });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ password_reset: true, email: owner.input.email });

    expect((await signIn(owner.input.email, owner.input.password)).body).toEqual(errorBody("invalid_credentials"));
    expect((await signIn(owner.input.email, NEW_PASSWORD)).status).toBe(200);
    // The access token issued before the reset ended with every other session.
    expect(await call(me, "/api/v1/auth/me/", { token: owner.token })).toMatchObject({ status: 401, body: errorBody("invalid_token") });

    const notice = await mail.only(owner.input.email);
    expect(notice.subject).toBe("Your password was changed");
    expect(notice.text).toContain("(Reset Tenant)");
    expect(notice.raw).not.toContain(NEW_PASSWORD);
    expect(notice.raw).not.toContain(token);

    const audit = await prisma.auditLog.findMany({ where: { tenantId: owner.tenantId, action: { startsWith: "auth.password_reset" } }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.severity, entry.actorUserId])).toEqual([
      ["auth.password_reset_requested", "info", owner.userId],
      ["auth.password_reset_completed", "warning", owner.userId],
    ]);
  });

  it("refuses a link used once, and uses up the user's other links with it", async () => {
    const owner = await registerOwner();
    await mail.clear(); // the sign-up's confirmation mail
    const first = await mailedToken(owner.input.email);
    const second = await mailedToken(owner.input.email);
    expect(first).not.toBe(second);
    expect((await call(reset, RESET, { body: { token: second, password: NEW_PASSWORD } })).status).toBe(200);
    const state = await userState(owner.userId);

    for (const token of [second, first]) {
      const again = await call(reset, RESET, { body: { token, password: "yet another passphrase" } });
      expect(again.status).toBe(404);
      expect(again.body).toEqual(errorBody("reset_token_invalid"));
    }
    expect(await userState(owner.userId)).toEqual(state);
    expect((await signIn(owner.input.email, NEW_PASSWORD)).status).toBe(200);
  });

  it("refuses an expired link and changes nothing", async () => {
    const owner = await registerOwner();
    await mail.clear(); // the sign-up's confirmation mail
    const token = await mailedToken(owner.input.email);
    await prisma.passwordResetToken.update({ where: { tokenHash: hashSingleUseToken(token) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const state = await userState(owner.userId);
    await mail.clear();

    const result = await call(reset, RESET, { body: { token, password: NEW_PASSWORD } });
    expect(result.status).toBe(410);
    expect(result.body).toEqual(errorBody("reset_token_expired"));
    expect(await userState(owner.userId)).toEqual(state);
    expect(await mail.received()).toEqual([]);
    expect((await call(me, "/api/v1/auth/me/", { token: owner.token })).status).toBe(200);
  });

  it("refuses an unknown token", async () => {
    const result = await call(reset, RESET, { body: { token: "not-a-token-anyone-was-given", password: NEW_PASSWORD } });
    expect(result.status).toBe(404);
    expect(result.body).toEqual(errorBody("reset_token_invalid"));
    expect(await mail.received()).toEqual([]);
  });

  it("answers an unknown email exactly as a known one, and sends nothing", async () => {
    const owner = await registerOwner();
    await mail.clear(); // the sign-up's confirmation mail
    const known = await call(forgot, FORGOT, { body: { email: owner.input.email }, ip: nextTestIp() });
    await mail.clear();
    const tokensBefore = await prisma.passwordResetToken.count();
    const unknown = await call(forgot, FORGOT, { body: { email: `nobody-${Date.now()}@example.test` }, ip: nextTestIp() });
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    expect(await mail.received()).toEqual([]);
    expect(await prisma.passwordResetToken.count()).toBe(tokensBefore);
  });
});

describe("throttling", () => {
  it(`sends at most ${PASSWORD_RESET_LIMIT_PER_EMAIL} links an hour for one email, from any address, known or not`, async () => {
    const owner = await registerOwner();
    await mail.clear(); // the sign-up's confirmation mail
    const unknown = `nobody-throttle-${Date.now()}@example.test`;
    for (const email of [owner.input.email, unknown]) {
      for (let i = 0; i < PASSWORD_RESET_LIMIT_PER_EMAIL; i++) {
        expect((await call(forgot, FORGOT, { body: { email }, ip: nextTestIp() })).status).toBe(202);
      }
      const refused = await call(forgot, FORGOT, { body: { email }, ip: nextTestIp() });
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({ error: { ...errorBody("too_many_requests").error, details: { retry_after: 3600 } } });
      expect(refused.headers.get("retry-after")).toBe("3600");
    }
    expect(await mail.received(owner.input.email)).toHaveLength(PASSWORD_RESET_LIMIT_PER_EMAIL);
    expect(await prisma.passwordResetToken.count({ where: { userId: owner.userId } })).toBe(PASSWORD_RESET_LIMIT_PER_EMAIL);
  });

  it(`takes at most ${PASSWORD_RESET_LIMIT_PER_IP} requests an hour from one address, across emails`, async () => {
    const ip = "192.0.2.77";
    const owner = await registerOwner();
    await mail.clear(); // the sign-up's confirmation mail
    for (let i = 0; i < PASSWORD_RESET_LIMIT_PER_IP; i++) {
      expect((await call(forgot, FORGOT, { body: { email: `walk${i}-${Date.now()}@example.test` }, ip })).status).toBe(202);
    }
    const refused = await call(forgot, FORGOT, { body: { email: owner.input.email }, ip });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("too_many_requests");
    expect(await mail.received()).toEqual([]);
    // Another address is not held back by it.
    expect((await call(forgot, FORGOT, { body: { email: owner.input.email }, ip: nextTestIp() })).status).toBe(202);
  });
});

describe("bad input", () => {
  const forgotCases: [string, unknown, string][] = [
    ["malformed JSON", "{nope", "invalid_json"],
    ["a missing email", {}, "validation_error"],
    ["an invalid email", { email: "not-an-email" }, "validation_error"],
    ["unknown fields", { email: "a@b.test", admin: true }, "validation_error"],
  ];
  it.each(forgotCases)("forgot: 400 %s, nothing recorded", async (_label, body, code) => {
    const before = [await prisma.authAttempt.count(), await prisma.passwordResetToken.count()];
    const result = await call(forgot, FORGOT, { body, ip: nextTestIp() });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject(errorBody(code));
    expect([await prisma.authAttempt.count(), await prisma.passwordResetToken.count()]).toEqual(before);
  });

  it("reset: 400 for a password too short or too long, missing fields or unknown ones; the link stays usable", async () => {
    const owner = await registerOwner();
    await mail.clear(); // the sign-up's confirmation mail
    const token = await mailedToken(owner.input.email);
    const state = await userState(owner.userId);
    for (const body of [{ token, password: "short" }, { token, password: "x".repeat(129) }, { token }, { password: NEW_PASSWORD }, { token, password: NEW_PASSWORD, email: "x@y.test" }]) {
      const result = await call(reset, RESET, { body });
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject(errorBody("validation_error"));
    }
    expect(await userState(owner.userId)).toEqual(state);
    expect((await call(reset, RESET, { body: { token, password: NEW_PASSWORD } })).status).toBe(200);
  });
});
