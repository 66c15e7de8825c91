import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as verify } from "@/app/api/v1/auth/email/verify/route";
import { POST as resend } from "@/app/api/v1/auth/email/verification/route";
import { POST as forgot } from "@/app/api/v1/auth/password/forgot/route";
import { POST as reset } from "@/app/api/v1/auth/password/reset/route";
import { POST as invite } from "@/app/api/v1/auth/tenants/invitations/route";
import { POST as acceptInvitation } from "@/app/api/v1/auth/tenants/invitations/accept/route";
import { POST as lookupInvitation } from "@/app/api/v1/auth/tenants/invitations/lookup/route";
import { GET as me } from "@/app/api/v1/auth/me/route";
import { EMAIL_LINK_LIMIT_PER_ACCOUNT } from "@/lib/auth/auth-throttle";
import { hashSingleUseToken } from "@/lib/crypto/single-use-token";
import { call, errorBody, nextTestIp, registerOwner, uniqueEmail } from "./helpers/api";
import { linkIn, setUpMailServer } from "./helpers/mail-server";

const VERIFY = "/api/v1/auth/email/verify/";
const RESEND = "/api/v1/auth/email/verification/";
const INVITATIONS = "/api/v1/auth/tenants/invitations/";
const VERIFY_LINK = "http://localhost:3000/verify-email/";
const RESET_LINK = "http://localhost:3000/reset-password/";
const INVITE_LINK = "http://localhost:3000/invite/";
const ORIGIN = "http://localhost:3000";

const mail = setUpMailServer();


/** The token of the newest mail to `email` carrying a link that starts with `prefix`. */
async function mailedToken(email: string, prefix: string): Promise<string> {
  const mails = (await mail.received(email)).filter((received) => received.text.includes(prefix));
  const newest = mails.at(-1);
  if (!newest) throw new Error(`no mail with ${prefix} to ${email}`);
  return linkIn(newest, prefix).slice(prefix.length);
}

async function accountState(userId: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return {
    email: user.email,
    emailVerifiedAt: user.emailVerifiedAt,
    passwordHash: user.passwordHash,
    sessionVersion: user.sessionVersion,
    tokens: await prisma.emailToken.findMany({ where: { userId }, orderBy: { id: "asc" } }),
    audit: await prisma.auditLog.count({ where: { actorUserId: userId } }),
  };
}

