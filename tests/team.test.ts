import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { GET as me } from "@/app/api/v1/auth/me/route";
import { GET as listKeys } from "@/app/api/v1/auth/tenants/api-keys/route";
import { POST as regenerateKeys } from "@/app/api/v1/auth/tenants/api-keys/regenerate/route";
import { GET as listTenants } from "@/app/api/v1/auth/tenants/route";
import { POST as switchTenant } from "@/app/api/v1/auth/tenants/switch/route";
import { GET as listMembers } from "@/app/api/v1/auth/tenants/members/route";
import { DELETE as removeMember, PATCH as changeRole } from "@/app/api/v1/auth/tenants/members/[userId]/route";
import { GET as listInvitations, POST as invite } from "@/app/api/v1/auth/tenants/invitations/route";
import { DELETE as revokeInvitation } from "@/app/api/v1/auth/tenants/invitations/[invitationId]/route";
import { POST as lookupInvitation } from "@/app/api/v1/auth/tenants/invitations/lookup/route";
import { POST as acceptInvitation } from "@/app/api/v1/auth/tenants/invitations/accept/route";
import { POST as login } from "@/app/api/v1/auth/login/route";
import { resolveCaller } from "@/lib/auth/caller";
import { readToken } from "@/lib/auth/tokens";
import { changeMemberRole, removeMember as removeMemberService } from "@/lib/team/members";
import { createInvitation } from "@/lib/team/invitations";
import { hashSingleUseToken } from "@/lib/crypto/single-use-token";
import { call, nextTestIp, registerOwner, uniqueEmail } from "./helpers/api";
import { addMember } from "./helpers/fixtures";
import { markEmailVerified } from "./helpers/browser-session";

/** Joining with an existing account needs a confirmed address (tests/email-verification.test.ts covers the unconfirmed ones). */
async function registerVerifiedOwner(...args: Parameters<typeof registerOwner>) {
  const owner = await registerOwner(...args);
  await markEmailVerified(owner.userId);
  return owner;
}

const MEMBERS = "/api/v1/auth/tenants/members/";
const INVITATIONS = "/api/v1/auth/tenants/invitations/";
const ORIGIN = "http://localhost:3000";
const member = (userId: string) => `${MEMBERS}${userId}/`;

async function teamState(tenantId: string) {
  return {
    memberships: await prisma.membership.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    invitations: await prisma.invitation.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    audit: await prisma.auditLog.count({ where: { tenantId } }),
  };
}

