// Human-entered names go through one schema (lib/schemas/text.ts). Run on
// PostgreSQL too: it is where a NUL used to fail the insert with a 500.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as register } from "@/app/api/v1/auth/register/route";
import { POST as invite } from "@/app/api/v1/auth/tenants/invitations/route";
import { POST as acceptInvitation } from "@/app/api/v1/auth/tenants/invitations/accept/route";
import { POST as revoke } from "@/app/api/v1/auth/tenants/api-keys/revoke/route";
import { call, nextTestIp, registerOwner } from "./helpers/api";

const REGISTER = "/api/v1/auth/register/";

async function counts() {
  return { users: await prisma.user.count(), tenants: await prisma.tenant.count(), auditLogs: await prisma.auditLog.count() };
}

const signup = (overrides: Record<string, string>) => ({
  email: `names-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`,
  password: "a long enough password",
  name: "Nia Name",
  tenant_name: "Name Shop",
  ...overrides,
});

describe("names people type", () => {
  it.each([
    ["a NUL in the name", { name: "Nia\u0000Name" }, "name"],
    ["a line break in the name", { name: "Nia\r\nName" }, "name"],
    ["a right-to-left override in the organisation", { tenant_name: "Shop \u202eexe.gnp" }, "tenant_name"],
    ["a lone surrogate in the organisation", { tenant_name: "Shop \ud800" }, "tenant_name"],
  ])("refuses sign-up with %s: 400 and nothing created", async (_label, overrides, field) => {
    const before = await counts();
    const result = await call(register, REGISTER, { body: signup(overrides), ip: nextTestIp() });
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({
      code: "validation_error",
      details: [expect.objectContaining({ path: [field], message: expect.stringMatching(/control characters/) })],
    });
    expect(await counts()).toEqual(before);
  });

  it("stores names typed in decomposed form (NFD) composed (NFC)", async () => {
    const body = signup({ name: "Jose\u0301 Mu\u0308ller", tenant_name: "Cafe\u0301 Zu\u0308rich" });
    const result = await call(register, REGISTER, { body, ip: nextTestIp() });
    expect(result.status).toBe(201);
    expect(result.body.user.name).toBe("Jos\u00e9 M\u00fcller");
    const user = await prisma.user.findUniqueOrThrow({ where: { id: result.body.user.id } });
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { id: result.body.tenant.id } });
    expect(user.name).toBe("Jos\u00e9 M\u00fcller");
    expect(tenant.name).toBe("Caf\u00e9 Z\u00fcrich");
  });

  it("refuses an invited person's name with control characters, leaving the invitation usable", async () => {
    const owner = await registerOwner();
    const email = `invitee-${Date.now()}@example.test`;
    const created = await call(invite, "/api/v1/auth/tenants/invitations/", { token: owner.token, body: { email, role: "member" } });
    const token = new URL(created.body.invite_url as string).pathname.split("/").pop()!;
    const refused = await call(acceptInvitation, "/api/v1/auth/tenants/invitations/accept/", {
      body: { token, name: "Ivy\u0000", password: "a long enough password" },
      ip: nextTestIp(),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("validation_error");
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    const accepted = await call(acceptInvitation, "/api/v1/auth/tenants/invitations/accept/", {
      body: { token, name: "I\u0301vy", password: "a long enough password" },
      ip: nextTestIp(),
    });
    expect(accepted.status).toBe(200);
    expect((await prisma.user.findUniqueOrThrow({ where: { email } })).name).toBe("\u00cdvy");
  });

  it("refuses a revocation reason with a NUL, and keeps its line breaks otherwise", async () => {
    const owner = await registerOwner();
    const refused = await call(revoke, "/x", { token: owner.token, body: { key_type: "test", reason: "leaked\u0000", confirm: true } });
    expect(refused.status).toBe(400);
    expect(await prisma.apiKey.count({ where: { tenantId: owner.tenantId, revokedAt: { not: null } } })).toBe(0);
    const revoked = await call(revoke, "/x", { token: owner.token, body: { key_type: "test", reason: "Leaked in\r\na CI log", confirm: true } });
    expect(revoked.status).toBe(200);
    const key = await prisma.apiKey.findFirstOrThrow({ where: { tenantId: owner.tenantId, revokedAt: { not: null } } });
    expect(key.revokedReason).toBe("Leaked in\na CI log");
  });
});
