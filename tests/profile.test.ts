import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { GET as getProfile, PATCH as patchProfile } from "@/app/api/v1/auth/profile/route";
import { POST as changeEmail } from "@/app/api/v1/auth/email/change/route";
import { POST as verify } from "@/app/api/v1/auth/email/verify/route";
import { POST as changePassword } from "@/app/api/v1/auth/password/change/route";
import { POST as forgot } from "@/app/api/v1/auth/password/forgot/route";
import { POST as reset } from "@/app/api/v1/auth/password/reset/route";
import { POST as login } from "@/app/api/v1/auth/login/route";
import { POST as logout } from "@/app/api/v1/auth/logout/route";
import { GET as listSessions } from "@/app/api/v1/auth/sessions/route";
import { DELETE as revokeSession } from "@/app/api/v1/auth/sessions/[sessionId]/route";
import { GET as currentTenant, PATCH as renameTenant } from "@/app/api/v1/auth/tenants/current/route";
import { GET as me } from "@/app/api/v1/auth/me/route";
import { LAST_SEEN_EVERY_MS } from "@/lib/auth/user-sessions";
import { authOptions } from "@/lib/auth/auth-options";
import { readToken } from "@/lib/auth/tokens";
import { hashSingleUseToken } from "@/lib/crypto/single-use-token";
import { call, errorBody, nextTestIp, registerOwner, uniqueEmail } from "./helpers/api";
import { signInBrowser } from "./helpers/browser-session";
import { addMember } from "./helpers/fixtures";
import { callNextAuthGet } from "./helpers/next-auth";
import { linkIn, setUpMailServer } from "./helpers/mail-server";

const ORIGIN = "http://localhost:3000";
const VERIFY_LINK = "http://localhost:3000/verify-email/";
const PROFILE = "/api/v1/auth/profile/";
const SESSIONS = "/api/v1/auth/sessions/";
const CHANGE_EMAIL = "/api/v1/auth/email/change/";
const CHANGE_PASSWORD = "/api/v1/auth/password/change/";
const TENANT = "/api/v1/auth/tenants/current/";

const mail = setUpMailServer();

/** Cookie-authenticated writes come from the portal's own pages. */
const asBrowser = (cookie: string) => ({ cookie, origin: ORIGIN });
const signIn = (email: string, password: string) => call(login, "/api/v1/auth/login/", { body: { email, password }, ip: nextTestIp() });

async function accountState(userId: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return {
    user,
    tokens: await prisma.emailToken.findMany({ where: { userId }, orderBy: { id: "asc" } }),
    sessions: await prisma.userSession.findMany({ where: { userId }, orderBy: { id: "asc" } }),
    audit: await prisma.auditLog.count({ where: { actorUserId: userId, action: { not: "auth.login_failed" } } }),
  };
}

/** The session cookie value a response sets, if any. */
function setSessionCookie(headers: Headers): string | null {
  const cookie = headers.getSetCookie().find((value) => value.startsWith("next-auth.session-token="));
  return cookie ? cookie.split(";")[0].split("=")[1] : null;
}

describe("profile: name", () => {
  it("shows the caller's account and renames them, audited; bad input changes nothing", async () => {
    const owner = await registerOwner({ name: "Old Name" });
    const shown = await call(getProfile, PROFILE, { cookie: owner.session });
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({
      user: expect.objectContaining({ id: owner.userId, email: owner.input.email, name: "Old Name", email_verified: false, email_verified_at: null }),
      pending_email_change: null,
    });

    const renamed = await call(patchProfile, PROFILE, { method: "PATCH", body: { name: "  New Name  " }, ...asBrowser(owner.session) });
    expect(renamed.status).toBe(200);
    expect(renamed.body.user.name).toBe("New Name");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "account.name_changed" } });
    expect(audit.metadata).toEqual({ previous_name: "Old Name", name: "New Name" });

    const state = await accountState(owner.userId);
    for (const body of [{ name: "" }, { name: "x".repeat(101) }, { name: "Ok", email: "x@example.test" }, {}]) {
      const bad = await call(patchProfile, PROFILE, { method: "PATCH", body, ...asBrowser(owner.session) });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe("validation_error");
    }
    const noOrigin = await call(patchProfile, PROFILE, { method: "PATCH", body: { name: "Sneaky" }, cookie: owner.session });
    expect(noOrigin).toMatchObject({ status: 403, body: errorBody("csrf_origin_mismatch") });
    expect(await accountState(owner.userId)).toEqual(state);
    expect((await call(getProfile, PROFILE, {})).body).toEqual(errorBody("unauthorized"));
  });
});

