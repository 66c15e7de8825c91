import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { GET as account } from "@/app/api/v1/account/route";
import { POST as register } from "@/app/api/v1/auth/register/route";
import { GET as listKeys } from "@/app/api/v1/auth/tenants/api-keys/route";
import { POST as regenerate } from "@/app/api/v1/auth/tenants/api-keys/regenerate/route";
import { POST as revoke } from "@/app/api/v1/auth/tenants/api-keys/revoke/route";
import { findKeyByHash } from "@/lib/api-keys/key-lookup";
import { flushApiTraffic } from "@/lib/api-traffic/recorder";
import { call, nextTestIp } from "./helpers/api";

// Pass-through, so a test can prove a malformed key never reaches the database.
vi.mock("@/lib/api-keys/key-lookup", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/api-keys/key-lookup")>();
  return { ...actual, findKeyByHash: vi.fn(actual.findKeyByHash) };
});
import { addMember } from "./helpers/fixtures";

const LIST = "/api/v1/auth/tenants/api-keys/";
const REGENERATE = "/api/v1/auth/tenants/api-keys/regenerate/";
const REVOKE = "/api/v1/auth/tenants/api-keys/revoke/";
const ACCOUNT = "/api/v1/account/";

type KeyView = { id: string; mode: string; type: string; key: string; status: string; last4: string; expires_at: string | null };

/** A fresh tenant through the API, with the secrets it was shown once at sign-up. */
async function ownerWithSecrets() {
  const email = `keys-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`;
  const result = await call(register, "/api/v1/auth/register/", {
    body: { email, password: "long enough password", name: "Key Owner", tenant_name: "Keys Inc" },
    ip: nextTestIp(),
  });
  expect(result.status).toBe(201);
  const keys = result.body.api_keys as KeyView[];
  const find = (mode: string, type: string) => keys.find((key) => key.mode === mode && key.type === type)!.key;
  return {
    token: result.body.access_token as string,
    tenantId: result.body.tenant.id as string,
    userId: result.body.user.id as string,
    keys,
    liveSecret: find("live", "secret"),
    testSecret: find("test", "secret"),
    livePublishable: find("live", "publishable"),
  };
}

// Each call from an address of its own: these tests present many refused keys on purpose, more than one address may fail in a minute (tests/rate-limits.test.ts covers that limit).
async function accountWith(key: string) {
  return call(account, ACCOUNT, { headers: { authorization: `Bearer ${key}` }, ip: nextTestIp() });
}

async function keySnapshot(tenantId: string) {
  return prisma.apiKey.findMany({ where: { tenantId }, orderBy: { id: "asc" } });
}

describe("keys issued at sign-up", () => {
  it("returns live and test publishable and secret keys once, and stores only hashes of the secrets", async () => {
    const owner = await ownerWithSecrets();
    expect(owner.keys.map((key) => `${key.mode}/${key.type}`).sort()).toEqual(["live/publishable", "live/secret", "test/publishable", "test/secret"]);
    expect(owner.liveSecret).toMatch(/^sk_live_[0-9A-Za-z]{38}$/);
    expect(owner.testSecret).toMatch(/^sk_test_[0-9A-Za-z]{38}$/);
    const rows = await keySnapshot(owner.tenantId);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(owner.liveSecret);
    expect(stored).not.toContain(owner.testSecret);
    expect(stored).not.toContain(owner.liveSecret.slice(8, 40));
    for (const row of rows.filter((key) => key.kind === "secret")) expect(row.publishableKey).toBeNull();
    expect(rows.find((key) => key.kind === "publishable" && key.mode === "live")!.publishableKey).toBe(owner.livePublishable);

    const audit = JSON.stringify(await prisma.auditLog.findMany({ where: { tenantId: owner.tenantId } }));
    expect(audit).not.toContain(owner.liveSecret);
    expect(audit).not.toContain(owner.testSecret);
  });
});