async function auditActions(tenantId: string) {
  const rows = await prisma.auditLog.findMany({ where: { tenantId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map((row) => row.action);
}

async function inviteAs(token: string, email: string, role: string) {
  const result = await call(invite, INVITATIONS, { token, body: { email, role } });
  expect(result.status).toBe(201);
  const url = new URL(result.body.invite_url as string);
  return { id: result.body.invitation.id as string, token: url.pathname.split("/").pop()!, body: result.body };
}

const accept = (body: Record<string, unknown>, options: { token?: string; cookie?: string; origin?: string } = {}) =>
  call(acceptInvitation, `${INVITATIONS}accept/`, { body, ip: nextTestIp(), ...options });


describe("GET /api/v1/auth/tenants/members/", () => {
  it("shows owners and admins everyone with role and last sign-in, and members only themselves", async () => {
    const owner = await registerVerifiedOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const plain = await addMember(owner.tenantId, "member");
    await prisma.membership.update({
      where: { userId_tenantId: { userId: admin.userId, tenantId: owner.tenantId } },
      data: { lastSignInAt: new Date("2026-11-20T10:00:00Z") },
    });

    for (const token of [owner.token, admin.token]) {
      const result = await call(listMembers, MEMBERS, { token });
      expect(result.status).toBe(200);
      expect(result.body.members.map((m: { id: string; role: string }) => [m.id, m.role])).toEqual([
        [owner.userId, "owner"],
        [admin.userId, "admin"],
        [plain.userId, "member"],
      ]);
      expect(result.body.members[1]).toMatchObject({ email: admin.email, last_login_at: "2026-11-20T10:00:00.000Z", joined_at: expect.any(String) });
    }
    const own = await call(listMembers, MEMBERS, { token: plain.token });
    expect(own.status).toBe(200);
    expect(own.body.members).toEqual([expect.objectContaining({ id: plain.userId, role: "member" })]);
    expect(JSON.stringify(own.body)).not.toContain("password");
  });

  it("refuses without a session", async () => {
    const result = await call(listMembers, MEMBERS);
    expect(result.status).toBe(401);
    expect(result.body.error.code).toBe("unauthorized");
  });
});

describe("PATCH /api/v1/auth/tenants/members/{user_id}/", () => {
  it("lets an owner change a role, effective at once and audited", async () => {
    const owner = await registerVerifiedOwner();
    const plain = await addMember(owner.tenantId, "member");
    expect((await call(listKeys, "/api/v1/auth/tenants/api-keys/", { token: plain.token })).status).toBe(403);

    const result = await call(changeRole, member(plain.userId), { method: "PATCH", token: owner.token, body: { role: "admin" }, params: { userId: plain.userId } });
    expect(result.status).toBe(200);
    expect(result.body.member).toMatchObject({ id: plain.userId, role: "admin" });
    // The same token now carries the new role: roles are read per request.
    expect((await call(listKeys, "/api/v1/auth/tenants/api-keys/", { token: plain.token })).status).toBe(200);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "members.role_changed" } });
    expect(entry).toMatchObject({ actorUserId: owner.userId, targetType: "user", targetId: plain.userId, severity: "info" });
    expect(entry.metadata).toMatchObject({ from: "member", to: "admin", email: plain.email });
  });

  it("refuses admins and members, invalid roles and people of other tenants, changing nothing", async () => {
    const owner = await registerVerifiedOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const plain = await addMember(owner.tenantId, "member");
    const other = await registerVerifiedOwner();
    const before = await teamState(owner.tenantId);

    for (const token of [admin.token, plain.token]) {
      const result = await call(changeRole, member(plain.userId), { method: "PATCH", token, body: { role: "owner" }, params: { userId: plain.userId } });
      expect(result.status).toBe(403);
      expect(result.body.error.code).toBe("forbidden");
    }
    const invalid = await call(changeRole, member(plain.userId), { method: "PATCH", token: owner.token, body: { role: "superuser" }, params: { userId: plain.userId } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe("validation_error");
    expect(invalid.body.error.details[0].path).toEqual(["role"]);
    const foreign = await call(changeRole, member(other.userId), { method: "PATCH", token: owner.token, body: { role: "member" }, params: { userId: other.userId } });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("not_found");
    expect(await prisma.membership.findFirstOrThrow({ where: { userId: other.userId } })).toMatchObject({ role: "owner" });
    // Cookie writes need the portal's Origin.
    const csrf = await call(changeRole, member(plain.userId), { method: "PATCH", cookie: owner.session, body: { role: "admin" }, params: { userId: plain.userId } });
    expect(csrf.status).toBe(403);
    expect(csrf.body.error.code).toBe("csrf_origin_mismatch");

    expect(await teamState(owner.tenantId)).toEqual(before);
  });

  it("never demotes the last owner (409 last_owner), but does once another owner exists", async () => {
    const owner = await registerVerifiedOwner();
    const before = await teamState(owner.tenantId);
    const demote = await call(changeRole, member(owner.userId), { method: "PATCH", token: owner.token, body: { role: "admin" }, params: { userId: owner.userId } });
    expect(demote.status).toBe(409);
    expect(demote.body.error).toMatchObject({ code: "last_owner", message: expect.stringContaining("at least one owner") });
    expect(await teamState(owner.tenantId)).toEqual(before);

    const second = await addMember(owner.tenantId, "admin");
    const promote = await call(changeRole, member(second.userId), { method: "PATCH", token: owner.token, body: { role: "owner" }, params: { userId: second.userId } });
    expect(promote.status).toBe(200);
    const stepDown = await call(changeRole, member(owner.userId), { method: "PATCH", token: owner.token, body: { role: "member" }, params: { userId: owner.userId } });
    expect(stepDown.status).toBe(200);
    const entries = await prisma.auditLog.findMany({ where: { tenantId: owner.tenantId, action: "members.role_changed" }, orderBy: { createdAt: "asc" } });
    expect(entries.map((entry) => entry.severity)).toEqual(["warning", "warning"]);
    const last = await call(changeRole, member(second.userId), { method: "PATCH", token: second.token, body: { role: "admin" }, params: { userId: second.userId } });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe("last_owner");
  });

  it("keeps an owner when two owners demote each other at the same moment", async () => {
    const owner = await registerVerifiedOwner();
    const second = await addMember(owner.tenantId, "owner");
    // Both callers pass the role check before either change lands: the race the tenant lock is for.
    const [first, other] = await Promise.all(
      [owner.token, second.token].map(async (token) => (await resolveCaller(new Headers({ authorization: `Bearer ${token}` }), new Map()))!),
    );
    const meta = { ip: null, userAgent: null };
    const results = await Promise.allSettled([
      changeMemberRole(first, second.userId, { role: "member" }, meta),
      changeMemberRole(other, owner.userId, { role: "member" }, meta),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    // The loser is refused either as the last owner or, once demoted by the winner, as no owner at all.
    const failure = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect([`${failure.reason.status} ${failure.reason.code}`]).toEqual([expect.stringMatching(/^(409 last_owner|403 forbidden)$/)]);
    expect(await prisma.membership.count({ where: { tenantId: owner.tenantId, role: "owner" } })).toBe(1);
  });
});

describe("DELETE /api/v1/auth/tenants/members/{user_id}/", () => {
  it("removes a member, who loses access at once; audited", async () => {
    const owner = await registerVerifiedOwner();
    const admin = await addMember(owner.tenantId, "admin");
    expect((await call(me, "/api/v1/auth/me/", { token: admin.token })).status).toBe(200);

    const result = await call(removeMember, member(admin.userId), { method: "DELETE", token: owner.token, params: { userId: admin.userId } });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ removed: true, member: { id: admin.userId, role: "admin" } });
    expect(await prisma.membership.count({ where: { userId: admin.userId } })).toBe(0);
    // The person still exists (they may belong to other tenants); only the membership went.
    expect(await prisma.user.count({ where: { id: admin.userId } })).toBe(1);
    const after = await call(me, "/api/v1/auth/me/", { token: admin.token });
    expect(after.status).toBe(401);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "members.removed" } });
    expect(entry).toMatchObject({ actorUserId: owner.userId, targetId: admin.userId, severity: "warning" });
  });

  it("refuses the last owner, non-owners and strangers, changing nothing", async () => {
    const owner = await registerVerifiedOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const other = await registerVerifiedOwner();
    const before = await teamState(owner.tenantId);

    const last = await call(removeMember, member(owner.userId), { method: "DELETE", token: owner.token, params: { userId: owner.userId } });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe("last_owner");
    const byAdmin = await call(removeMember, member(owner.userId), { method: "DELETE", token: admin.token, params: { userId: owner.userId } });
    expect(byAdmin.status).toBe(403);
    const foreign = await call(removeMember, member(other.userId), { method: "DELETE", token: owner.token, params: { userId: other.userId } });
    expect(foreign.status).toBe(404);
    const unknown = await call(removeMember, member("nobody"), { method: "DELETE", token: owner.token, params: { userId: "nobody" } });
    expect(unknown.status).toBe(404);

    expect(await teamState(owner.tenantId)).toEqual(before);
    expect(await prisma.membership.count({ where: { userId: other.userId } })).toBe(1);
  });
});