describe("profile: email change", () => {
  it("mails a link to the new address; the account moves only when it is followed, and the old address is told", async () => {
    const owner = await registerOwner({ name: "Mover" });
    const newEmail = uniqueEmail("moved");
    await mail.clear();

    const asked = await call(changeEmail, CHANGE_EMAIL, { body: { email: newEmail.toUpperCase(), current_password: owner.input.password }, ...asBrowser(owner.session) });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ pending_email: newEmail, expires_in: 86_400 });
    const linkMail = await mail.only(newEmail);
    expect(linkMail.subject).toBe("Confirm your new email address");
    expect(linkMail.text).toContain(owner.input.email);
    expect(await mail.received(owner.input.email)).toEqual([]);
    const token = linkIn(linkMail, VERIFY_LINK).slice(VERIFY_LINK.length);
    expect((await prisma.emailToken.findUniqueOrThrow({ where: { tokenHash: hashSingleUseToken(token) } })).purpose).toBe("change");

    // Nothing moved yet: the old address still signs in, the profile shows the pending change.
    expect((await call(getProfile, PROFILE, { cookie: owner.session })).body).toMatchObject({
      user: { email: owner.input.email },
      pending_email_change: { email: newEmail, expires_at: expect.any(String) },
    });
    expect((await signIn(owner.input.email, owner.input.password)).status).toBe(200);
    // A reset link mailed to the old address meanwhile stops working once the account moves.
    expect((await call(forgot, "/api/v1/auth/password/forgot/", { body: { email: owner.input.email }, ip: nextTestIp() })).status).toBe(202);
    const resetMail = (await mail.received(owner.input.email)).find((received) => received.subject === "Reset your password")!;
    const resetToken = linkIn(resetMail, "http://localhost:3000/reset-password/").slice("http://localhost:3000/reset-password/".length);
    await mail.clear();

    const followed = await call(verify, "/api/v1/auth/email/verify/", { body: { token } });
    expect(followed.status).toBe(200);
    expect(followed.body).toEqual({ email_verified: true, email: newEmail, email_changed: true });
    const user = await prisma.user.findUniqueOrThrow({ where: { id: owner.userId } });
    expect(user.email).toBe(newEmail);
    expect(user.emailVerifiedAt).not.toBeNull();

    const notice = await mail.only(owner.input.email);
    expect(notice.subject).toBe("Your email address was changed");
    expect(notice.text).toContain(newEmail);
    expect(notice.raw).not.toContain(token);
    expect(await mail.received(newEmail)).toEqual([]);

    expect((await signIn(owner.input.email, owner.input.password)).body).toEqual(errorBody("invalid_credentials"));
    expect((await signIn(newEmail, owner.input.password)).status).toBe(200);
    // Sessions go on: the session's person is read from the database, not from the cookie.
    expect((await call(me, "/api/v1/auth/me/", { cookie: owner.session })).body.user.email).toBe(newEmail);
    expect((await call(reset, "/api/v1/auth/password/reset/", { body: { token: resetToken, password: "somebody else's password" } })).body).toEqual(
      errorBody("reset_token_invalid"),
    );
    expect((await call(verify, "/api/v1/auth/email/verify/", { body: { token } })).body).toEqual(errorBody("email_token_invalid"));

    const audit = await prisma.auditLog.findMany({ where: { tenantId: owner.tenantId, action: { in: ["account.email_change_requested", "account.email_changed"] } }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.severity, entry.metadata])).toEqual([
      ["account.email_change_requested", "info", { email: owner.input.email, new_email: newEmail }],
      ["account.email_changed", "warning", { email: newEmail, previous_email: owner.input.email }],
    ]);
  });

  it("needs the current password, a different and free address; refusals change nothing and mail nobody", async () => {
    const owner = await registerOwner();
    const other = await registerOwner();
    await mail.clear();
    const state = await accountState(owner.userId);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ email: uniqueEmail("x"), current_password: "not the password" }, 403, "current_password_incorrect"],
      [{ email: owner.input.email, current_password: owner.input.password }, 400, "email_unchanged"],
      [{ email: other.input.email, current_password: owner.input.password }, 409, "email_taken"],
      [{ email: "not an email", current_password: owner.input.password }, 400, "validation_error"],
      [{ email: uniqueEmail("x") }, 400, "validation_error"],
    ];
    for (const [body, status, code] of cases) {
      const result = await call(changeEmail, CHANGE_EMAIL, { body, ...asBrowser(owner.session), ip: nextTestIp() });
      expect(result.status, code).toBe(status);
      expect(result.body.error.code).toBe(code);
    }
    expect(await accountState(owner.userId)).toEqual(state);
    expect(await mail.received()).toEqual([]);
  });

  it("a password reset or sign out everywhere ends a pending change: whoever asked for it may be the one locked out", async () => {
    for (const lockOut of ["reset", "sign out everywhere"] as const) {
      const owner = await registerOwner();
      const intruder = uniqueEmail("intruder");
      await mail.clear();
      expect((await call(changeEmail, CHANGE_EMAIL, { body: { email: intruder, current_password: owner.input.password }, token: owner.token })).status).toBe(202);
      const token = linkIn(await mail.only(intruder), VERIFY_LINK).slice(VERIFY_LINK.length);
      if (lockOut === "reset") {
        expect((await call(forgot, "/api/v1/auth/password/forgot/", { body: { email: owner.input.email }, ip: nextTestIp() })).status).toBe(202);
        const resetMail = (await mail.received(owner.input.email)).find((received) => received.subject === "Reset your password")!;
        const resetToken = linkIn(resetMail, "http://localhost:3000/reset-password/").slice("http://localhost:3000/reset-password/".length);
        expect((await call(reset, "/api/v1/auth/password/reset/", { body: { token: resetToken, password: "the owner's new password" }, ip: nextTestIp() })).status).toBe(200);
      } else {
        expect((await call(logout, "/api/v1/auth/logout/", { method: "POST", token: owner.token })).status).toBe(200);
      }
      const followed = await call(verify, "/api/v1/auth/email/verify/", { body: { token } });
      expect(followed, lockOut).toMatchObject({ status: 404, body: errorBody("email_token_invalid") });
      expect((await prisma.user.findUniqueOrThrow({ where: { id: owner.userId } })).email, lockOut).toBe(owner.input.email);
    }
  });

  it("refuses an expired change link (410) and leaves the account where it was", async () => {
    const owner = await registerOwner();
    const newEmail = uniqueEmail("late");
    expect((await call(changeEmail, CHANGE_EMAIL, { body: { email: newEmail, current_password: owner.input.password }, token: owner.token })).status).toBe(202);
    const token = linkIn(await mail.only(newEmail), VERIFY_LINK).slice(VERIFY_LINK.length);
    await prisma.emailToken.update({ where: { tokenHash: hashSingleUseToken(token) }, data: { expiresAt: new Date(Date.now() - 1) } });
    const state = await accountState(owner.userId);
    const result = await call(verify, "/api/v1/auth/email/verify/", { body: { token } });
    expect(result).toMatchObject({ status: 410, body: errorBody("email_token_expired") });
    expect(await accountState(owner.userId)).toEqual(state);
    expect(state.user.email).toBe(owner.input.email);
  });
});