describe("GET /api/v1/auth/tenants/api-keys/", () => {
  it("lists every key with secrets masked and publishable keys in full, for admins and owners", async () => {
    const owner = await ownerWithSecrets();
    const admin = await addMember(owner.tenantId, "admin");
    const result = await call(listKeys, LIST, { token: admin.token });
    expect(result.status).toBe(200);
    const text = JSON.stringify(result.body);
    expect(text).not.toContain(owner.liveSecret);
    expect(text).not.toContain(owner.testSecret);
    const liveSecret = result.body.data.find((key: KeyView) => key.mode === "live" && key.type === "secret");
    expect(liveSecret).toEqual({
      id: expect.any(String),
      mode: "live",
      type: "secret",
      key: `sk_live_****...${owner.liveSecret.slice(-4)}`,
      last4: owner.liveSecret.slice(-4),
      status: "active",
      created_at: expect.any(String),
      created_by: { id: owner.userId, name: "Key Owner", email: expect.stringContaining("@example.test") },
      expires_at: null,
      last_used_at: null,
      revoked_at: null,
      revoked_reason: null,
    });
    const livePublishable = result.body.data.find((key: KeyView) => key.mode === "live" && key.type === "publishable");
    expect(livePublishable.key).toBe(owner.livePublishable);
  });

  it("refuses members and shows each tenant only its own keys", async () => {
    const a = await ownerWithSecrets();
    const b = await ownerWithSecrets();
    const member = await addMember(a.tenantId, "member");
    const refused = await call(listKeys, LIST, { token: member.token });
    expect(refused.status).toBe(403);
    const seenByB = await call(listKeys, LIST, { token: b.token });
    const ids = new Set(seenByB.body.data.map((key: KeyView) => key.id));
    expect(a.keys.some((key) => ids.has(key.id))).toBe(false);
    expect(ids.size).toBe(4);
  });
});