describe("invitations", () => {
  it("creates a single-use link stored only as a hash, valid seven days, listed as pending and audited", async () => {
    const owner = await registerVerifiedOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const email = uniqueEmail("Invitee").toUpperCase();
    const started = Date.now();
    const created = await inviteAs(owner.token, email, "admin");

    expect(created.body.invite_url).toBe(`http://localhost:3000/invite/${created.token}`);
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.body.invitation).toMatchObject({ email: email.toLowerCase(), role: "admin", status: "pending", invited_by: { id: owner.userId } });
    const row = await prisma.invitation.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashSingleUseToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const ttl = row.expiresAt.getTime() - started;
    expect(ttl).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(7 * 24 * 3600_000 + 60_000);

    const listed = await call(listInvitations, INVITATIONS, { token: admin.token });
    expect(listed.status).toBe(200);
    expect(listed.body.invitations).toEqual([expect.objectContaining({ id: created.id, status: "pending", email: email.toLowerCase() })]);
    expect(JSON.stringify(listed.body)).not.toContain(created.token);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "invitations.created" } });
    expect(entry).toMatchObject({ targetId: created.id, actorUserId: owner.userId });
    expect(JSON.stringify(entry)).not.toContain(created.token);
  });

  it("lets only owners invite, and only admins and owners see invitations", async () => {
    const owner = await registerVerifiedOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const plain = await addMember(owner.tenantId, "member");
    const before = await teamState(owner.tenantId);
    const byAdmin = await call(invite, INVITATIONS, { token: admin.token, body: { email: uniqueEmail("x"), role: "member" } });
    expect(byAdmin.status).toBe(403);
    const listByMember = await call(listInvitations, INVITATIONS, { token: plain.token });
    expect(listByMember.status).toBe(403);
    const bad = await call(invite, INVITATIONS, { token: owner.token, body: { email: "not-an-email", role: "boss", extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_error");
    expect(bad.body.error.details.map((issue: { path: string[] }) => issue.path.join("."))).toEqual(expect.arrayContaining(["email", "role"]));
    const existing = await call(invite, INVITATIONS, { token: owner.token, body: { email: admin.email, role: "member" } });
    expect(existing.status).toBe(409);
    expect(existing.body.error.code).toBe("already_member");
    expect(await teamState(owner.tenantId)).toEqual(before);
  });

  it("replaces a pending invitation when the same email is invited again", async () => {
    const owner = await registerVerifiedOwner();
    const email = uniqueEmail("twice");
    const first = await inviteAs(owner.token, email, "member");
    const second = await inviteAs(owner.token, email, "admin");
    const listed = await call(listInvitations, INVITATIONS, { token: owner.token });
    expect(listed.body.invitations.map((i: { id: string }) => i.id)).toEqual([second.id]);
    const old = await call(lookupInvitation, `${INVITATIONS}lookup/`, { body: { token: first.token } });
    expect(old.status).toBe(410);
    expect(old.body.error.code).toBe("invitation_revoked");
    const current = await call(lookupInvitation, `${INVITATIONS}lookup/`, { body: { token: second.token } });
    expect(current.body.invitation).toMatchObject({ role: "admin", email });
  });

  it("signs up a new person who joins with the invited role; the link then stops working", async () => {
    const owner = await registerVerifiedOwner({ tenant_name: "Joiners Ltd" });
    const email = uniqueEmail("new");
    const { token } = await inviteAs(owner.token, email, "admin");

    const lookup = await call(lookupInvitation, `${INVITATIONS}lookup/`, { body: { token } });
    expect(lookup.status).toBe(200);
    expect(lookup.body.invitation).toMatchObject({ email, role: "admin", tenant_name: "Joiners Ltd", account_exists: false });

    const missing = await accept({ token, name: "New Person" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("validation_error");
    expect(missing.body.error.details[0].path).toEqual(["password"]);
    expect(await prisma.user.count({ where: { email } })).toBe(0);

    const joined = await accept({ token, name: "New Person", password: "a fine long password" });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ user: { email, name: "New Person" }, tenant: { id: owner.tenantId }, role: "admin", token_type: "Bearer" });
    expect(joined.headers.get("set-cookie")).toBeNull();
    const whoami = await call(me, "/api/v1/auth/me/", { token: joined.body.access_token });
    expect(whoami.body).toMatchObject({ tenant: { id: owner.tenantId }, role: "admin" });
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);

    const again = await accept({ token, name: "Someone Else", password: "another long password" });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe("invitation_used");
    expect((await call(lookupInvitation, `${INVITATIONS}lookup/`, { body: { token } })).body.error.code).toBe("invitation_used");
    expect(await prisma.membership.count({ where: { tenantId: owner.tenantId } })).toBe(2);
    const accepted = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "invitations.accepted" } });
    expect(accepted).toMatchObject({ actorUserId: user.id });
    expect(accepted.metadata).toMatchObject({ role: "admin", new_account: true });
  });

  it("lets an existing user join as themselves, and only with the invited email", async () => {
    const owner = await registerVerifiedOwner({ tenant_name: "Host Co" });
    const guest = await registerVerifiedOwner({ tenant_name: "Guest Co" });
    const stranger = await registerVerifiedOwner();
    const { token } = await inviteAs(owner.token, guest.input.email, "member");

    expect((await call(lookupInvitation, `${INVITATIONS}lookup/`, { body: { token } })).body.invitation.account_exists).toBe(true);
    const anonymous = await accept({ token, name: "x" });
    expect(anonymous.status).toBe(409);
    expect(anonymous.body.error.code).toBe("account_exists");
    const wrongPassword = await accept({ token, password: "not the password" });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.error.code).toBe("invalid_credentials");
    const wrongPerson = await accept({ token }, { token: stranger.token });
    expect(wrongPerson.status).toBe(403);
    expect(wrongPerson.body.error.code).toBe("invitation_email_mismatch");
    expect((await prisma.invitation.findFirstOrThrow({ where: { tenantId: owner.tenantId } })).acceptedAt).toBeNull();

    const joined = await accept({ token }, { token: guest.token });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ user: { id: guest.userId }, tenant: { id: owner.tenantId, name: "Host Co" }, role: "member" });
    const memberships = await prisma.membership.findMany({ where: { userId: guest.userId }, orderBy: { createdAt: "asc" } });
    expect(memberships.map((m) => [m.tenantId, m.role])).toEqual([
      [guest.tenantId, "owner"],
      [owner.tenantId, "member"],
    ]);
  });

  it("moves a signed-in browser session to the joined tenant", async () => {
    const owner = await registerVerifiedOwner();
    const guest = await registerVerifiedOwner();
    const { token } = await inviteAs(owner.token, guest.input.email, "admin");
    const noOrigin = await accept({ token }, { cookie: guest.session });
    expect(noOrigin.status).toBe(403);
    expect(noOrigin.body.error.code).toBe("csrf_origin_mismatch");

    const joined = await accept({ token }, { cookie: guest.session, origin: ORIGIN });
    expect(joined.status).toBe(200);
    const cookie = joined.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^next-auth\.session-token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    const session = await readToken(cookie.split(";")[0].split("=")[1], "session");
    expect(session).toMatchObject({ sub: guest.userId, tid: owner.tenantId });
    // The browser gets the httpOnly cookie only, no bearer token that page scripts could read.
    expect(joined.body.access_token).toBeUndefined();
  });

  it("refuses expired and revoked links, and unknown ones, creating nothing", async () => {
    const owner = await registerVerifiedOwner();
    const expired = await inviteAs(owner.token, uniqueEmail("late"), "member");
    await prisma.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const revoked = await inviteAs(owner.token, uniqueEmail("gone"), "member");
    const revoke = await call(revokeInvitation, `${INVITATIONS}${revoked.id}/`, { method: "DELETE", token: owner.token, params: { invitationId: revoked.id } });
    expect(revoke.status).toBe(200);
    expect(revoke.body.invitation).toMatchObject({ id: revoked.id, status: "revoked" });
    const users = await prisma.user.count();

    for (const [token, code, status] of [
      [expired.token, "invitation_expired", 410],
      [revoked.token, "invitation_revoked", 410],
      ["not-a-real-token", "invitation_not_found", 404],
    ] as const) {
      const lookup = await call(lookupInvitation, `${INVITATIONS}lookup/`, { body: { token } });
      expect([lookup.status, lookup.body.error.code]).toEqual([status, code]);
      const result = await accept({ token, name: "Late Larry", password: "a fine long password" });
      expect([result.status, result.body.error.code]).toEqual([status, code]);
    }
    expect(await prisma.user.count()).toBe(users);
    expect(await prisma.membership.count({ where: { tenantId: owner.tenantId } })).toBe(1);
    const listed = await call(listInvitations, INVITATIONS, { token: owner.token });
    expect(listed.body.invitations).toEqual([]);
    expect(await auditActions(owner.tenantId)).toEqual(["auth.signed_up", "invitations.created", "invitations.created", "invitations.revoked"]);
  });

  it("revokes only pending invitations of the caller's tenant, owner only", async () => {
    const owner = await registerVerifiedOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const other = await registerVerifiedOwner();
    const invitation = await inviteAs(owner.token, uniqueEmail("r"), "member");
    const path = `${INVITATIONS}${invitation.id}/`;

    const byAdmin = await call(revokeInvitation, path, { method: "DELETE", token: admin.token, params: { invitationId: invitation.id } });
    expect(byAdmin.status).toBe(403);
    const byOtherTenant = await call(revokeInvitation, path, { method: "DELETE", token: other.token, params: { invitationId: invitation.id } });
    expect(byOtherTenant.status).toBe(404);
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).revokedAt).toBeNull();

    expect((await call(revokeInvitation, path, { method: "DELETE", token: owner.token, params: { invitationId: invitation.id } })).status).toBe(200);
    const twice = await call(revokeInvitation, path, { method: "DELETE", token: owner.token, params: { invitationId: invitation.id } });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: "invitation_not_pending", message: expect.stringContaining("revoked") });
  });

  it("lets only one of two simultaneous accepts of the same link through", async () => {
    const owner = await registerVerifiedOwner();
    const { token } = await inviteAs(owner.token, uniqueEmail("race"), "member");
    const results = await Promise.all([
      accept({ token, name: "First", password: "a fine long password" }),
      accept({ token, name: "Second", password: "a fine long password" }),
    ]);
    const [winner, loser] = results[0].status === 200 ? results : [results[1], results[0]];
    expect(winner.status).toBe(200);
    // The loser finds the link used; its half-made account rolls back with it.
    expect([loser.status, loser.body.error.code]).toEqual([410, "invitation_used"]);
    expect(await prisma.membership.count({ where: { tenantId: owner.tenantId } })).toBe(2);
    expect(await prisma.user.count({ where: { email: winner.body.user.email } })).toBe(1);
  });
});

