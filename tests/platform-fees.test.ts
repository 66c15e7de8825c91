import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { GET as getDefault, PUT as putDefault } from "@/app/api/v1/platform/fees/default/route";
import { GET as getTenant } from "@/app/api/v1/platform/tenants/[tenantId]/route";
import { PUT as putTenantFees } from "@/app/api/v1/platform/tenants/[tenantId]/fees/route";
import { GET as listTenants } from "@/app/api/v1/platform/tenants/route";
import { feeScheduleFor } from "@/lib/fees/fee-schedules";
import { applicationFeeAmount, PLATFORM_DEFAULT_FEE_SCHEDULE } from "@/lib/money/fees";
import { BASE_URL, call, registerOwner, type CallOptions, ANY_REQUEST_ID } from "./helpers/api";
import { addMember, addPlatformOperator } from "./helpers/fixtures";

const DEFAULT_PATH = "/api/v1/platform/fees/default/";
const tenantPath = (tenantId: string) => `/api/v1/platform/tenants/${tenantId}/`;
const feesPath = (tenantId: string) => `/api/v1/platform/tenants/${tenantId}/fees/`;


type Credential = Pick<CallOptions, "token" | "cookie" | "origin">;

const readDefault = (who: Credential) => call(getDefault, DEFAULT_PATH, who);
const saveDefault = (who: Credential, body: unknown) => call(putDefault, DEFAULT_PATH, { ...who, method: "PUT", body });
const readTenant = (who: Credential, tenantId: string) => call(getTenant, tenantPath(tenantId), { ...who, params: { tenantId } });
const saveTenantFees = (who: Credential, tenantId: string, body: unknown) =>
  call(putTenantFees, feesPath(tenantId), { ...who, method: "PUT", body, params: { tenantId } });

/** Everything an operator endpoint could change: schedules and the audit log. */
async function snapshot() {
  return {
    schedules: await prisma.feeSchedule.findMany({ orderBy: { scope: "asc" } }),
    audit: await prisma.auditLog.count(),
  };
}

const feeAuditRows = () =>
  prisma.auditLog.findMany({
    where: { action: { in: ["platform.default_fees_changed", "platform.tenant_fees_changed", "fees.schedule_changed"] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });

// The tests in this file run in order on one database: the first reads the platform default before anyone sets it.
describe("the platform default fee schedule", () => {
  it("is the built-in default before any operator saves one", async () => {
    const operator = await addPlatformOperator();
    const tenant = await registerOwner();
    const result = await readDefault({ token: operator.token });
    expect(result.status).toBe(200);
    expect(result.body).toEqual(PLATFORM_DEFAULT_FEE_SCHEDULE);
    expect(await feeScheduleFor(tenant.tenantId)).toEqual({ schedule: PLATFORM_DEFAULT_FEE_SCHEDULE, source: "platform_default" });
    expect(await prisma.feeSchedule.count()).toBe(0);
  });

  it("saves an operator's schedule, which then applies to every tenant without its own; audited once, in the platform log only", async () => {
    const operator = await addPlatformOperator();
    const tenant = await registerOwner();
    const auditBefore = await feeAuditRows();
    // Currencies out of registry order and an empty map: saved and answered in one canonical spelling.
    const saved = await saveDefault({ token: operator.token }, { percent_bps: 250, fixed: { eur: 20, usd: 25 }, minimum: {}, maximum: { usd: 5000 } });
    expect(saved.status).toBe(200);
    const expected = { percent_bps: 250, fixed: { usd: 25, eur: 20 }, maximum: { usd: 5000 } };
    expect(saved.body).toEqual(expected);
    expect(JSON.stringify(saved.body)).toBe(JSON.stringify(expected));

    expect((await readDefault({ cookie: operator.session })).body).toEqual(expected);
    expect(await feeScheduleFor(tenant.tenantId)).toEqual({ schedule: expected, source: "platform_default" });
    const row = await prisma.feeSchedule.findUniqueOrThrow({ where: { scope: "default" } });
    expect(row).toMatchObject({ tenantId: null, percentBps: 250, minimum: null, updatedById: operator.userId });

    const entries = (await feeAuditRows()).slice(auditBefore.length);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      tenantId: null,
      actorType: "user",
      actorUserId: operator.userId,
      action: "platform.default_fees_changed",
      severity: "warning",
      targetType: "fee_schedule",
      targetId: "default",
      ip: "203.0.113.10",
      metadata: { before: PLATFORM_DEFAULT_FEE_SCHEDULE, after: expected },
    });
  });

  it("writes nothing for a save that changes nothing (the same schedule spelled differently)", async () => {
    const operator = await addPlatformOperator();
    const current = (await readDefault({ token: operator.token })).body;
    const before = await snapshot();
    const again = await saveDefault({ token: operator.token }, { maximum: current.maximum, fixed: { eur: current.fixed.eur, usd: current.fixed.usd }, percent_bps: current.percent_bps });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(current);
    expect(await snapshot()).toEqual(before);
  });

  it("changes the fee a new payment would carry: the contract the payments service relies on", async () => {
    const operator = await addPlatformOperator();
    const tenant = await registerOwner();
    const feeNow = async () => applicationFeeAmount(10_000, "usd", (await feeScheduleFor(tenant.tenantId)).schedule);

    expect((await saveDefault({ token: operator.token }, { percent_bps: 100, fixed: { usd: 10 } })).status).toBe(200);
    const before = await feeNow();
    expect(before).toBe(110);
    expect((await saveDefault({ token: operator.token }, { percent_bps: 300, fixed: { usd: 30 } })).status).toBe(200);
    expect(await feeNow()).toBe(330);

    expect((await saveTenantFees({ token: operator.token }, tenant.tenantId, { percent_bps: 50 })).status).toBe(200);
    expect(await feeNow()).toBe(50);
    expect(applicationFeeAmount(10_000, "jpy", (await feeScheduleFor(tenant.tenantId)).schedule)).toBe(50);
  });
});

