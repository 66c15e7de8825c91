import { describe, expect, it } from "vitest";
import { generate } from "otplib";
import { prisma } from "@/lib/db";
import { POST as login } from "@/app/api/v1/auth/login/route";
import { POST as loginTwoFactor } from "@/app/api/v1/auth/login/two-factor/route";
import { POST as logout } from "@/app/api/v1/auth/logout/route";
import { GET as me } from "@/app/api/v1/auth/me/route";
import { GET as status } from "@/app/api/v1/auth/two-factor/route";
import { POST as enrol } from "@/app/api/v1/auth/two-factor/enrol/route";
import { POST as confirm } from "@/app/api/v1/auth/two-factor/confirm/route";
import { POST as disable } from "@/app/api/v1/auth/two-factor/disable/route";
import { POST as recoveryCodes } from "@/app/api/v1/auth/two-factor/recovery-codes/route";
import { GET as getRequirement, PUT as putRequirement } from "@/app/api/v1/auth/tenants/two-factor/route";
import { GET as apiKeys } from "@/app/api/v1/auth/tenants/api-keys/route";
import { GET as members } from "@/app/api/v1/auth/tenants/members/route";
import { GET as profile, PATCH as updateProfile } from "@/app/api/v1/auth/profile/route";
import { GET as sessions } from "@/app/api/v1/auth/sessions/route";
import { POST as acceptInvitation } from "@/app/api/v1/auth/tenants/invitations/accept/route";
import { POST as invite } from "@/app/api/v1/auth/tenants/invitations/route";
import { authOptions } from "@/lib/auth/auth-options";
import { LOGIN_LIMITS } from "@/lib/auth/auth-throttle";
import { hashSingleUseToken } from "@/lib/crypto/single-use-token";
import { BASE_URL, call, errorBody, nextTestIp, registerOwner as registerOwnerAndMail } from "./helpers/api";
import { markEmailVerified } from "./helpers/browser-session";
import { addMember } from "./helpers/fixtures";
import { setUpMailServer } from "./helpers/mail-server";

const ORIGIN = BASE_URL;
const LOGIN = "/api/v1/auth/login/";
const LOGIN_2FA = "/api/v1/auth/login/two-factor/";
const BASE = "/api/v1/auth/two-factor/";
const REQUIREMENT = "/api/v1/auth/tenants/two-factor/";

const mail = setUpMailServer();

/** A new tenant's owner, with the sign-up's confirmation mail out of the way of the mails these tests read. */
async function registerOwner(overrides: Parameters<typeof registerOwnerAndMail>[0] = {}) {
  const owner = await registerOwnerAndMail(overrides);
  await mail.clear();
  return owner;
}

/** A code of the current step (offset in steps), as the person's authenticator app shows it. */
const codeFor = (secret: string, offsetSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

/** Lets the next code of this user be accepted again: codes are single use per 30-second step, and a test signs in more often than that. */
const forgetUsedCodes = (userId: string) => prisma.twoFactorFactor.update({ where: { userId }, data: { lastUsedStep: null } });

/** Enrols the person with the token's credentials and returns the secret and the recovery codes. */
async function enrolWith(token: string, userId: string) {
  const started = await call(enrol, `${BASE}enrol/`, { method: "POST", token });
  expect(started.status).toBe(200);
  const secret = started.body.secret as string;
  const confirmed = await call(confirm, `${BASE}confirm/`, { body: { code: await codeFor(secret) }, token });
  expect(confirmed.status).toBe(200);
  await forgetUsedCodes(userId);
  return { secret, recoveryCodes: confirmed.body.recovery_codes as string[] };
}

const passwordStep = (email: string, password: string, ip = nextTestIp()) => call(login, LOGIN, { body: { email, password }, ip });

/** Everything of a user's two-factor state that a refused request must leave alone. */
async function twoFactorState(userId: string) {
  const [factor, codes, challenges, audit, user] = await Promise.all([
    prisma.twoFactorFactor.findUnique({ where: { userId } }),
    prisma.twoFactorRecoveryCode.findMany({ where: { userId }, orderBy: { id: "asc" } }),
    prisma.twoFactorChallenge.findMany({ where: { userId }, orderBy: { id: "asc" } }),
    prisma.auditLog.findMany({ where: { actorUserId: userId, action: { not: "auth.two_factor_failed" } }, orderBy: { id: "asc" }, select: { id: true } }),
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { lastLoginAt: true, sessionVersion: true } }),
  ]);
  return { factor, codes, challenges, audit, user };
}