describe("re-joining and stale owners", () => {
  it("lets someone removed from every tenant come back through a new invitation, proving who they are with the password", async () => {
    const owner = await registerVerifiedOwner();
    const leaver = await addMember(owner.tenantId, "admin");
    expect((await call(removeMember, member(leaver.userId), { method: "DELETE", token: owner.token, params: { userId: leaver.userId } })).status).toBe(200);

    // A correct password for an account with no tenant says so (and is not logged as a wrong password).
    const signIn = await call(login, "/api/v1/auth/login/", { body: { email: leaver.email, password: leaver.password } });
    expect(signIn.status).toBe(403);
    expect(signIn.body.error.code).toBe("no_tenant");
    const failure = await prisma.auditLog.findFirstOrThrow({ where: { actorUserId: leaver.userId, action: "auth.login_failed" }, orderBy: { createdAt: "desc" } });
    expect(failure.metadata).toMatchObject({ reason: "no_tenant" });

    const { token } = await inviteAs(owner.token, leaver.email, "member");
    expect((await call(lookupInvitation, `${INVITATIONS}lookup/`, { body: { token } })).body.invitation.account_exists).toBe(true);
    const joined = await accept({ token, password: leaver.password });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ user: { id: leaver.userId }, tenant: { id: owner.tenantId }, role: "member", token_type: "Bearer" });
    expect((await call(me, "/api/v1/auth/me/", { token: joined.body.access_token })).body.role).toBe("member");
    expect((await call(login, "/api/v1/auth/login/", { body: { email: leaver.email, password: leaver.password } })).status).toBe(200);
  });

  it("stops an owner who was removed after the route's role check from still changing the team", async () => {
    const owner = await registerVerifiedOwner();
    const second = await addMember(owner.tenantId, "owner");
    const plain = await addMember(owner.tenantId, "member");
    const stale = (await resolveCaller(new Headers({ authorization: `Bearer ${second.token}` }), new Map()))!;
    const meta = { ip: null, userAgent: null };
    await removeMemberService((await resolveCaller(new Headers({ authorization: `Bearer ${owner.token}` }), new Map()))!, second.userId, meta);
    const before = await teamState(owner.tenantId);

    await expect(changeMemberRole(stale, plain.userId, { role: "owner" }, meta)).rejects.toMatchObject({ status: 403, code: "forbidden" });
    await expect(removeMemberService(stale, plain.userId, meta)).rejects.toMatchObject({ status: 403 });
    await expect(createInvitation(stale, { email: uniqueEmail("sneaky"), role: "owner" }, meta)).rejects.toMatchObject({ status: 403 });
    expect(await teamState(owner.tenantId)).toEqual(before);
  });

  it("audits an invitation replaced by a new one as revoked", async () => {
    const owner = await registerVerifiedOwner();
    const email = uniqueEmail("again");
    const first = await inviteAs(owner.token, email, "member");
    await inviteAs(owner.token, email, "member");
    const revoked = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "invitations.revoked" } });
    expect(revoked).toMatchObject({ targetId: first.id, actorUserId: owner.userId });
  });
});