describe("a tenant's fee schedule", () => {
  it("overrides the platform default for that tenant only; GET shows it with its source; audited in both logs", async () => {
    const operator = await addPlatformOperator();
    const tenant = await registerOwner();
    const neighbour = await registerOwner();
    const platformDefault = (await readDefault({ token: operator.token })).body;

    const initial = await readTenant({ token: operator.token }, tenant.tenantId);
    expect(initial.status).toBe(200);
    const listed = (await call(listTenants, `/api/v1/platform/tenants/?q=${tenant.tenantId}`, { token: operator.token })).body.data[0];
    expect(initial.body).toEqual({ ...listed, fee_schedule: { ...platformDefault, source: "platform_default" } });

    const schedule = { percent_bps: 150, fixed: { jpy: 20 }, minimum: { usd: 40 }, maximum: { usd: 400 } };
    const saved = await saveTenantFees({ cookie: operator.session, origin: BASE_URL }, tenant.tenantId, schedule);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ ...schedule, source: "tenant" });

    expect((await readTenant({ token: operator.token }, tenant.tenantId)).body.fee_schedule).toEqual({ ...schedule, source: "tenant" });
    expect(await feeScheduleFor(tenant.tenantId)).toEqual({ schedule, source: "tenant" });
    expect(await feeScheduleFor(neighbour.tenantId)).toEqual({ schedule: platformDefault, source: "platform_default" });
    expect(await prisma.feeSchedule.findUniqueOrThrow({ where: { scope: tenant.tenantId } })).toMatchObject({ tenantId: tenant.tenantId, updatedById: operator.userId });

    const platformLog = await prisma.auditLog.findMany({ where: { tenantId: null, action: "platform.tenant_fees_changed", targetId: tenant.tenantId } });
    expect(platformLog).toHaveLength(1);
    expect(platformLog[0]).toMatchObject({
      actorType: "user",
      actorUserId: operator.userId,
      targetType: "tenant",
      severity: "warning",
      ip: "203.0.113.10",
      metadata: { before: null, after: schedule },
    });
    const tenantLog = await prisma.auditLog.findMany({ where: { tenantId: tenant.tenantId, action: "fees.schedule_changed" } });
    expect(tenantLog).toHaveLength(1);
    expect(tenantLog[0]).toMatchObject({
      actorType: "user",
      actorUserId: operator.userId,
      actorLabel: operator.email,
      targetType: "tenant",
      targetId: tenant.tenantId,
      severity: "warning",
      ip: null,
      userAgent: null,
      metadata: { before: null, after: schedule },
    });
    expect(await prisma.auditLog.count({ where: { tenantId: neighbour.tenantId, action: "fees.schedule_changed" } })).toBe(0);

    // The platform default moving on does not reach a tenant with its own schedule.
    expect((await saveDefault({ token: operator.token }, { percent_bps: 999 })).status).toBe(200);
    expect((await feeScheduleFor(tenant.tenantId)).schedule).toEqual(schedule);
    expect((await feeScheduleFor(neighbour.tenantId)).schedule).toEqual({ percent_bps: 999 });
  });

  it("returns to the platform default with the body null; saving the same again, or null again, writes nothing", async () => {
    const operator = await addPlatformOperator();
    const tenant = await registerOwner();
    const platformDefault = (await readDefault({ token: operator.token })).body;
    const schedule = { percent_bps: 10, fixed: { eur: 5 } };
    expect((await saveTenantFees({ token: operator.token }, tenant.tenantId, schedule)).status).toBe(200);

    let before = await snapshot();
    const same = await saveTenantFees({ token: operator.token }, tenant.tenantId, { fixed: { eur: 5 }, percent_bps: 10, maximum: {} });
    expect(same.status).toBe(200);
    expect(same.body).toEqual({ ...schedule, source: "tenant" });
    expect(await snapshot()).toEqual(before);

    // The helper sends the literal JSON `null` as the body.
    const cleared = await saveTenantFees({ token: operator.token }, tenant.tenantId, null);
    expect(cleared.status).toBe(200);
    expect(cleared.body).toEqual({ ...platformDefault, source: "platform_default" });
    expect(await prisma.feeSchedule.findUnique({ where: { scope: tenant.tenantId } })).toBeNull();
    expect(await feeScheduleFor(tenant.tenantId)).toEqual({ schedule: platformDefault, source: "platform_default" });
    expect((await readTenant({ token: operator.token }, tenant.tenantId)).body.fee_schedule).toEqual({ ...platformDefault, source: "platform_default" });

    const trail = (await feeAuditRows()).filter((row) => row.targetId === tenant.tenantId);
    expect(trail.map((row) => [row.action, row.tenantId, row.metadata])).toEqual([
      ["platform.tenant_fees_changed", null, { before: null, after: schedule }],
      ["fees.schedule_changed", tenant.tenantId, { before: null, after: schedule }],
      ["platform.tenant_fees_changed", null, { before: schedule, after: null }],
      ["fees.schedule_changed", tenant.tenantId, { before: schedule, after: null }],
    ]);

    before = await snapshot();
    const again = await saveTenantFees({ token: operator.token }, tenant.tenantId, null);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...platformDefault, source: "platform_default" });
    expect(await snapshot()).toEqual(before);
  });

  it("shows the tenant's own log the change under its label, through the tenant's audit API", async () => {
    const operator = await addPlatformOperator();
    const tenant = await registerOwner();
    expect((await saveTenantFees({ token: operator.token }, tenant.tenantId, { percent_bps: 42 })).status).toBe(200);
    const { GET: tenantAuditLog } = await import("@/app/api/v1/auth/tenants/audit-logs/route");
    const log = await call(tenantAuditLog, "/api/v1/auth/tenants/audit-logs/?action=fees.schedule_changed", { token: tenant.token });
    expect(log.status).toBe(200);
    expect(log.body.data).toHaveLength(1);
    expect(log.body.data[0]).toMatchObject({ action: "fees.schedule_changed", severity: "warning", actor: { type: "user", user_id: operator.userId, email: operator.email } });
  });
});

