import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { GET as getSettings, PUT as putSettings } from "@/app/api/v1/auth/tenants/settings/route";
import { GET as getFees } from "@/app/api/v1/auth/tenants/fees/route";
import { PLATFORM_DEFAULT_FEE_SCHEDULE } from "@/lib/money/fees";
import { call, registerOwner } from "./helpers/api";
import { addMember } from "./helpers/fixtures";

const SETTINGS = "/api/v1/auth/tenants/settings/";
const FEES = "/api/v1/auth/tenants/fees/";
const ORIGIN = "http://localhost:3000";

const save = (token: string, body: unknown) => call(putSettings, SETTINGS, { method: "PUT", token, body });

/** Everything a save could touch: the settings row and the tenant's audit entries for it. */
async function settingsState(tenantId: string) {
  return {
    row: await prisma.tenantSettings.findUnique({ where: { tenantId } }),
    audits: await prisma.auditLog.count({ where: { tenantId, action: "settings.currencies_changed" } }),
  };
}

describe("GET /api/v1/auth/tenants/settings/", () => {
  it("gives a new tenant usd alone, as its default, to every member", async () => {
    const owner = await registerOwner();
    const plain = await addMember(owner.tenantId, "member");
    for (const token of [owner.token, plain.token]) {
      const result = await call(getSettings, SETTINGS, { token });
      expect(result.status).toBe(200);
      expect(result.body).toEqual({ currencies: ["usd"], default_currency: "usd" });
    }
  });

  it("refuses without a credential", async () => {
    const result = await call(getSettings, SETTINGS);
    expect(result.status).toBe(401);
    expect(result.body.error.code).toBe("unauthorized");
  });
});

describe("PUT /api/v1/auth/tenants/settings/", () => {
  it("lets an admin enable EUR and JPY with EUR as the default, audited with before and after", async () => {
    const owner = await registerOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const saved = await save(admin.token, { currencies: ["jpy", "eur"], default_currency: "eur" });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ currencies: ["eur", "jpy"], default_currency: "eur" });

    const read = await call(getSettings, SETTINGS, { token: owner.token });
    expect(read.body).toEqual({ currencies: ["eur", "jpy"], default_currency: "eur" });

    const entries = await prisma.auditLog.findMany({ where: { tenantId: owner.tenantId, action: "settings.currencies_changed" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorUserId: admin.userId, severity: "info", targetType: "tenant", targetId: owner.tenantId });
    expect(entries[0].metadata).toEqual({
      before: { currencies: ["usd"], default_currency: "usd" },
      after: { currencies: ["eur", "jpy"], default_currency: "eur" },
    });
    const row = await prisma.tenantSettings.findUnique({ where: { tenantId: owner.tenantId } });
    expect(row).toMatchObject({ currencies: ["eur", "jpy"], defaultCurrency: "eur", updatedById: admin.userId });
  });

  it("writes no audit entry for a save that changes nothing (the same set in another order)", async () => {
    const owner = await registerOwner();
    expect((await save(owner.token, { currencies: ["usd"], default_currency: "usd" })).status).toBe(200);
    expect(await settingsState(owner.tenantId)).toEqual({ row: null, audits: 0 });

    expect((await save(owner.token, { currencies: ["usd", "eur"], default_currency: "usd" })).status).toBe(200);
    const again = await save(owner.token, { currencies: ["eur", "usd"], default_currency: "usd" });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ currencies: ["usd", "eur"], default_currency: "usd" });
    expect((await settingsState(owner.tenantId)).audits).toBe(1);
  });

  it("accepts a cookie session from the portal's own origin", async () => {
    const owner = await registerOwner();
    const result = await call(putSettings, SETTINGS, { method: "PUT", cookie: owner.session, origin: ORIGIN, body: { currencies: ["gbp"], default_currency: "gbp" } });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ currencies: ["gbp"], default_currency: "gbp" });
  });

  it("refuses a member with 403 and changes nothing", async () => {
    const owner = await registerOwner();
    const plain = await addMember(owner.tenantId, "member");
    const result = await save(plain.token, { currencies: ["eur"], default_currency: "eur" });
    expect(result.status).toBe(403);
    expect(result.body.error.code).toBe("forbidden");
    expect(await settingsState(owner.tenantId)).toEqual({ row: null, audits: 0 });
    expect((await call(getSettings, SETTINGS, { token: owner.token })).body).toEqual({ currencies: ["usd"], default_currency: "usd" });
  });

  it.each<[string, unknown, string]>([
    ["an unsupported code", { currencies: ["usd", "xyz"], default_currency: "usd" }, "currencies"],
    ["an uppercase code", { currencies: ["usd", "EUR"], default_currency: "usd" }, "currencies"],
    ["a duplicate", { currencies: ["usd", "eur", "eur"], default_currency: "usd" }, "currencies"],
    ["an empty list", { currencies: [], default_currency: "usd" }, "currencies"],
    ["a default that is not enabled", { currencies: ["eur", "jpy"], default_currency: "usd" }, "default_currency"],
  ])("refuses %s with 400 validation_error naming the field, and changes nothing", async (_case, body, field) => {
    const owner = await registerOwner();
    expect((await save(owner.token, { currencies: ["usd", "gbp"], default_currency: "gbp" })).status).toBe(200);
    const before = await settingsState(owner.tenantId);

    const result = await save(owner.token, body);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ code: "validation_error", message: expect.any(String) });
    const details = result.body.error.details as { path: (string | number)[] }[];
    expect(details.map((issue) => issue.path[0])).toContain(field);
    expect(await settingsState(owner.tenantId)).toEqual(before);
    expect((await call(getSettings, SETTINGS, { token: owner.token })).body).toEqual({ currencies: ["usd", "gbp"], default_currency: "gbp" });
  });

  it("keeps tenants apart: one tenant's save is not another's settings", async () => {
    const first = await registerOwner();
    const second = await registerOwner();
    expect((await save(first.token, { currencies: ["eur", "jpy"], default_currency: "jpy" })).status).toBe(200);
    expect((await call(getSettings, SETTINGS, { token: second.token })).body).toEqual({ currencies: ["usd"], default_currency: "usd" });
    expect(await settingsState(second.tenantId)).toEqual({ row: null, audits: 0 });
    expect((await call(getFees, FEES, { token: second.token })).body.descriptions).toEqual({ usd: "2.9% + $0.30 per payment" });
  });
});

describe("GET /api/v1/auth/tenants/fees/", () => {
  it("answers any member with the platform default and the fee in words per enabled currency, default first", async () => {
    const owner = await registerOwner();
    const plain = await addMember(owner.tenantId, "member");
    const fresh = await call(getFees, FEES, { token: plain.token });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toEqual({
      percent_bps: 290,
      fixed: PLATFORM_DEFAULT_FEE_SCHEDULE.fixed,
      minimum: {},
      maximum: {},
      source: "platform_default",
      descriptions: { usd: "2.9% + $0.30 per payment" },
    });

    expect((await save(owner.token, { currencies: ["usd", "eur", "jpy"], default_currency: "eur" })).status).toBe(200);
    const after = await call(getFees, FEES, { token: plain.token });
    expect(after.body.descriptions).toEqual({ eur: "2.9% + €0.25 per payment", usd: "2.9% + $0.30 per payment", jpy: "2.9% + ¥30 per payment" });
    expect(Object.keys(after.body.descriptions)).toEqual(["eur", "usd", "jpy"]);
  });

  it("refuses without a credential", async () => {
    const result = await call(getFees, FEES);
    expect(result.status).toBe(401);
  });
});