describe("tenant switching", () => {
  async function personInTwoTenants() {
    const home = await registerVerifiedOwner({ tenant_name: "Home Tenant" });
    const away = await registerVerifiedOwner({ tenant_name: "Away Tenant" });
    const { token } = await inviteAs(away.token, home.input.email, "member");
    expect((await accept({ token }, { token: home.token })).status).toBe(200);
    return { home, away };
  }

  it("lists the user's tenants and switches the token to another, with that tenant's role and data only", async () => {
    const { home, away } = await personInTwoTenants();
    const tenants = await call(listTenants, "/api/v1/auth/tenants/", { token: home.token });
    expect(tenants.status).toBe(200);
    expect(tenants.body.tenants.map((t: { id: string; role: string; active: boolean }) => [t.id, t.role, t.active])).toEqual([
      [home.tenantId, "owner", true],
      [away.tenantId, "member", false],
    ]);

    const switched = await call(switchTenant, "/api/v1/auth/tenants/switch/", { token: home.token, body: { tenant_id: away.tenantId } });
    expect(switched.status).toBe(200);
    expect(switched.body).toMatchObject({ tenant: { id: away.tenantId, name: "Away Tenant" }, role: "member", token_type: "Bearer" });
    expect(switched.headers.get("set-cookie")).toBeNull();
    const awayToken = switched.body.access_token as string;

    expect((await call(me, "/api/v1/auth/me/", { token: awayToken })).body).toMatchObject({ tenant: { id: away.tenantId }, role: "member" });
    // A member of the away tenant: no keys there, whatever they are at home.
    expect((await call(listKeys, "/api/v1/auth/tenants/api-keys/", { token: awayToken })).status).toBe(403);
    const regenerate = await call(regenerateKeys, "/api/v1/auth/tenants/api-keys/regenerate/", { token: awayToken, body: { key_type: "test", confirm: true } });
    expect(regenerate.status).toBe(403);
    const members = await call(listMembers, MEMBERS, { token: awayToken });
    expect(members.body.members.map((m: { id: string }) => m.id)).toEqual([home.userId]);

    // The home token still acts for home, and sees only home's keys.
    const homeKeys = await call(listKeys, "/api/v1/auth/tenants/api-keys/", { token: home.token });
    expect(homeKeys.status).toBe(200);
    const homeKeyIds = new Set((await prisma.apiKey.findMany({ where: { tenantId: home.tenantId } })).map((key) => key.id));
    expect(homeKeyIds.size).toBe(4);
    expect(new Set(homeKeys.body.data.map((key: { id: string }) => key.id))).toEqual(homeKeyIds);
    expect(await prisma.auditLog.count({ where: { tenantId: away.tenantId, action: "auth.tenant_switched", actorUserId: home.userId } })).toBe(1);
  });

  it("signs in to the tenant opened last, and each tenant sees only its own last sign-in", async () => {
    const { home, away } = await personInTwoTenants();
    const signInTenant = async () => {
      const result = await call(login, "/api/v1/auth/login/", { body: { email: home.input.email, password: home.input.password } });
      expect(result.status).toBe(200);
      return (await call(me, "/api/v1/auth/me/", { token: result.body.access_token })).body.tenant.id as string;
    };
    // Accepting the invitation opened the away tenant.
    expect(await signInTenant()).toBe(away.tenantId);
    await call(switchTenant, "/api/v1/auth/tenants/switch/", { token: home.token, body: { tenant_id: home.tenantId } });
    const homeSeen = await prisma.membership.findFirstOrThrow({ where: { userId: home.userId, tenantId: home.tenantId } });
    expect(await signInTenant()).toBe(home.tenantId);

    // The away tenant's team does not learn about sign-ins to the home tenant.
    const awayMembership = await prisma.membership.findFirstOrThrow({ where: { userId: home.userId, tenantId: away.tenantId } });
    const awayView = (await call(listMembers, MEMBERS, { token: away.token })).body.members.find((m: { id: string }) => m.id === home.userId);
    expect(awayView.last_login_at).toBe(awayMembership.lastSignInAt!.toISOString());
    const homeView = (await call(listMembers, MEMBERS, { token: home.token })).body.members.find((m: { id: string }) => m.id === home.userId);
    expect(new Date(homeView.last_login_at).getTime()).toBeGreaterThanOrEqual(homeSeen.lastSignInAt!.getTime());
    expect(homeView.last_login_at).not.toBe(awayView.last_login_at);
  });

  it("answers 404 for a tenant the user does not belong to, and for one that does not exist", async () => {
    const { home } = await personInTwoTenants();
    const stranger = await registerVerifiedOwner();
    for (const tenantId of [stranger.tenantId, "no-such-tenant"]) {
      const result = await call(switchTenant, "/api/v1/auth/tenants/switch/", { token: home.token, body: { tenant_id: tenantId } });
      expect(result.status).toBe(404);
      expect(result.body.error.code).toBe("not_found");
    }
    const invalid = await call(switchTenant, "/api/v1/auth/tenants/switch/", { token: home.token, body: {} });
    expect(invalid.status).toBe(400);
    expect(await prisma.auditLog.count({ where: { tenantId: stranger.tenantId, actorUserId: home.userId } })).toBe(0);
  });

  it("moves the browser session cookie when switched from the portal", async () => {
    const { home, away } = await personInTwoTenants();
    const switched = await call(switchTenant, "/api/v1/auth/tenants/switch/", { cookie: home.session, origin: ORIGIN, body: { tenant_id: away.tenantId } });
    expect(switched.status).toBe(200);
    const cookie = switched.headers.get("set-cookie") ?? "";
    const session = await readToken(cookie.split(";")[0].split("=")[1], "session");
    expect(session).toMatchObject({ sub: home.userId, tid: away.tenantId });
    expect(switched.body.access_token).toBeUndefined();
    const awayCookie = cookie.split(";")[0].split("=")[1];
    expect((await call(me, "/api/v1/auth/me/", { cookie: awayCookie })).body.tenant.id).toBe(away.tenantId);

    // A page still open for the home tenant names it; the API refuses rather than act on the away tenant.
    const staleTab = await call(listMembers, MEMBERS, { cookie: awayCookie, headers: { "x-portal-tenant": home.tenantId } });
    expect(staleTab.status).toBe(409);
    expect(staleTab.body.error.code).toBe("tenant_changed");
    const staleWrite = await call(changeRole, member(home.userId), {
      method: "PATCH", cookie: awayCookie, origin: ORIGIN, headers: { "x-portal-tenant": home.tenantId }, body: { role: "admin" }, params: { userId: home.userId },
    });
    expect(staleWrite.status).toBe(409);
    expect((await prisma.membership.findFirstOrThrow({ where: { userId: home.userId, tenantId: away.tenantId } })).role).toBe("member");
    const currentTab = await call(listMembers, MEMBERS, { cookie: awayCookie, headers: { "x-portal-tenant": away.tenantId } });
    expect(currentTab.status).toBe(200);
  });

  it("drops access to a tenant the user was removed from, leaving the others", async () => {
    const { home, away } = await personInTwoTenants();
    const awayToken = (await call(switchTenant, "/api/v1/auth/tenants/switch/", { token: home.token, body: { tenant_id: away.tenantId } })).body.access_token;
    expect((await call(removeMember, member(home.userId), { method: "DELETE", token: away.token, params: { userId: home.userId } })).status).toBe(200);
    expect((await call(me, "/api/v1/auth/me/", { token: awayToken })).status).toBe(401);
    expect((await call(me, "/api/v1/auth/me/", { token: home.token })).status).toBe(200);
    const tenants = await call(listTenants, "/api/v1/auth/tenants/", { token: home.token });
    expect(tenants.body.tenants.map((t: { id: string }) => t.id)).toEqual([home.tenantId]);
  });
});