describe("profile: password change", () => {
  it("needs the current password, keeps this browser signed in and ends every other session and access token", async () => {
    const owner = await registerOwner({ tenant_name: "Pw Co" });
    const here = await signInBrowser(owner.input.email, owner.input.password, { userAgent: "Here/1.0" });
    const there = await signInBrowser(owner.input.email, owner.input.password, { userAgent: "There/1.0" });
    await mail.clear();

    const state = await accountState(owner.userId);
    const wrong = await call(changePassword, CHANGE_PASSWORD, { body: { current_password: "wrong password", new_password: "a brand new passphrase" }, ...asBrowser(here.cookie) });
    expect(wrong).toMatchObject({ status: 403, body: errorBody("current_password_incorrect") });
    const short = await call(changePassword, CHANGE_PASSWORD, { body: { current_password: owner.input.password, new_password: "short" }, ...asBrowser(here.cookie) });
    expect(short.status).toBe(400);
    const same = await call(changePassword, CHANGE_PASSWORD, { body: { current_password: owner.input.password, new_password: owner.input.password }, ...asBrowser(here.cookie) });
    expect(same.status).toBe(400);
    expect(same.body.error.details[0].path).toEqual(["new_password"]);
    expect(await accountState(owner.userId)).toEqual(state);
    expect(await mail.received()).toEqual([]);

    const changed = await call(changePassword, CHANGE_PASSWORD, { body: { current_password: owner.input.password, new_password: "a brand new passphrase" }, ...asBrowser(here.cookie) });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ password_changed: true, other_sessions_ended: 1 });
    const cookie = setSessionCookie(changed.headers);
    expect(cookie).not.toBeNull();

    // This browser continues with its re-issued cookie, as the same session.
    expect((await call(me, "/api/v1/auth/me/", { cookie: cookie! })).status).toBe(200);
    const listed = await call(listSessions, SESSIONS, { cookie: cookie! });
    expect(listed.body.sessions).toEqual([expect.objectContaining({ id: here.sessionId, current: true, user_agent: "Here/1.0" })]);
    // Everything else ended: the other browser, the access token, and this browser's old cookie value.
    expect((await call(me, "/api/v1/auth/me/", { cookie: there.cookie })).status).toBe(401);
    expect((await call(me, "/api/v1/auth/me/", { token: owner.token })).status).toBe(401);
    expect((await call(me, "/api/v1/auth/me/", { cookie: here.cookie })).status).toBe(401);

    expect((await signIn(owner.input.email, owner.input.password)).body).toEqual(errorBody("invalid_credentials"));
    expect((await signIn(owner.input.email, "a brand new passphrase")).status).toBe(200);
    const notice = await mail.only(owner.input.email);
    expect(notice.subject).toBe("Your password was changed");
    expect(notice.text).toContain("every other session was signed out");
    expect(notice.raw).not.toContain("a brand new passphrase");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "account.password_changed" } });
    expect(audit).toMatchObject({ severity: "warning", actorUserId: owner.userId });
    expect(audit.metadata).toEqual({ other_sessions_ended: 1, channel: "browser" });
  });

  it("gives an API client a new access token in place of the one that ended", async () => {
    const owner = await registerOwner();
    const changed = await call(changePassword, CHANGE_PASSWORD, { body: { current_password: owner.input.password, new_password: "a brand new passphrase" }, token: owner.token });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ password_changed: true, token_type: "Bearer", access_token: expect.any(String) });
    expect((await call(me, "/api/v1/auth/me/", { token: owner.token })).status).toBe(401);
    expect((await call(me, "/api/v1/auth/me/", { token: changed.body.access_token })).status).toBe(200);
  });
});