describe("enrolment", () => {
  it("starts without activating, confirms with a code, answers 10 recovery codes once, and stores the secret encrypted", async () => {
    const owner = await registerOwner();
    const started = await call(enrol, `${BASE}enrol/`, { method: "POST", token: owner.token });
    expect(started.status).toBe(200);
    expect(started.body).toEqual({
      secret: expect.stringMatching(/^[A-Z2-7]{32}$/),
      otpauth_uri: expect.stringMatching(/^otpauth:\/\/totp\/Tenant%20Admin%20Portal:/),
      qr_code_svg: expect.stringMatching(/^data:image\/svg\+xml;base64,/),
      issuer: "Tenant Admin Portal",
      account: owner.input.email,
    });
    expect(Buffer.from(started.body.qr_code_svg.split(",")[1], "base64").toString()).toContain("<svg");
    const secret = started.body.secret as string;
    const stored = await prisma.twoFactorFactor.findUniqueOrThrow({ where: { userId: owner.userId } });
    expect(stored.enabledAt).toBeNull();
    expect(stored.secretEncrypted).toMatch(/^v1:/);
    expect(stored.secretEncrypted).not.toContain(secret);

    // Nothing is active yet: the password alone still signs in.
    expect((await passwordStep(owner.input.email, owner.input.password)).body).toMatchObject({ access_token: expect.any(String) });
    expect((await call(status, BASE, { token: owner.token })).body).toEqual({ enabled: false, enabled_at: null, pending: true, recovery_codes_remaining: 0, required_by_tenant: false });

    const confirmed = await call(confirm, `${BASE}confirm/`, { body: { code: await codeFor(secret) }, token: owner.token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ enabled: true, enabled_at: expect.any(String), recovery_codes: expect.any(Array) });
    const codes = confirmed.body.recovery_codes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);
    // Only hashes are stored.
    const rows = JSON.stringify(await prisma.twoFactorRecoveryCode.findMany({ where: { userId: owner.userId } }));
    for (const code of codes) {
      expect(rows).not.toContain(code);
      expect(rows).not.toContain(code.replace("-", ""));
    }
    expect((await call(status, BASE, { token: owner.token })).body).toMatchObject({ enabled: true, pending: false, recovery_codes_remaining: 10 });
    expect((await call(me, "/api/v1/auth/me/", { token: owner.token })).body.two_factor).toEqual({ enabled: true, required_by_tenant: false });

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "auth.two_factor_enabled" } });
    expect(audit.actorUserId).toBe(owner.userId);
    expect(JSON.stringify(audit)).not.toContain(secret);

    // Once on, starting again is refused and changes nothing.
    const again = await call(enrol, `${BASE}enrol/`, { method: "POST", token: owner.token });
    expect(again).toMatchObject({ status: 409, body: errorBody("two_factor_already_enabled") });
    const after = await prisma.twoFactorFactor.findUniqueOrThrow({ where: { userId: owner.userId } });
    expect(after).toMatchObject({ secretEncrypted: stored.secretEncrypted, enabledAt: expect.any(Date) });
  });

  it("refuses a wrong code at confirmation, audits it, and leaves the enrolment pending", async () => {
    const owner = await registerOwner();
    const started = await call(enrol, `${BASE}enrol/`, { method: "POST", token: owner.token });
    const secret = started.body.secret as string;
    const wrong = String((Number(await codeFor(secret)) + 1) % 1_000_000).padStart(6, "0");
    const before = await twoFactorState(owner.userId);
    const result = await call(confirm, `${BASE}confirm/`, { body: { code: wrong }, token: owner.token });
    expect(result).toMatchObject({ status: 401, body: errorBody("invalid_two_factor_code") });
    expect(await twoFactorState(owner.userId)).toEqual(before);
    const failed = await prisma.auditLog.findFirstOrThrow({ where: { actorUserId: owner.userId, action: "auth.two_factor_failed" } });
    expect(failed.metadata).toMatchObject({ purpose: "confirm", method: "totp" });
  });

  it.each([
    ["no code", {}],
    ["five digits", { code: "12345" }],
    ["letters", { code: "abcdef" }],
    ["a number", { code: 123456 }],
    ["an unknown field", { code: "123456", secret: "x" }],
  ])("answers validation_error for %s and changes nothing", async (_name, body) => {
    const owner = await registerOwner();
    await call(enrol, `${BASE}enrol/`, { method: "POST", token: owner.token });
    const before = await twoFactorState(owner.userId);
    const result = await call(confirm, `${BASE}confirm/`, { body, token: owner.token });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("validation_error");
    expect(await twoFactorState(owner.userId)).toEqual(before);
  });

  it("refuses a confirmation without an enrolment started", async () => {
    const owner = await registerOwner();
    const result = await call(confirm, `${BASE}confirm/`, { body: { code: "123456" }, token: owner.token });
    expect(result).toMatchObject({ status: 409, body: errorBody("two_factor_enrolment_not_started") });
    expect(await prisma.twoFactorFactor.count({ where: { userId: owner.userId } })).toBe(0);
  });

  it("needs the portal's Origin with the session cookie", async () => {
    const owner = await registerOwner();
    const refused = await call(enrol, `${BASE}enrol/`, { method: "POST", cookie: owner.session });
    expect(refused).toMatchObject({ status: 403, body: errorBody("csrf_origin_mismatch") });
    expect((await call(enrol, `${BASE}enrol/`, { method: "POST", cookie: owner.session, origin: ORIGIN })).status).toBe(200);
  });
});