describe("refused input", () => {
  const invalid: [string, unknown][] = [
    ["percent_bps over 10000", { percent_bps: 10001 }],
    ["a negative percent_bps", { percent_bps: -1 }],
    ["a fractional percent_bps", { percent_bps: 2.5 }],
    ["percent_bps as a string", { percent_bps: "290" }],
    ["no percent_bps", { fixed: { usd: 30 } }],
    ["an unknown currency key", { percent_bps: 290, fixed: { xyz: 30 } }],
    ["an uppercase currency key", { percent_bps: 290, fixed: { USD: 30 } }],
    ["a minimum above the maximum", { percent_bps: 290, minimum: { usd: 500 }, maximum: { usd: 100 } }],
    ["a negative amount", { percent_bps: 290, fixed: { usd: -1 } }],
    ["a fractional amount", { percent_bps: 290, minimum: { usd: 1.5 } }],
    ["an unknown field", { percent_bps: 290, fixed_fee: 30 }],
    ["an array", [{ percent_bps: 290 }]],
    ["an empty body", ""],
  ];

  it.each(invalid)("refuses %s with 400 validation_error on both endpoints, changing nothing", async (_case, body) => {
    const operator = await addPlatformOperator();
    const tenant = await registerOwner();
    await saveTenantFees({ token: operator.token }, tenant.tenantId, { percent_bps: 7 });
    const before = await snapshot();

    for (const result of [await saveDefault({ token: operator.token }, body), await saveTenantFees({ token: operator.token }, tenant.tenantId, body)]) {
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe("validation_error");
      expect(result.body.error.message).toEqual(expect.any(String));
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a body that is not JSON with 400 invalid_json", async () => {
    const operator = await addPlatformOperator();
    const tenant = await registerOwner();
    const before = await snapshot();
    expect((await saveDefault({ token: operator.token }, "{percent_bps: 1")).body.error.code).toBe("invalid_json");
    expect((await saveTenantFees({ token: operator.token }, tenant.tenantId, "nul")).body.error.code).toBe("invalid_json");
    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 not_found for a tenant id that is no tenant, and writes nothing", async () => {
    const operator = await addPlatformOperator();
    const before = await snapshot();
    for (const result of [
      await readTenant({ token: operator.token }, "no-such-tenant"),
      await saveTenantFees({ token: operator.token }, "no-such-tenant", { percent_bps: 1 }),
      await saveTenantFees({ token: operator.token }, "no-such-tenant", null),
      // The platform default's scope is not a tenant either.
      await saveTenantFees({ token: operator.token }, "default", { percent_bps: 1 }),
    ]) {
      expect(result.status).toBe(404);
      expect(result.body.error.code).toBe("not_found");
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("who may call the operator fee endpoints", () => {
  it("refuses every tenant role, owner included, with 403 on every endpoint, and changes nothing", async () => {
    const owner = await registerOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const plain = await addMember(owner.tenantId, "member");
    const before = await snapshot();
    for (const [who, credential] of [
      ["owner (bearer)", { token: owner.token }],
      ["owner (session)", { cookie: owner.session, origin: BASE_URL }],
      ["admin", { token: admin.token }],
      ["member", { cookie: plain.session, origin: BASE_URL }],
    ] as const) {
      for (const result of [
        await readDefault(credential),
        await saveDefault(credential, { percent_bps: 0 }),
        await readTenant(credential, owner.tenantId),
        await saveTenantFees(credential, owner.tenantId, { percent_bps: 0 }),
        await saveTenantFees(credential, owner.tenantId, null),
      ]) {
        expect(result.status, who).toBe(403);
        expect(result.body, who).toEqual({ error: { code: "forbidden", message: "This action is for the platform's operators.", request_id: ANY_REQUEST_ID } });
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("answers 401 without a credential on every endpoint", async () => {
    const owner = await registerOwner();
    const before = await snapshot();
    for (const result of [
      await readDefault({}),
      await saveDefault({}, { percent_bps: 0 }),
      await readTenant({}, owner.tenantId),
      await saveTenantFees({}, owner.tenantId, null),
    ]) {
      expect(result.status).toBe(401);
      expect(result.body.error.code).toBe("unauthorized");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an operator's cookie-authenticated write from another origin (CSRF), changing nothing", async () => {
    const operator = await addPlatformOperator();
    const tenant = await registerOwner();
    const before = await snapshot();
    for (const result of [
      await saveDefault({ cookie: operator.session, origin: "https://evil.example" }, { percent_bps: 1 }),
      await saveTenantFees({ cookie: operator.session }, tenant.tenantId, { percent_bps: 1 }),
    ]) {
      expect(result.status).toBe(403);
      expect(result.body.error.code).toBe("csrf_origin_mismatch");
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("stored schedules in the database", () => {
  it("holds one platform default and at most one schedule per tenant", async () => {
    const tenant = await registerOwner();
    await prisma.feeSchedule.upsert({ where: { scope: "default" }, create: { scope: "default", percentBps: 1 }, update: {} });
    await expect(prisma.feeSchedule.create({ data: { scope: "default", percentBps: 2 } })).rejects.toThrow();
    await prisma.feeSchedule.create({ data: { scope: tenant.tenantId, tenantId: tenant.tenantId, percentBps: 3 } });
    await expect(prisma.feeSchedule.create({ data: { scope: tenant.tenantId, tenantId: tenant.tenantId, percentBps: 4 } })).rejects.toThrow();
    await expect(prisma.feeSchedule.create({ data: { scope: `${tenant.tenantId}-again`, tenantId: tenant.tenantId, percentBps: 4 } })).rejects.toThrow();
    expect(await prisma.feeSchedule.count({ where: { OR: [{ scope: "default" }, { tenantId: tenant.tenantId }] } })).toBe(2);
  });

  it("refuses to read a corrupt stored schedule rather than charge a guessed fee", async () => {
    const tenant = await registerOwner();
    await prisma.feeSchedule.create({ data: { scope: tenant.tenantId, tenantId: tenant.tenantId, percentBps: 20_000 } });
    await expect(feeScheduleFor(tenant.tenantId)).rejects.toThrow(/not a valid schedule/);
    await prisma.feeSchedule.update({ where: { scope: tenant.tenantId }, data: { percentBps: 10, fixed: { usd: "thirty" } } });
    await expect(feeScheduleFor(tenant.tenantId)).rejects.toThrow(/not a valid schedule/);
    await prisma.feeSchedule.delete({ where: { scope: tenant.tenantId } });
  });
});