describe("sign-up → confirmation mail → confirmed", () => {
  it("mails a single-use link valid 24 hours at sign-up; following it confirms the address once", async () => {
    const owner = await registerOwner({ name: "Ada <Lovelace>" });
    const signedUp = await call(me, "/api/v1/auth/me/", { token: owner.token });
    expect(signedUp.body.user).toMatchObject({ email: owner.input.email, email_verified: false });

    const received = await mail.only(owner.input.email);
    expect(received.subject).toBe("Confirm your email address");
    expect(received.text).toContain("Hello Ada <Lovelace>");
    expect(received.html).toContain("Hello Ada &#60;Lovelace&#62;");
    expect(received.text).toContain("24 hours");
    const token = linkIn(received, VERIFY_LINK).slice(VERIFY_LINK.length);
    // Only the hash is stored.
    const row = await prisma.emailToken.findUniqueOrThrow({ where: { tokenHash: hashSingleUseToken(token) } });
    expect(row).toMatchObject({ userId: owner.userId, purpose: "verify", email: owner.input.email, usedAt: null });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(24 * 60 * 60 * 1000);
    expect(JSON.stringify(await prisma.emailToken.findMany())).not.toContain(token);

    // Public: the link works from any browser, signed in or not.
    const confirmed = await call(verify, VERIFY, { body: { token } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ email_verified: true, email: owner.input.email, email_changed: false });
    expect((await call(me, "/api/v1/auth/me/", { token: owner.token })).body.user.email_verified).toBe(true);
    const audit = await prisma.auditLog.findMany({ where: { tenantId: owner.tenantId, action: "account.email_verified" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: owner.userId, severity: "info" });

    const state = await accountState(owner.userId);
    const again = await call(verify, VERIFY, { body: { token } });
    expect(again).toMatchObject({ status: 404, body: errorBody("email_token_invalid") });
    expect(await accountState(owner.userId)).toEqual(state);
  });

  it("refuses an expired link (410) and changes nothing", async () => {
    const owner = await registerOwner();
    const token = await mailedToken(owner.input.email, VERIFY_LINK);
    await prisma.emailToken.update({ where: { tokenHash: hashSingleUseToken(token) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const state = await accountState(owner.userId);

    const result = await call(verify, VERIFY, { body: { token } });
    expect(result).toMatchObject({ status: 410, body: errorBody("email_token_expired") });
    expect(await accountState(owner.userId)).toEqual(state);
    expect(state.emailVerifiedAt).toBeNull();
  });

  it("refuses unknown tokens and bad input with the error shape", async () => {
    const unknown = await call(verify, VERIFY, { body: { token: "not-a-token-anyone-was-given" } });
    expect(unknown).toMatchObject({ status: 404, body: errorBody("email_token_invalid") });
    const missing = await call(verify, VERIFY, { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("validation_error");
    const extra = await call(verify, VERIFY, { body: { token: "x", email: "someone@example.test" } });
    expect(extra).toMatchObject({ status: 400, body: errorBody("validation_error") });
  });
});

describe("resending the confirmation link", () => {
  it("mails a new link to the caller's address, at most one a minute, and refuses once confirmed", async () => {
    const owner = await registerOwner();
    await mail.clear();
    const unauthenticated = await call(resend, RESEND, { body: {} });
    expect(unauthenticated).toMatchObject({ status: 401, body: errorBody("unauthorized") });

    const sent = await call(resend, RESEND, { token: owner.token, body: {} });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ sent: true, email: owner.input.email, expires_in: 86_400 });
    const token = await mailedToken(owner.input.email, VERIFY_LINK);
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: "account.email_verification_sent" } })).toBe(1);

    await mail.clear();
    const tooSoon = await call(resend, RESEND, { token: owner.token, body: {} });
    expect(tooSoon).toMatchObject({ status: 429, body: errorBody("too_many_requests") });
    expect(Number(tooSoon.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(tooSoon.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(await mail.received()).toEqual([]);
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: "account.email_verification_sent" } })).toBe(1);

    expect((await call(verify, VERIFY, { body: { token } })).status).toBe(200);
    const done = await call(resend, RESEND, { token: owner.token, body: {} });
    expect(done).toMatchObject({ status: 409, body: errorBody("email_already_verified") });
  });

  it("lets one of a burst of requests at the same moment through, not all of them", async () => {
    const owner = await registerOwner();
    await mail.clear();
    const answers = await Promise.all(Array.from({ length: 4 }, () => call(resend, RESEND, { token: owner.token, body: {} })));
    expect(answers.filter((answer) => answer.status === 202).length).toBeLessThanOrEqual(1);
    for (const answer of answers.filter((answer) => answer.status !== 202)) expect(answer).toMatchObject({ status: 429, body: errorBody("too_many_requests") });
    expect((await mail.received(owner.input.email)).length).toBeLessThanOrEqual(1);
  });

  it(`sends at most ${EMAIL_LINK_LIMIT_PER_ACCOUNT} links an hour for one account`, async () => {
    const owner = await registerOwner();
    for (let i = 0; i < EMAIL_LINK_LIMIT_PER_ACCOUNT; i++) {
      expect((await call(resend, RESEND, { token: owner.token, body: {} })).status).toBe(202);
      // The minute between two links passes at once: only the hourly limit is under test.
      await prisma.authAttempt.updateMany({ where: { kind: "email_link", email: owner.input.email }, data: { createdAt: new Date(Date.now() - (i + 2) * 60_000) } });
    }
    await mail.clear();
    const refused = await call(resend, RESEND, { token: owner.token, body: {} });
    expect(refused).toMatchObject({ status: 429, body: errorBody("too_many_requests") });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(60);
    expect(await mail.received()).toEqual([]);
  });

  it("makes an earlier link stop working once any link was followed", async () => {
    const owner = await registerOwner();
    const first = await mailedToken(owner.input.email, VERIFY_LINK);
    expect((await call(resend, RESEND, { token: owner.token, body: {} })).status).toBe(202);
    const second = await mailedToken(owner.input.email, VERIFY_LINK);
    expect(second).not.toBe(first);
    expect((await call(verify, VERIFY, { body: { token: second } })).status).toBe(200);
    expect((await call(verify, VERIFY, { body: { token: first } })).body).toEqual(errorBody("email_token_invalid"));
  });
});