describe("signing in through the API with two-factor on", () => {
  it("answers a challenge for the password, and an access token for the challenge and a code", async () => {
    const owner = await registerOwner();
    const { secret } = await enrolWith(owner.token, owner.userId);
    const lastLoginBefore = (await prisma.user.findUniqueOrThrow({ where: { id: owner.userId } })).lastLoginAt;

    const first = await passwordStep(owner.input.email, owner.input.password);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ two_factor_required: true, challenge_token: expect.any(String), expires_in: 300, methods: ["totp", "recovery_code"] });
    // The password alone signed nobody in.
    expect((await prisma.user.findUniqueOrThrow({ where: { id: owner.userId } })).lastLoginAt).toEqual(lastLoginBefore);
    const challenge = await prisma.twoFactorChallenge.findUniqueOrThrow({ where: { tokenHash: hashSingleUseToken(first.body.challenge_token) } });
    const lifetime = challenge.expiresAt.getTime() - challenge.createdAt.getTime();
    expect(lifetime).toBeGreaterThan(299_000);
    expect(lifetime).toBeLessThanOrEqual(300_000 + 1_000);

    const code = await codeFor(secret);
    const second = await call(loginTwoFactor, LOGIN_2FA, { body: { challenge_token: first.body.challenge_token, code }, ip: nextTestIp() });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 3600 });
    expect((await call(me, "/api/v1/auth/me/", { token: second.body.access_token })).status).toBe(200);

    const signedIn = await prisma.auditLog.findFirstOrThrow({ where: { actorUserId: owner.userId, action: "auth.signed_in" }, orderBy: { createdAt: "desc" } });
    expect(signedIn.metadata).toEqual({ channel: "api", two_factor: "totp" });

    // The challenge completed one sign-in; the code was used within its window.
    const reusedChallenge = await call(loginTwoFactor, LOGIN_2FA, { body: { challenge_token: first.body.challenge_token, code: await codeFor(secret, 1) }, ip: nextTestIp() });
    expect(reusedChallenge).toMatchObject({ status: 401, body: errorBody("two_factor_challenge_invalid") });
    const next = await passwordStep(owner.input.email, owner.input.password);
    const before = await twoFactorState(owner.userId);
    const replayed = await call(loginTwoFactor, LOGIN_2FA, { body: { challenge_token: next.body.challenge_token, code }, ip: nextTestIp() });
    expect(replayed).toMatchObject({ status: 401, body: errorBody("invalid_two_factor_code") });
    expect(await twoFactorState(owner.userId)).toEqual(before);
    // The same challenge still works with a fresh code: a typo does not send people back to the password.
    const fresh = await call(loginTwoFactor, LOGIN_2FA, { body: { challenge_token: next.body.challenge_token, code: await codeFor(secret, 1) }, ip: nextTestIp() });
    expect(fresh.status).toBe(200);
  });

  // Refused codes are three steps off, not two: a code two steps away becomes one step away if the
  // 30-second step turns between making it and checking it, and the test would fail for no fault.
  it("accepts the code of the step before and after now, and refuses codes further off", async () => {
    const owner = await registerOwner();
    const { secret } = await enrolWith(owner.token, owner.userId);
    for (const offset of [-1, 1]) {
      await forgetUsedCodes(owner.userId);
      const first = await passwordStep(owner.input.email, owner.input.password);
      const result = await call(loginTwoFactor, LOGIN_2FA, { body: { challenge_token: first.body.challenge_token, code: await codeFor(secret, offset) } });
      expect(result.status, `offset ${offset}`).toBe(200);
    }
    for (const offset of [-3, 3]) {
      await forgetUsedCodes(owner.userId);
      const first = await passwordStep(owner.input.email, owner.input.password);
      const result = await call(loginTwoFactor, LOGIN_2FA, { body: { challenge_token: first.body.challenge_token, code: await codeFor(secret, offset) } });
      expect(result, `offset ${offset}`).toMatchObject({ status: 401, body: errorBody("invalid_two_factor_code") });
    }
  });

  it("burns a recovery code, says how many remain, and refuses it the second time", async () => {
    const owner = await registerOwner();
    const { recoveryCodes: codes } = await enrolWith(owner.token, owner.userId);
    const first = await passwordStep(owner.input.email, owner.input.password);
    // Case, spaces and the dash do not matter.
    const typed = ` ${codes[3].toUpperCase().replace("-", " ")} `;
    const result = await call(loginTwoFactor, LOGIN_2FA, { body: { challenge_token: first.body.challenge_token, recovery_code: typed } });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 3600, recovery_codes_remaining: 9 });
    const used = await prisma.auditLog.findFirstOrThrow({ where: { actorUserId: owner.userId, action: "auth.two_factor_recovery_code_used" } });
    expect(used).toMatchObject({ severity: "warning", tenantId: owner.tenantId });
    expect(used.metadata).toEqual({ channel: "api", recovery_codes_remaining: 9 });
    expect(JSON.stringify(used)).not.toContain(codes[3]);

    const again = await passwordStep(owner.input.email, owner.input.password);
    const before = await twoFactorState(owner.userId);
    const reused = await call(loginTwoFactor, LOGIN_2FA, { body: { challenge_token: again.body.challenge_token, recovery_code: codes[3] } });
    expect(reused).toMatchObject({ status: 401, body: errorBody("invalid_two_factor_code") });
    expect(await twoFactorState(owner.userId)).toEqual(before);
    expect((await call(status, BASE, { token: result.body.access_token })).body.recovery_codes_remaining).toBe(9);
  });

  it("refuses another user's recovery code", async () => {
    const a = await registerOwner();
    const b = await registerOwner();
    await enrolWith(a.token, a.userId);
    const { recoveryCodes: bCodes } = await enrolWith(b.token, b.userId);
    const first = await passwordStep(a.input.email, a.input.password);
    const result = await call(loginTwoFactor, LOGIN_2FA, { body: { challenge_token: first.body.challenge_token, recovery_code: bCodes[0] } });
    expect(result).toMatchObject({ status: 401, body: errorBody("invalid_two_factor_code") });
    expect(await prisma.twoFactorRecoveryCode.count({ where: { userId: b.userId, usedAt: null } })).toBe(10);
  });

  it("refuses an expired, unknown or browser challenge and changes nothing", async () => {
    const owner = await registerOwner();
    const { secret } = await enrolWith(owner.token, owner.userId);
    const first = await passwordStep(owner.input.email, owner.input.password);
    await prisma.twoFactorChallenge.update({ where: { tokenHash: hashSingleUseToken(first.body.challenge_token) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const before = await twoFactorState(owner.userId);
    const code = await codeFor(secret);
    for (const challenge_token of [first.body.challenge_token, "not-a-challenge-anyone-was-given"]) {
      const result = await call(loginTwoFactor, LOGIN_2FA, { body: { challenge_token, code } });
      expect(result).toMatchObject({ status: 401, body: errorBody("two_factor_challenge_invalid") });
    }
    expect(await twoFactorState(owner.userId)).toEqual(before);

    // A challenge the sign-in form was given finishes only in the browser.
    const provider = browserProvider("credentials");
    const browserChallenge = await provider.authorize({ email: owner.input.email, password: owner.input.password }, { headers: {} }).catch((error: Error) => error.message);
    const token = String(browserChallenge).replace("two_factor_required:", "");
    const crossed = await call(loginTwoFactor, LOGIN_2FA, { body: { challenge_token: token, code } });
    expect(crossed).toMatchObject({ status: 401, body: errorBody("two_factor_challenge_invalid") });
  });

  it.each([
    ["neither code nor recovery code", { challenge_token: "x" }],
    ["both", { challenge_token: "x", code: "123456", recovery_code: "abcde-fghjk" }],
    ["no challenge", { code: "123456" }],
    ["a short code", { challenge_token: "x", code: "1234" }],
    ["an unknown field", { challenge_token: "x", code: "123456", remember: true }],
  ])("answers validation_error for %s", async (_name, body) => {
    const result = await call(loginTwoFactor, LOGIN_2FA, { body });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("validation_error");
  });

  it("throttles wrong codes like passwords, audits each, and writes one throttle entry", async () => {
    const owner = await registerOwner();
    const { secret } = await enrolWith(owner.token, owner.userId);
    const ip = nextTestIp();
    const first = await passwordStep(owner.input.email, owner.input.password, ip);
    const wrong = String((Number(await codeFor(secret)) + 500_000) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < LOGIN_LIMITS.accountFromIp; i += 1) {
      const result = await call(loginTwoFactor, LOGIN_2FA, { body: { challenge_token: first.body.challenge_token, code: wrong }, ip });
      expect(result.status).toBe(401);
    }
    const throttled = await call(loginTwoFactor, LOGIN_2FA, { body: { challenge_token: first.body.challenge_token, code: await codeFor(secret) }, ip });
    expect(throttled).toMatchObject({ status: 429, body: { error: { code: "too_many_requests", details: { retry_after: expect.any(Number) } } } });
    expect(throttled.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await prisma.auditLog.count({ where: { actorUserId: owner.userId, action: "auth.two_factor_failed" } })).toBe(LOGIN_LIMITS.accountFromIp);
    expect(await prisma.auditLog.count({ where: { actorUserId: owner.userId, action: "auth.login_throttled" } })).toBe(1);
    // Password guesses are counted apart: the password step still answers from this address.
    expect((await passwordStep(owner.input.email, owner.input.password, ip)).body.two_factor_required).toBe(true);
  });

  it("does not let an invitation's password check stand in for the second factor", async () => {
    const home = await registerOwner();
    const other = await registerOwner();
    // A confirmed address, so that two-factor is the only thing left in the way.
    await markEmailVerified(home.userId);
    await enrolWith(home.token, home.userId);
    const invited = await call(invite, "/api/v1/auth/tenants/invitations/", { body: { email: home.input.email, role: "admin" }, token: other.token });
    expect(invited.status).toBe(201);
    const received = await mail.only(home.input.email);
    const token = received.text.match(/\/invite\/([A-Za-z0-9_-]+)/)![1];
    const result = await call(acceptInvitation, "/api/v1/auth/tenants/invitations/accept/", { body: { token, password: home.input.password }, ip: nextTestIp() });
    expect(result).toMatchObject({ status: 403, body: errorBody("two_factor_sign_in_required") });
    expect(await prisma.membership.count({ where: { userId: home.userId, tenantId: other.tenantId } })).toBe(0);
  });
});

type BrowserAuthorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;

function browserProvider(id: "credentials" | "two-factor") {
  // next-auth applies a provider's own id (options.id) over the default "credentials" only when it starts.
  const providers = authOptions({ ip: "203.0.113.10", userAgent: "vitest" }).providers as unknown as { id: string; options: { id?: string; authorize: BrowserAuthorize } }[];
  return providers.find((candidate) => (candidate.options.id ?? candidate.id) === id)!.options;
}

describe("signing in in the browser with two-factor on", () => {
  it("makes no session from the password alone; the two-factor provider does with the challenge and a code", async () => {
    const owner = await registerOwner();
    const { secret, recoveryCodes: codes } = await enrolWith(owner.token, owner.userId);
    const passwordOnly = browserProvider("credentials").authorize({ email: owner.input.email, password: owner.input.password }, { headers: {} });
    const message = await passwordOnly.then(
      () => null,
      (error: Error) => error.message,
    );
    expect(message).toMatch(/^two_factor_required:.+/);
    const challenge = message!.slice("two_factor_required:".length);

    await expect(browserProvider("two-factor").authorize({ challenge_token: challenge, code: "000000", recovery_code: "" }, { headers: {} })).rejects.toThrow(/not right/);
    const user = await browserProvider("two-factor").authorize({ challenge_token: challenge, code: await codeFor(secret), recovery_code: "" }, { headers: {} });
    expect(user).toMatchObject({ id: owner.userId, tenantId: owner.tenantId, sessionId: expect.any(String) });
    const signedIn = await prisma.auditLog.findFirstOrThrow({ where: { actorUserId: owner.userId, action: "auth.signed_in" }, orderBy: { createdAt: "desc" } });
    // Only the second step starts the browser's session record.
    expect(signedIn.metadata).toEqual({ channel: "browser", two_factor: "totp", session_id: (user as unknown as { sessionId: string }).sessionId });
    expect(await prisma.userSession.count({ where: { userId: owner.userId } })).toBe(1);

    // With a recovery code.
    const again = await browserProvider("credentials").authorize({ email: owner.input.email, password: owner.input.password }, { headers: {} }).catch((error: Error) => error.message);
    const viaRecovery = await browserProvider("two-factor").authorize({ challenge_token: String(again).slice("two_factor_required:".length), code: "", recovery_code: codes[0] }, { headers: {} });
    expect(viaRecovery).toMatchObject({ id: owner.userId });
    expect(await prisma.twoFactorRecoveryCode.count({ where: { userId: owner.userId, usedAt: null } })).toBe(9);
  });

  it("signs in with the password alone when two-factor is off", async () => {
    const owner = await registerOwner();
    const user = await browserProvider("credentials").authorize({ email: owner.input.email, password: owner.input.password }, { headers: {} });
    expect(user).toMatchObject({ id: owner.userId });
  });
});

describe("turning two-factor off", () => {
  it("works with a current code, mails a notice without secrets, and the password alone signs in again", async () => {
    const owner = await registerOwner({ tenant_name: "Notice Tenant" });
    const { secret, recoveryCodes: codes } = await enrolWith(owner.token, owner.userId);
    const result = await call(disable, `${BASE}disable/`, { body: { code: await codeFor(secret) }, token: owner.token });
    expect(result).toMatchObject({ status: 200, body: { enabled: false } });
    expect(await prisma.twoFactorFactor.count({ where: { userId: owner.userId } })).toBe(0);
    expect(await prisma.twoFactorRecoveryCode.count({ where: { userId: owner.userId } })).toBe(0);
    expect((await passwordStep(owner.input.email, owner.input.password)).body).toMatchObject({ access_token: expect.any(String) });

    const notice = await mail.only(owner.input.email);
    expect(notice.subject).toBe("Two-factor sign-in was turned off");
    expect(notice.text).toContain("(Notice Tenant)");
    expect(notice.text).toContain("with a code from the authenticator app");
    expect(notice.html).toContain("Notice Tenant");
    expect(notice.raw).not.toContain(secret);
    for (const code of codes) expect(notice.raw).not.toContain(code);

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "auth.two_factor_disabled" } });
    expect(audit).toMatchObject({ severity: "warning", actorUserId: owner.userId });
    expect(audit.metadata).toEqual({ method: "totp" });
  });

  it("works with the password", async () => {
    const owner = await registerOwner();
    await enrolWith(owner.token, owner.userId);
    const result = await call(disable, `${BASE}disable/`, { body: { password: owner.input.password }, token: owner.token });
    expect(result).toMatchObject({ status: 200, body: { enabled: false } });
    expect((await mail.only(owner.input.email)).text).toContain("with the account's password");
    expect((await prisma.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "auth.two_factor_disabled" } })).metadata).toEqual({ method: "password" });
  });

  it.each([
    ["a wrong password", { password: "not the password" }, 401, "invalid_credentials"],
    ["a wrong code", { code: "000000" }, 401, "invalid_two_factor_code"],
    ["both", { code: "000000", password: "x" }, 400, "validation_error"],
    ["neither", {}, 400, "validation_error"],
  ])("refuses %s and changes nothing", async (_name, body, statusCode, code) => {
    const owner = await registerOwner();
    await enrolWith(owner.token, owner.userId);
    const before = await twoFactorState(owner.userId);
    const result = await call(disable, `${BASE}disable/`, { body, token: owner.token });
    expect(result.status).toBe(statusCode);
    expect(result.body.error.code).toBe(code);
    expect(await twoFactorState(owner.userId)).toEqual(before);
    expect(await mail.received(owner.input.email)).toEqual([]);
  });

  it("answers 409 when two-factor is not on", async () => {
    const owner = await registerOwner();
    const result = await call(disable, `${BASE}disable/`, { body: { password: owner.input.password }, token: owner.token });
    expect(result).toMatchObject({ status: 409, body: errorBody("two_factor_not_enabled") });
  });
});