describe("GET /api/v1/account/ (platform API)", () => {
  it("answers the tenant, the key's mode and the Stripe status for a secret key", async () => {
    const owner = await ownerWithSecrets();
    const live = await accountWith(owner.liveSecret);
    expect(live.status).toBe(200);
    expect(live.body).toEqual({
      tenant: { id: owner.tenantId, name: "Keys Inc", slug: expect.any(String), status: "pending" },
      mode: "live",
      api_key: { id: expect.any(String) },
      stripe: { connected: false, status: "not_connected", charges_enabled: false, payouts_enabled: false },
    });
    expect((await accountWith(owner.testSecret)).body.mode).toBe("test");
  });

  it("reports the tenant's Stripe connection as last read from Stripe", async () => {
    const owner = await ownerWithSecrets();
    await prisma.stripeConnection.create({
      data: { tenantId: owner.tenantId, accountId: "acct_test123", mode: "account_links", status: "onboarding", chargesEnabled: true, payoutsEnabled: true },
    });
    expect((await accountWith(owner.liveSecret)).body.stripe).toEqual({ connected: false, status: "onboarding", charges_enabled: false, payouts_enabled: false });
    await prisma.stripeConnection.update({ where: { tenantId: owner.tenantId }, data: { status: "connected", payoutsEnabled: false } });
    expect((await accountWith(owner.liveSecret)).body.stripe).toEqual({ connected: true, status: "connected", charges_enabled: true, payouts_enabled: false });
  });

  it("refuses a publishable key with 403 and malformed, unknown or bad-checksum keys with 401 invalid_api_key", async () => {
    const owner = await ownerWithSecrets();
    const publishable = await accountWith(owner.livePublishable);
    expect(publishable.status).toBe(403);
    expect(publishable.body.error.code).toBe("publishable_key_not_allowed");

    const lookups = vi.mocked(findKeyByHash);
    lookups.mockClear();
    const tampered = owner.liveSecret.slice(0, 12) + (owner.liveSecret[12] === "A" ? "B" : "A") + owner.liveSecret.slice(13);
    for (const bad of [tampered, "sk_live_short", "nonsense", owner.liveSecret + "x"]) {
      const result = await accountWith(bad);
      expect(result.status, bad).toBe(401);
      expect(result.body.error.code).toBe("invalid_api_key");
    }
    expect(lookups).not.toHaveBeenCalled(); // rejected before any database lookup

    const { generateKey } = await import("@/lib/api-keys/key-format");
    const unknown = await accountWith(generateKey("secret", "live").key);
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe("invalid_api_key");
    expect((await call(account, ACCOUNT)).status).toBe(401);
    // A portal access token is not an API key.
    expect((await call(account, ACCOUNT, { token: owner.token })).body.error.code).toBe("invalid_api_key");
  });

  it("refuses every key of a suspended tenant with 403 tenant_suspended, at once", async () => {
    const owner = await ownerWithSecrets();
    await prisma.tenant.update({ where: { id: owner.tenantId }, data: { status: "suspended" } });
    const result = await accountWith(owner.liveSecret);
    expect(result.status).toBe(403);
    expect(result.body.error.code).toBe("tenant_suspended");
    await prisma.tenant.update({ where: { id: owner.tenantId }, data: { status: "pending" } });
    expect((await accountWith(owner.liveSecret)).status).toBe(200);
  });

  it("answers what is committed even for a key just read: a rename shows, a revocation applies, on the next request", async () => {
    const owner = await ownerWithSecrets();
    expect((await accountWith(owner.liveSecret)).body.tenant.name).toBe("Keys Inc");
    expect((await accountWith(owner.liveSecret)).body.tenant.name).toBe("Keys Inc");
    await prisma.tenant.update({ where: { id: owner.tenantId }, data: { name: "Keys Renamed" } });
    expect((await accountWith(owner.liveSecret)).body.tenant.name).toBe("Keys Renamed");
    await prisma.apiKey.updateMany({ where: { tenantId: owner.tenantId, mode: "live", kind: "secret" }, data: { revokedAt: new Date() } });
    const refused = await accountWith(owner.liveSecret);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("invalid_api_key");
    expect((await accountWith(owner.testSecret)).status).toBe(200);
  });

  it("keeps last_used_at current through the traffic recorder's batches, only ever forward", async () => {
    const owner = await ownerWithSecrets();
    const keyRow = async () => prisma.apiKey.findFirstOrThrow({ where: { tenantId: owner.tenantId, kind: "secret", mode: "test" } });
    expect((await keyRow()).lastUsedAt).toBeNull();
    await accountWith(owner.testSecret);
    await flushApiTraffic();
    const first = (await keyRow()).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    expect(first!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // A batch older than what another instance already wrote leaves it alone.
    const later = new Date(Date.now() + 3_600_000);
    await prisma.apiKey.updateMany({ where: { tenantId: owner.tenantId, kind: "secret", mode: "test" }, data: { lastUsedAt: later } });
    await accountWith(owner.testSecret);
    await flushApiTraffic();
    expect((await keyRow()).lastUsedAt).toEqual(later);
    await prisma.apiKey.updateMany({ where: { tenantId: owner.tenantId, kind: "secret", mode: "test" }, data: { lastUsedAt: new Date(Date.now() - 120_000) } });
    await accountWith(owner.testSecret);
    await flushApiTraffic();
    expect((await keyRow()).lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe("POST /api/v1/auth/tenants/api-keys/regenerate/", () => {
  it("issues new keys for the mode, shows the secret once, and the old secret fails on the very next request", async () => {
    const owner = await ownerWithSecrets();
    expect((await accountWith(owner.testSecret)).status).toBe(200);
    const result = await call(regenerate, REGENERATE, { token: owner.token, body: { key_type: "test", confirm: true } });
    expect(result.status).toBe(201);
    expect(result.body.key_type).toBe("test");
    expect(result.body.replaced).toEqual({ count: 2, expires_at: expect.any(String) });
    const newSecret = result.body.api_keys.find((key: KeyView) => key.type === "secret").key as string;
    expect(newSecret).toMatch(/^sk_test_/);
    expect(result.body.api_keys.map((key: KeyView) => key.mode)).toEqual(["test", "test"]);

    expect((await accountWith(owner.testSecret)).status).toBe(401);
    expect((await accountWith(newSecret)).status).toBe(200);
    expect((await accountWith(owner.liveSecret)).status).toBe(200); // live untouched

    const listed = await call(listKeys, LIST, { token: owner.token });
    expect(JSON.stringify(listed.body)).not.toContain(newSecret);
    const statuses = listed.body.data.map((key: KeyView) => `${key.mode}/${key.type}/${key.status}`).sort();
    expect(statuses).toEqual([
      "live/publishable/active", "live/secret/active",
      "test/publishable/active", "test/publishable/revoked", "test/secret/active", "test/secret/revoked",
    ]);

    const entry = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "api_keys.regenerated" } });
    expect(entry).toMatchObject({ actorUserId: owner.userId, severity: "warning", targetId: "test" });
    expect(entry.metadata).toMatchObject({ modes: ["test"], grace_hours: 0 });
    expect(JSON.stringify(entry)).not.toContain(newSecret);
  });

  it("with a grace period keeps the old keys working until expires_at, shown as expiring, then refuses them", async () => {
    const owner = await ownerWithSecrets();
    const before = Date.now();
    const result = await call(regenerate, REGENERATE, { token: owner.token, body: { key_type: "all", confirm: true, expire_old_in_hours: 24 } });
    expect(result.status).toBe(201);
    expect(result.body.api_keys).toHaveLength(4);
    const expiresAt = Date.parse(result.body.replaced.expires_at);
    expect(expiresAt - before).toBeGreaterThanOrEqual(24 * 3_600_000 - 1000);
    expect(expiresAt - before).toBeLessThanOrEqual(24 * 3_600_000 + 5000);

    expect((await accountWith(owner.liveSecret)).status).toBe(200);
    const listed = await call(listKeys, LIST, { token: owner.token });
    const old = listed.body.data.find((key: KeyView) => key.key.endsWith(owner.liveSecret.slice(-4)) && key.type === "secret" && key.mode === "live");
    expect(old.status).toBe("expiring");
    expect(Date.parse(old.expires_at)).toBe(expiresAt);

    // The grace period ends.
    await prisma.apiKey.updateMany({ where: { tenantId: owner.tenantId, expiresAt: { not: null } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const refused = await accountWith(owner.liveSecret);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("invalid_api_key");
    const after = await call(listKeys, LIST, { token: owner.token });
    expect(after.body.data.find((key: KeyView) => key.id === old.id).status).toBe("expired");
  });

  it("without a grace period also ends keys still in an earlier grace period", async () => {
    const owner = await ownerWithSecrets();
    await call(regenerate, REGENERATE, { token: owner.token, body: { key_type: "test", confirm: true, expire_old_in_hours: 48 } });
    expect((await accountWith(owner.testSecret)).status).toBe(200);
    await call(regenerate, REGENERATE, { token: owner.token, body: { key_type: "test", confirm: true } });
    expect((await accountWith(owner.testSecret)).status).toBe(401);
  });

  const bad: [string, unknown, number, string][] = [
    ["no confirm", { key_type: "test" }, 400, "confirmation_required"],
    ["confirm false", { key_type: "test", confirm: false }, 400, "confirmation_required"],
    ["a bad key_type", { key_type: "prod", confirm: true }, 400, "validation_error"],
    ["a missing key_type", { confirm: true }, 400, "validation_error"],
    ["a grace over 168 hours", { key_type: "test", confirm: true, expire_old_in_hours: 169 }, 400, "validation_error"],
    ["a negative grace", { key_type: "test", confirm: true, expire_old_in_hours: -1 }, 400, "validation_error"],
    ["unknown fields", { key_type: "test", confirm: true, force: true }, 400, "validation_error"],
    ["a string confirm", { key_type: "test", confirm: "yes" }, 400, "validation_error"],
  ];
  for (const [label, body, status, code] of bad) {
    it(`answers ${status} ${code} for ${label} and changes nothing`, async () => {
      const owner = await ownerWithSecrets();
      const before = await keySnapshot(owner.tenantId);
      const result = await call(regenerate, REGENERATE, { token: owner.token, body });
      expect(result.status).toBe(status);
      expect(result.body.error.code).toBe(code);
      expect(await keySnapshot(owner.tenantId)).toEqual(before);
      expect((await accountWith(owner.testSecret)).status).toBe(200);
    });
  }

  it("refuses admins and members with 403 and changes nothing", async () => {
    const owner = await ownerWithSecrets();
    const before = await keySnapshot(owner.tenantId);
    for (const role of ["admin", "member"] as const) {
      const person = await addMember(owner.tenantId, role);
      const result = await call(regenerate, REGENERATE, { token: person.token, body: { key_type: "all", confirm: true } });
      expect(result.status).toBe(403);
      expect(result.body.error.code).toBe("forbidden");
    }
    expect(await keySnapshot(owner.tenantId)).toEqual(before);
  });

  it("touches only the caller's tenant", async () => {
    const a = await ownerWithSecrets();
    const b = await ownerWithSecrets();
    const before = await keySnapshot(a.tenantId);
    expect((await call(regenerate, REGENERATE, { token: b.token, body: { key_type: "all", confirm: true } })).status).toBe(201);
    expect((await call(revoke, REVOKE, { token: b.token, body: { key_type: "all", confirm: true, reason: "tenant B incident" } })).body.revoked_count).toBe(4);
    expect(await keySnapshot(a.tenantId)).toEqual(before);
    expect((await accountWith(a.liveSecret)).status).toBe(200);
  });

  it("twenty concurrent regenerations end with exactly one active secret key for the mode, and every replaced key fails", async () => {
    const owner = await ownerWithSecrets();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => call(regenerate, REGENERATE, { token: owner.token, body: { key_type: "test", confirm: true } })),
    );
    expect(results.map((result) => result.status)).toEqual(Array(20).fill(201));
    const active = await prisma.apiKey.findMany({ where: { tenantId: owner.tenantId, mode: "test", kind: "secret", revokedAt: null, expiresAt: null } });
    expect(active).toHaveLength(1);
    const issued = results.map((result) => result.body.api_keys.find((key: KeyView) => key.type === "secret").key as string);
    const survivors: string[] = [];
    for (const key of [owner.testSecret, ...issued]) {
      if ((await accountWith(key)).status === 200) survivors.push(key);
    }
    expect(survivors).toHaveLength(1);
    expect(survivors[0].slice(-4)).toBe(active[0].last4);
    expect((await accountWith(owner.liveSecret)).status).toBe(200);
  });
});

describe("POST /api/v1/auth/tenants/api-keys/revoke/", () => {
  it("revokes at once, issues no replacement, and writes a critical audit entry with the reason", async () => {
    const owner = await ownerWithSecrets();
    const countBefore = await prisma.apiKey.count({ where: { tenantId: owner.tenantId } });
    const result = await call(revoke, REVOKE, { token: owner.token, body: { key_type: "live", reason: "Key pasted in a public repo", confirm: true } });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ key_type: "live", revoked_count: 2, revoked_at: expect.any(String), reason: "Key pasted in a public repo" });
    expect((await accountWith(owner.liveSecret)).status).toBe(401);
    expect((await accountWith(owner.testSecret)).status).toBe(200);
    expect(await prisma.apiKey.count({ where: { tenantId: owner.tenantId } })).toBe(countBefore);

    const listed = await call(listKeys, LIST, { token: owner.token });
    const live = listed.body.data.filter((key: KeyView & { revoked_reason: string }) => key.mode === "live");
    expect(live.every((key: KeyView & { revoked_reason: string }) => key.status === "revoked" && key.revoked_reason === "Key pasted in a public repo")).toBe(true);

    const entry = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "api_keys.revoked" } });
    expect(entry).toMatchObject({ severity: "critical", reason: "Key pasted in a public repo", actorUserId: owner.userId, targetId: "live" });
    expect(entry.metadata).toMatchObject({ modes: ["live"], count: 2 });
  });

  it("never stores a leaked secret pasted into the reason", async () => {
    const owner = await ownerWithSecrets();
    const reason = `Leaked: ${owner.liveSecret} was in a gist`;
    const result = await call(revoke, REVOKE, { token: owner.token, body: { key_type: "live", reason, confirm: true } });
    expect(result.status).toBe(200);
    expect(result.body.reason).toBe("Leaked: sk_live_[redacted] was in a gist");
    const everything = JSON.stringify([
      await prisma.auditLog.findMany({ where: { tenantId: owner.tenantId } }),
      await prisma.apiKey.findMany({ where: { tenantId: owner.tenantId } }),
      (await call(listKeys, LIST, { token: owner.token })).body,
    ]);
    expect(everything).not.toContain(owner.liveSecret);
    expect(everything).toContain("sk_live_[redacted]");
  });

  it("also ends keys in a grace period", async () => {
    const owner = await ownerWithSecrets();
    await call(regenerate, REGENERATE, { token: owner.token, body: { key_type: "test", confirm: true, expire_old_in_hours: 5 } });
    const result = await call(revoke, REVOKE, { token: owner.token, body: { key_type: "test", reason: "incident 42", confirm: true } });
    expect(result.body.revoked_count).toBe(4);
    expect((await accountWith(owner.testSecret)).status).toBe(401);
  });

  const bad: [string, unknown, string][] = [
    ["no confirm", { key_type: "live", reason: "leaked key" }, "confirmation_required"],
    ["a missing reason", { key_type: "live", confirm: true }, "validation_error"],
    ["a short reason", { key_type: "live", reason: "oops", confirm: true }, "validation_error"],
    ["a blank reason", { key_type: "live", reason: "        ", confirm: true }, "validation_error"],
    ["a reason over 500 characters", { key_type: "live", reason: "x".repeat(501), confirm: true }, "validation_error"],
    ["a bad key_type", { key_type: "everything", reason: "leaked key", confirm: true }, "validation_error"],
    ["unknown fields", { key_type: "live", reason: "leaked key", confirm: true, notify: false }, "validation_error"],
  ];
  for (const [label, body, code] of bad) {
    it(`answers 400 ${code} for ${label} and changes nothing`, async () => {
      const owner = await ownerWithSecrets();
      const before = await keySnapshot(owner.tenantId);
      const result = await call(revoke, REVOKE, { token: owner.token, body });
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe(code);
      expect(await keySnapshot(owner.tenantId)).toEqual(before);
      expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: "api_keys.revoked" } })).toBe(0);
    });
  }

  it("refuses admins and members with 403", async () => {
    const owner = await ownerWithSecrets();
    for (const role of ["admin", "member"] as const) {
      const person = await addMember(owner.tenantId, role);
      const result = await call(revoke, REVOKE, { token: person.token, body: { key_type: "all", reason: "not mine to do", confirm: true } });
      expect(result.status).toBe(403);
    }
    expect((await accountWith(owner.liveSecret)).status).toBe(200);
  });
});