describe("invitations and unconfirmed accounts", () => {
  async function inviteAs(ownerToken: string, email: string) {
    const result = await call(invite, INVITATIONS, { token: ownerToken, body: { email, role: "admin" } });
    expect(result.status).toBe(201);
    return new URL(result.body.invite_url as string).pathname.split("/").pop()!;
  }
  const accept = (body: Record<string, unknown>, options: { token?: string; cookie?: string; origin?: string } = {}) =>
    call(acceptInvitation, `${INVITATIONS}accept/`, { body, ip: nextTestIp(), ...options });
  const invitationState = async (tenantId: string) => ({
    invitations: await prisma.invitation.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    memberships: await prisma.membership.count({ where: { tenantId } }),
  });

  it("an account that never confirmed the invited address cannot accept, signed in or with its password", async () => {
    const host = await registerOwner({ tenant_name: "Host" });
    // A stranger signed up first with the invitee's address and never confirmed it.
    const email = uniqueEmail("invitee");
    const squatter = await registerOwner({ email, tenant_name: "Squat" });
    const token = await inviteAs(host.token, email);

    const lookup = await call(lookupInvitation, `${INVITATIONS}lookup/`, { body: { token } });
    expect(lookup.body.invitation).toMatchObject({ account_exists: true, account_verified: false });

    const before = await invitationState(host.tenantId);
    const signedIn = await accept({ token }, { token: squatter.token });
    expect(signedIn).toMatchObject({ status: 403, body: errorBody("email_not_verified") });
    const withPassword = await accept({ token, password: squatter.input.password });
    expect(withPassword).toMatchObject({ status: 403, body: errorBody("email_not_verified") });
    expect(withPassword.body.error.message).toContain("reset the password");
    const newAccount = await accept({ token, name: "Real Person", password: "the real person's password" });
    expect(newAccount).toMatchObject({ status: 403, body: errorBody("email_not_verified") });
    expect(await invitationState(host.tenantId)).toEqual(before);
  });

  it("the mailbox's owner takes the address back with a password reset, which confirms it and ends the other holder's sessions, then accepts", async () => {
    const host = await registerOwner({ tenant_name: "Host" });
    const email = uniqueEmail("claimed");
    const squatter = await registerOwner({ email, tenant_name: "Squat" });
    const token = await inviteAs(host.token, email);
    await mail.clear();

    // The invitation mail and the reset mail both reach the real owner of the mailbox.
    expect((await call(forgot, "/api/v1/auth/password/forgot/", { body: { email }, ip: nextTestIp() })).status).toBe(202);
    const resetToken = await mailedToken(email, RESET_LINK);
    const newPassword = "the mailbox owner's own password";
    expect((await call(reset, "/api/v1/auth/password/reset/", { body: { token: resetToken, password: newPassword } })).status).toBe(200);

    const account = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(account.emailVerifiedAt).not.toBeNull();
    const resetAudit = await prisma.auditLog.findFirstOrThrow({ where: { actorUserId: account.id, action: "auth.password_reset_completed" } });
    expect(resetAudit.metadata).toMatchObject({ email_verified: true, sessions_ended: true });
    // Whoever signed up with the address is signed out.
    expect((await call(me, "/api/v1/auth/me/", { token: squatter.token })).status).toBe(401);

    expect((await call(lookupInvitation, `${INVITATIONS}lookup/`, { body: { token } })).body.invitation.account_verified).toBe(true);
    const joined = await accept({ token, password: newPassword });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ user: { email, email_verified: true }, tenant: { id: host.tenantId }, role: "admin" });
  });

  it("a signed-in account confirms its address from the mailed link, then accepts", async () => {
    const host = await registerOwner();
    const guest = await registerOwner();
    const confirmToken = await mailedToken(guest.input.email, VERIFY_LINK);
    const token = await inviteAs(host.token, guest.input.email);

    const refused = await accept({ token }, { cookie: guest.session, origin: ORIGIN });
    expect(refused).toMatchObject({ status: 403, body: errorBody("email_not_verified") });
    expect(refused.body.error.message).toContain(`Confirm ${guest.input.email}`);

    expect((await call(verify, VERIFY, { body: { token: confirmToken } })).status).toBe(200);
    const joined = await accept({ token }, { cookie: guest.session, origin: ORIGIN });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ tenant: { id: host.tenantId }, role: "admin" });
  });

  it("an account created from an invitation starts confirmed: the link came by mail to that address", async () => {
    const host = await registerOwner();
    const email = uniqueEmail("fresh");
    const token = await inviteAs(host.token, email);
    const invitationMail = await mail.only(email);
    expect(linkIn(invitationMail, INVITE_LINK)).toBe(`${INVITE_LINK}${token}`);

    const joined = await accept({ token, name: "Fresh Person", password: "a fine long password" });
    expect(joined.status).toBe(200);
    expect(joined.body.user).toMatchObject({ email, email_verified: true });
    // No confirmation mail: nothing is left to confirm.
    expect((await mail.received(email)).map((received) => received.subject)).toEqual([invitationMail.subject]);
  });
});