describe("regenerating recovery codes", () => {
  it("answers 10 new codes for a current code; the old ones stop working and the code cannot be replayed", async () => {
    const owner = await registerOwner();
    const { secret, recoveryCodes: old } = await enrolWith(owner.token, owner.userId);
    const code = await codeFor(secret);
    const result = await call(recoveryCodes, `${BASE}recovery-codes/`, { body: { code }, token: owner.token });
    expect(result.status).toBe(200);
    expect(result.body.recovery_codes).toHaveLength(10);
    for (const previous of old) expect(result.body.recovery_codes).not.toContain(previous);
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: "auth.two_factor_recovery_codes_regenerated" } })).toBe(1);

    const before = await twoFactorState(owner.userId);
    const replayed = await call(recoveryCodes, `${BASE}recovery-codes/`, { body: { code }, token: owner.token });
    expect(replayed).toMatchObject({ status: 401, body: errorBody("invalid_two_factor_code") });
    expect(await twoFactorState(owner.userId)).toEqual(before);

    const first = await passwordStep(owner.input.email, owner.input.password);
    const withOld = await call(loginTwoFactor, LOGIN_2FA, { body: { challenge_token: first.body.challenge_token, recovery_code: old[0] } });
    expect(withOld).toMatchObject({ status: 401, body: errorBody("invalid_two_factor_code") });
    const withNew = await call(loginTwoFactor, LOGIN_2FA, { body: { challenge_token: first.body.challenge_token, recovery_code: result.body.recovery_codes[0] } });
    expect(withNew.body.recovery_codes_remaining).toBe(9);
  });
});