describe("sessions", () => {
  it("lists the caller's browsers, this one first and marked, and signs one out", async () => {
    const owner = await registerOwner();
    const laptop = await signInBrowser(owner.input.email, owner.input.password, { userAgent: "Laptop/1.0", ip: "::ffff:198.51.100.7" });
    const phone = await signInBrowser(owner.input.email, owner.input.password, { userAgent: "Phone/2.0", ip: "198.51.100.8" });

    const listed = await call(listSessions, SESSIONS, { cookie: laptop.cookie });
    expect(listed.status).toBe(200);
    expect(listed.body.sessions).toEqual([
      { id: laptop.sessionId, current: true, user_agent: "Laptop/1.0", ip: "198.51.100.7", created_at: expect.any(String), last_seen_at: expect.any(String) },
      { id: phone.sessionId, current: false, user_agent: "Phone/2.0", ip: "198.51.100.8", created_at: expect.any(String), last_seen_at: expect.any(String) },
    ]);
    // An API client has no browser session of its own: nothing is marked current.
    const fromApi = (await call(listSessions, SESSIONS, { token: owner.token })).body.sessions;
    expect(fromApi).toHaveLength(2);
    expect(fromApi).toEqual(expect.arrayContaining([expect.objectContaining({ id: laptop.sessionId, current: false }), expect.objectContaining({ id: phone.sessionId, current: false })]));

    const noOrigin = await call(revokeSession, `${SESSIONS}${phone.sessionId}/`, { method: "DELETE", cookie: laptop.cookie, params: { sessionId: phone.sessionId } });
    expect(noOrigin.status).toBe(403);
    const revoked = await call(revokeSession, `${SESSIONS}${phone.sessionId}/`, { method: "DELETE", ...asBrowser(laptop.cookie), params: { sessionId: phone.sessionId } });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ revoked: true, current: false });
    expect((await call(me, "/api/v1/auth/me/", { cookie: phone.cookie })).status).toBe(401);
    // next-auth's own session endpoint (which refreshes the cookie) refuses it too.
    expect((await callNextAuthGet(["session"], `next-auth.session-token=${phone.cookie}`)).body).toEqual({});
    expect((await callNextAuthGet(["session"], `next-auth.session-token=${laptop.cookie}`)).body).toMatchObject({ user: { email: owner.input.email } });
    expect((await call(me, "/api/v1/auth/me/", { cookie: laptop.cookie })).status).toBe(200);
    expect((await call(listSessions, SESSIONS, { cookie: laptop.cookie })).body.sessions.map((session: { id: string }) => session.id)).toEqual([laptop.sessionId]);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "account.session_revoked" } });
    expect(audit).toMatchObject({ targetType: "session", targetId: phone.sessionId });

    // Ended, unknown and other people's sessions answer alike, changing nothing.
    const stranger = await registerOwner();
    const theirs = await signInBrowser(stranger.input.email, stranger.input.password);
    for (const sessionId of [phone.sessionId, "no-such-session", theirs.sessionId]) {
      const result = await call(revokeSession, `${SESSIONS}${sessionId}/`, { method: "DELETE", ...asBrowser(laptop.cookie), params: { sessionId } });
      expect(result).toMatchObject({ status: 404, body: errorBody("not_found") });
    }
    expect((await call(me, "/api/v1/auth/me/", { cookie: theirs.cookie })).status).toBe(200);
  });

  it("signing this browser out ends it like any other, and next-auth's sign-out after it ends nothing more", async () => {
    const owner = await registerOwner();
    const browser = await signInBrowser(owner.input.email, owner.input.password);
    const laptop = await signInBrowser(owner.input.email, owner.input.password);
    const result = await call(revokeSession, `${SESSIONS}${browser.sessionId}/`, { method: "DELETE", ...asBrowser(browser.cookie), params: { sessionId: browser.sessionId } });
    expect(result.body).toEqual({ revoked: true, current: true });
    expect((await call(me, "/api/v1/auth/me/", { cookie: browser.cookie })).status).toBe(401);

    // The page then leaves through next-auth's sign-out, whose event would otherwise sign out everywhere.
    const token = await readToken(browser.cookie, "session");
    await authOptions({ ip: "203.0.113.10", userAgent: "vitest" }).events!.signOut!({ token: token!, session: null as never });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: owner.userId } })).sessionVersion).toBe(0);
    expect((await call(me, "/api/v1/auth/me/", { cookie: laptop.cookie })).status).toBe(200);
    expect((await call(me, "/api/v1/auth/me/", { token: owner.token })).status).toBe(200);
  });

  it("sign out everywhere ends every browser session and access token, and the list is empty", async () => {
    const owner = await registerOwner();
    const one = await signInBrowser(owner.input.email, owner.input.password);
    const two = await signInBrowser(owner.input.email, owner.input.password);
    expect((await call(logout, "/api/v1/auth/logout/", { body: {}, ...asBrowser(one.cookie) })).status).toBe(200);
    for (const credential of [{ cookie: one.cookie }, { cookie: two.cookie }, { token: owner.token }]) {
      expect((await call(me, "/api/v1/auth/me/", credential)).status).toBe(401);
    }
    expect(await prisma.userSession.count({ where: { userId: owner.userId, revokedAt: null } })).toBe(0);
    const again = await signInBrowser(owner.input.email, owner.input.password);
    expect((await call(listSessions, SESSIONS, { cookie: again.cookie })).body.sessions.map((session: { id: string }) => session.id)).toEqual([again.sessionId]);
  });

  it("keeps last seen coarsely: a write only when the stored time is older than a few minutes", async () => {
    const owner = await registerOwner();
    const browser = await signInBrowser(owner.input.email, owner.input.password);
    const stale = new Date(Date.now() - LAST_SEEN_EVERY_MS - 60_000);
    await prisma.userSession.update({ where: { id: browser.sessionId }, data: { lastSeenAt: stale } });
    expect((await call(me, "/api/v1/auth/me/", { cookie: browser.cookie })).status).toBe(200);
    const touched = await prisma.userSession.findUniqueOrThrow({ where: { id: browser.sessionId } });
    expect(touched.lastSeenAt.getTime()).toBeGreaterThan(stale.getTime());
    expect(touched.expiresAt.getTime()).toBeGreaterThan(touched.lastSeenAt.getTime());
    expect((await call(me, "/api/v1/auth/me/", { cookie: browser.cookie })).status).toBe(200);
    expect((await prisma.userSession.findUniqueOrThrow({ where: { id: browser.sessionId } })).lastSeenAt).toEqual(touched.lastSeenAt);
  });

  it("refuses a cookie whose session row expired", async () => {
    const owner = await registerOwner();
    const browser = await signInBrowser(owner.input.email, owner.input.password);
    await prisma.userSession.update({ where: { id: browser.sessionId }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await call(me, "/api/v1/auth/me/", { cookie: browser.cookie })).status).toBe(401);
  });
});