describe("the tenant's requirement", () => {
  it("is the owner's to set, only with two-factor of their own; members without it are held at enrolment", async () => {
    const owner = await registerOwner();
    const member = await addMember(owner.tenantId, "member");
    const admin = await addMember(owner.tenantId, "admin");

    const early = await call(putRequirement, REQUIREMENT, { method: "PUT", body: { required: true }, token: owner.token });
    expect(early).toMatchObject({ status: 409, body: errorBody("two_factor_not_enabled") });
    expect(early.body.error.message).toMatch(/your own account first/);
    const byAdmin = await call(putRequirement, REQUIREMENT, { method: "PUT", body: { required: true }, token: admin.token });
    expect(byAdmin).toMatchObject({ status: 403, body: errorBody("forbidden") });
    const badBody = await call(putRequirement, REQUIREMENT, { method: "PUT", body: { required: "yes" }, token: owner.token });
    expect(badBody.status).toBe(400);
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: owner.tenantId } })).twoFactorRequired).toBe(false);
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: "settings.two_factor_requirement_changed" } })).toBe(0);

    await enrolWith(owner.token, owner.userId);
    const on = await call(putRequirement, REQUIREMENT, { method: "PUT", body: { required: true }, token: owner.token });
    expect(on).toMatchObject({ status: 200, body: { required: true, members: 3, members_without_two_factor: 2 } });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "settings.two_factor_requirement_changed" } });
    expect(audit).toMatchObject({ severity: "warning", actorUserId: owner.userId });
    expect(audit.metadata).toEqual({ required: true });
    // The same value again is no change.
    await call(putRequirement, REQUIREMENT, { method: "PUT", body: { required: true }, token: owner.token });
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: "settings.two_factor_requirement_changed" } })).toBe(1);

    // The member is held: everything answers 403 except enrolment, me, the profile and sessions, and sign-out.
    const gated = await call(members, "/api/v1/auth/tenants/members/", { token: member.token });
    expect(gated).toMatchObject({ status: 403, body: errorBody("two_factor_enrolment_required") });
    expect((await call(apiKeys, "/api/v1/auth/tenants/api-keys/", { token: admin.token })).body).toEqual(errorBody("two_factor_enrolment_required"));
    expect((await call(getRequirement, REQUIREMENT, { token: member.token })).status).toBe(403);
    expect((await call(me, "/api/v1/auth/me/", { token: member.token })).body.two_factor).toEqual({ enabled: false, required_by_tenant: true });
    expect((await call(status, BASE, { token: member.token })).body.required_by_tenant).toBe(true);
    // The profile page, where enrolment happens, reads the profile and the sessions.
    expect((await call(profile, "/api/v1/auth/profile/", { token: member.token })).body).toMatchObject({ user: { id: member.userId } });
    expect((await call(sessions, "/api/v1/auth/sessions/", { token: member.token })).status).toBe(200);
    expect((await call(updateProfile, "/api/v1/auth/profile/", { method: "PATCH", body: { name: "Held" }, token: member.token })).body).toEqual(errorBody("two_factor_enrolment_required"));
    // The owner, who has two-factor, is not held.
    expect((await call(members, "/api/v1/auth/tenants/members/", { token: owner.token })).status).toBe(200);

    // Enrolling lifts the hold at once.
    await enrolWith(member.token, member.userId);
    expect((await call(members, "/api/v1/auth/tenants/members/", { token: member.token })).status).toBe(200);
    expect((await call(logout, "/api/v1/auth/logout/", { method: "POST", token: admin.token })).status).toBe(200);

    // An owner without two-factor is held like everyone else: they cannot lift the requirement.
    const secondOwner = await addMember(owner.tenantId, "owner");
    const refused = await call(putRequirement, REQUIREMENT, { method: "PUT", body: { required: false }, token: secondOwner.token });
    expect(refused).toMatchObject({ status: 403, body: errorBody("two_factor_enrolment_required") });
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: owner.tenantId } })).twoFactorRequired).toBe(true);

    // An owner with two-factor turns it off.
    const off = await call(putRequirement, REQUIREMENT, { method: "PUT", body: { required: false }, token: owner.token });
    expect(off).toMatchObject({ status: 200, body: { required: false } });
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: "settings.two_factor_requirement_changed" } })).toBe(2);
  });

  it("any member reads it", async () => {
    const owner = await registerOwner();
    const member = await addMember(owner.tenantId, "member");
    expect(await call(getRequirement, REQUIREMENT, { token: member.token })).toMatchObject({ status: 200, body: { required: false, members: 2, members_without_two_factor: 2 } });
  });
});