describe("organization: rename", () => {
  it("lets owners rename the tenant, audited; the slug stays", async () => {
    const owner = await registerOwner({ tenant_name: "First Name Co" });
    const member = await addMember(owner.tenantId, "member");
    const shown = await call(currentTenant, TENANT, { token: member.token });
    expect(shown.status).toBe(200);
    expect(shown.body.tenant).toMatchObject({ id: owner.tenantId, name: "First Name Co", slug: expect.any(String) });
    const slug = shown.body.tenant.slug;

    const renamed = await call(renameTenant, TENANT, { method: "PATCH", body: { name: "Second Name Co" }, ...asBrowser(owner.session) });
    expect(renamed.status).toBe(200);
    expect(renamed.body.tenant).toMatchObject({ id: owner.tenantId, name: "Second Name Co", slug });
    expect((await call(me, "/api/v1/auth/me/", { token: member.token })).body.tenant.name).toBe("Second Name Co");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "settings.tenant_renamed" } });
    expect(audit).toMatchObject({ actorUserId: owner.userId, targetId: owner.tenantId });
    expect(audit.metadata).toEqual({ previous_name: "First Name Co", name: "Second Name Co" });

    // The same name again is no change and no entry.
    expect((await call(renameTenant, TENANT, { method: "PATCH", body: { name: "Second Name Co" }, token: owner.token })).status).toBe(200);
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: "settings.tenant_renamed" } })).toBe(1);
  });

  it("refuses admins, members and bad names, changing nothing", async () => {
    const owner = await registerOwner({ tenant_name: "Kept Name" });
    const admin = await addMember(owner.tenantId, "admin");
    const member = await addMember(owner.tenantId, "member");
    const before = await prisma.tenant.findUniqueOrThrow({ where: { id: owner.tenantId } });
    for (const token of [admin.token, member.token]) {
      const refused = await call(renameTenant, TENANT, { method: "PATCH", body: { name: "Taken Over" }, token });
      expect(refused).toMatchObject({ status: 403, body: errorBody("forbidden") });
    }
    for (const body of [{ name: "x" }, { name: "" }, {}, { name: "Fine", slug: "new-slug" }]) {
      const bad = await call(renameTenant, TENANT, { method: "PATCH", body, token: owner.token });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe("validation_error");
    }
    expect(await prisma.tenant.findUniqueOrThrow({ where: { id: owner.tenantId } })).toEqual(before);
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: "settings.tenant_renamed" } })).toBe(0);
  });
});
