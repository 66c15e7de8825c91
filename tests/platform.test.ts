import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { databaseTarget, prisma } from "@/lib/db";
import { GET as listTenants } from "@/app/api/v1/platform/tenants/route";
import { GET as getTenant } from "@/app/api/v1/platform/tenants/[tenantId]/route";
import { PUT as putTenantFees } from "@/app/api/v1/platform/tenants/[tenantId]/fees/route";
import { PUT as putSettings } from "@/app/api/v1/auth/tenants/settings/route";
import { platformDefaultFeeSchedule } from "@/lib/fees/fee-schedules";
import { canonicalFeeSchedule } from "@/lib/money/fees";
import { PAYMENT_STATUS } from "@/lib/statuses";
import { PLATFORM_ROLES } from "@/lib/auth/roles";
import { grantPlatformOperator, revokePlatformOperator } from "@/lib/platform/operators";
import { AppError } from "@/lib/http/errors";
import { call, registerOwner, ANY_REQUEST_ID } from "./helpers/api";
import { addMember, addPlatformOperator, CLI_ACTOR } from "./helpers/fixtures";
import { ROOT } from "./helpers/database";

const TENANTS = "/api/v1/platform/tenants/";

/** A marker that only this run's tenants carry, so searches see none of the other tests' tenants. */
const marker = () => `qx${Math.random().toString(36).slice(2, 8)}`;

async function platformAudit(userId: string) {
  return prisma.auditLog.findMany({ where: { targetType: "user", targetId: userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}


/** Runs `npm run platform:<verb> -- <args>` against the test database; never throws for a non-zero exit. */
async function runPlatformCommand(verb: "grant" | "revoke", ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)("npm", ["run", "--silent", `platform:${verb}`, "--", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, NEXT_TELEMETRY_DISABLED: "1" },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== "number") throw error;
    return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("granting and revoking the operator role (service)", () => {
  it("grants an existing user once, audited with no tenant; a second grant changes nothing and says so", async () => {
    const owner = await registerOwner();
    const first = await grantPlatformOperator(owner.input.email.toLowerCase(), CLI_ACTOR);
    expect(first).toEqual({ userId: owner.userId, email: owner.input.email.toLowerCase(), changed: true });
    const again = await grantPlatformOperator(owner.input.email.toLowerCase(), CLI_ACTOR);
    expect(again.changed).toBe(false);

    expect((await prisma.user.findUniqueOrThrow({ where: { id: owner.userId } })).platformRole).toBe(PLATFORM_ROLES.operator);
    const entries = await platformAudit(owner.userId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      tenantId: null,
      actorType: "system",
      actorLabel: "cli",
      actorUserId: null,
      action: "platform.operator_granted",
      severity: "warning",
      metadata: { email: owner.input.email.toLowerCase() },
    });
  });

  it("revokes, also the last operator; revoking a non-operator changes nothing", async () => {
    const owner = await registerOwner();
    await grantPlatformOperator(owner.input.email, CLI_ACTOR);
    // Every other operator gone: this one is the last.
    await prisma.user.updateMany({ where: { platformRole: PLATFORM_ROLES.operator, id: { not: owner.userId } }, data: { platformRole: null } });

    expect((await revokePlatformOperator(owner.input.email, CLI_ACTOR)).changed).toBe(true);
    expect(await prisma.user.count({ where: { platformRole: PLATFORM_ROLES.operator } })).toBe(0);
    expect((await revokePlatformOperator(owner.input.email, CLI_ACTOR)).changed).toBe(false);
    expect((await platformAudit(owner.userId)).map((entry) => entry.action)).toEqual(["platform.operator_granted", "platform.operator_revoked"]);
  });

  it("refuses an unknown email with not_found and writes nothing", async () => {
    const before = { audit: await prisma.auditLog.count(), users: await prisma.user.count() };
    const error = await grantPlatformOperator("nobody-here@example.test", CLI_ACTOR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("not_found");
    await expect(revokePlatformOperator("nobody-here@example.test", CLI_ACTOR)).rejects.toMatchObject({ code: "not_found" });
    expect({ audit: await prisma.auditLog.count(), users: await prisma.user.count() }).toEqual(before);
  });
});

// Each case starts the command several times (npm, tsx, the Prisma engine): tens of seconds on a busy machine.
describe("npm run platform:grant / platform:revoke", { timeout: 120_000 }, () => {
  it("grants and revokes by email (any case), exit 0, one line each; a repeat says nothing changed", async () => {
    const owner = await registerOwner();
    const email = owner.input.email.toLowerCase();

    const granted = await runPlatformCommand("grant", email.toUpperCase());
    expect(granted).toMatchObject({ code: 0, stdout: `platform:grant: ${email} is now a platform operator.\n`, stderr: "" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: owner.userId } })).platformRole).toBe(PLATFORM_ROLES.operator);

    const again = await runPlatformCommand("grant", email);
    expect(again).toMatchObject({ code: 0, stdout: `platform:grant: ${email} is already a platform operator; nothing changed.\n` });

    // The last operator may be revoked: the command line is how one comes back.
    await prisma.user.updateMany({ where: { platformRole: PLATFORM_ROLES.operator, id: { not: owner.userId } }, data: { platformRole: null } });
    const revoked = await runPlatformCommand("revoke", email);
    expect(revoked).toMatchObject({ code: 0, stdout: `platform:revoke: ${email} is no longer a platform operator.\n`, stderr: "" });
    expect(await prisma.user.count({ where: { platformRole: PLATFORM_ROLES.operator } })).toBe(0);

    const entries = await platformAudit(owner.userId);
    expect(entries.map((entry) => [entry.action, entry.tenantId, entry.actorType, entry.actorLabel])).toEqual([
      ["platform.operator_granted", null, "system", "cli"],
      ["platform.operator_revoked", null, "system", "cli"],
    ]);
  });

  it("fails with exit 1 and one line for an unknown email, a non-email and a missing argument; nothing changes", async () => {
    const before = {
      audit: await prisma.auditLog.count(),
      users: await prisma.user.count(),
      operators: await prisma.user.count({ where: { platformRole: PLATFORM_ROLES.operator } }),
    };
    const unknown = await runPlatformCommand("grant", "no-such-user@example.test");
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
    expect(unknown.stderr).toContain("platform:grant: No user has the email no-such-user@example.test.");

    const notEmail = await runPlatformCommand("grant", "not-an-email");
    expect(notEmail.code).toBe(1);
    expect(notEmail.stderr.trim()).toBe('platform:grant: "not-an-email" is not an email address.');

    const missing = await runPlatformCommand("revoke");
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^usage: npm run platform:grant -- <email>/);

    expect({
      audit: await prisma.auditLog.count(),
      users: await prisma.user.count(),
      operators: await prisma.user.count({ where: { platformRole: PLATFORM_ROLES.operator } }),
    }).toEqual(before);
  });
});

describe("GET /api/v1/platform/tenants/", () => {
  it("lists every tenant for an operator with status, Stripe status and member count", async () => {
    const tag = marker();
    const plain = await registerOwner({ tenant_name: `Plain ${tag}` });
    await addMember(plain.tenantId, "admin");
    await addMember(plain.tenantId, "member");
    const connected = await registerOwner({ tenant_name: `Connected ${tag}` });
    await prisma.stripeConnection.create({
      data: { tenantId: connected.tenantId, accountId: "acct_test1", mode: "account_links", status: "connected", chargesEnabled: true, payoutsEnabled: false },
    });
    await prisma.tenant.update({ where: { id: connected.tenantId }, data: { status: "active" } });
    const onboarding = await registerOwner({ tenant_name: `Onboarding ${tag}` });
    await prisma.stripeConnection.create({ data: { tenantId: onboarding.tenantId, accountId: "acct_test2", mode: "account_links", status: "onboarding" } });
    const operator = await addPlatformOperator();

    const result = await call(listTenants, `${TENANTS}?q=${tag}`, { token: operator.token });
    expect(result.status).toBe(200);
    expect(result.body.next_cursor).toBeNull();
    const byId = Object.fromEntries((result.body.data as { id: string }[]).map((row) => [row.id, row]));
    expect(Object.keys(byId).sort()).toEqual([plain.tenantId, connected.tenantId, onboarding.tenantId].sort());
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { id: plain.tenantId } });
    expect(byId[plain.tenantId]).toEqual({
      id: plain.tenantId,
      name: `Plain ${tag}`,
      slug: tenant.slug,
      status: "pending",
      created_at: tenant.createdAt.toISOString(),
      suspended_at: null,
      suspension_reason: null,
      stripe: { status: "not_connected", account_id: null, charges_enabled: false, payouts_enabled: false },
      member_count: 3,
      currencies: ["usd"],
      default_currency: "usd",
      fee_schedule: { ...canonicalFeeSchedule(await platformDefaultFeeSchedule()), source: "platform_default" },
      rate_limits: { live_per_second: 100, test_per_second: 25, live_is_default: true, test_is_default: true },
      volume_30d: [],
    });
    expect(byId[connected.tenantId]).toMatchObject({ status: "active", stripe: { status: "connected", account_id: "acct_test1", charges_enabled: true, payouts_enabled: false }, member_count: 1 });
    expect(byId[onboarding.tenantId]).toMatchObject({ stripe: { status: "onboarding", charges_enabled: false }, member_count: 1 });

    // Without a search: every tenant of the platform, not only the operator's own.
    const all = await call(listTenants, `${TENANTS}?limit=100`, { cookie: operator.session });
    expect(all.status).toBe(200);
    const total = await prisma.tenant.count();
    expect(all.body.data).toHaveLength(Math.min(total, 100));
  });

  it("searches name (any case), slug and id, and treats LIKE wildcards as text", async () => {
    const tag = marker();
    const zephyr = await registerOwner({ tenant_name: `Zephyr Marmalade ${tag}` });
    const other = await registerOwner({ tenant_name: `Quince ${tag}` });
    const percent = await registerOwner({ tenant_name: `100% Pure_Juice ${tag}` });
    const operator = await addPlatformOperator();
    const search = async (q: string) => {
      const result = await call(listTenants, `${TENANTS}?q=${encodeURIComponent(q)}`, { token: operator.token });
      expect(result.status).toBe(200);
      return (result.body.data as { id: string }[]).map((row) => row.id).sort();
    };

    expect(await search(`ZEPHYR MARMALADE ${tag.toUpperCase()}`)).toEqual([zephyr.tenantId]);
    expect(await search(`zephyr marmalade ${tag}`)).toEqual([zephyr.tenantId]);
    const slug = (await prisma.tenant.findUniqueOrThrow({ where: { id: zephyr.tenantId } })).slug;
    expect(slug).toContain("zephyr-marmalade");
    expect(await search(`marmalade-${tag}`.toUpperCase())).toEqual([zephyr.tenantId]);
    expect(await search(other.tenantId)).toEqual([other.tenantId]);
    expect(await search(`  ${tag}  `)).toEqual([zephyr.tenantId, other.tenantId, percent.tenantId].sort());
    expect(await search(`${tag}-nothing`)).toEqual([]);
    // % and _ are LIKE's wildcards; here they are characters no tenant name has.
    expect(await search(`Zephyr%${tag}`)).toEqual([]);
    expect(await search(`Zephyr_Marmalade ${tag}`)).toEqual([]);
    expect(await search(`0% pure_juice ${tag}`)).toEqual([percent.tenantId]);
    expect(await search("\\")).toEqual([]);
  });

  it("matches non-ASCII letters as typed on both databases, and in any case on PostgreSQL", async () => {
    const tag = marker();
    const cafe = await registerOwner({ tenant_name: `Café Éclair ${tag}` });
    const operator = await addPlatformOperator();
    const search = async (q: string) =>
      (await call(listTenants, `${TENANTS}?q=${encodeURIComponent(q)}`, { token: operator.token })).body.data.map((row: { id: string }) => row.id);

    expect(await search(`Café Éclair ${tag}`)).toEqual([cafe.tenantId]);
    expect(await search(`café éclair ${tag}`)).toEqual(
      // SQLite folds case for ASCII letters only.
      databaseTarget().provider === "postgresql" ? [cafe.tenantId] : [],
    );
  });

  it("pages newest first with next_cursor until null, and refuses a cursor that is no tenant", async () => {
    const tag = marker();
    const created: string[] = [];
    for (let i = 0; i < 5; i += 1) created.push((await registerOwner({ tenant_name: `Paged ${i} ${tag}` })).tenantId);
    const operator = await addPlatformOperator();

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: { data: { id: string }[]; next_cursor: string | null } } = await call(
        listTenants,
        `${TENANTS}?q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        { token: operator.token },
      );
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((row) => row.id));
      cursor = page.body.next_cursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].reverse());

    const bad = await call(listTenants, `${TENANTS}?cursor=not-a-tenant`, { token: operator.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_cursor");
  });

  it("refuses bad query parameters with validation_error", async () => {
    const operator = await addPlatformOperator();
    for (const query of ["limit=0", "limit=101", "limit=two", "status=active", `q=${"a".repeat(101)}`]) {
      const result = await call(listTenants, `${TENANTS}?${query}`, { token: operator.token });
      expect(result.status, query).toBe(400);
      expect(result.body.error.code, query).toBe("validation_error");
    }
  });

  it("refuses every tenant role, owner included, with 403 forbidden and nothing else in the body", async () => {
    const owner = await registerOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const plain = await addMember(owner.tenantId, "member");
    for (const [who, credential] of [
      ["owner (bearer)", { token: owner.token }],
      ["owner (session)", { cookie: owner.session }],
      ["admin", { token: admin.token }],
      ["member", { cookie: plain.session }],
    ] as const) {
      const result = await call(listTenants, TENANTS, credential);
      expect(result.status, who).toBe(403);
      expect(result.body, who).toEqual({ error: { code: "forbidden", message: "This action is for the platform's operators.", request_id: ANY_REQUEST_ID } });
    }
  });

  it("answers 401 without a credential or with a bad token", async () => {
    const anonymous = await call(listTenants, TENANTS);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("unauthorized");
    expect(anonymous.body.data).toBeUndefined();
    const badToken = await call(listTenants, TENANTS, { token: "not-a-token" });
    expect(badToken.status).toBe(401);
    expect(badToken.body.error.code).toBe("invalid_token");
  });

  it("reads the role on every request: a revoked operator is refused on the next one", async () => {
    const operator = await addPlatformOperator();
    expect((await call(listTenants, TENANTS, { token: operator.token })).status).toBe(200);
    await revokePlatformOperator(operator.email, CLI_ACTOR);
    const after = await call(listTenants, TENANTS, { token: operator.token });
    expect(after.status).toBe(403);
    expect(after.body.error.code).toBe("forbidden");
  });
});

let paymentCounter = 0;

/** A payment row written straight to the table: the console only reads payments, whoever creates them. */
async function insertPayment(
  tenantId: string,
  payment: { amount: number; currency: string; fee: number; status?: string; livemode?: boolean; daysAgo?: number },
) {
  paymentCounter += 1;
  const suffix = `${Date.now().toString(36)}${paymentCounter}${Math.random().toString(36).slice(2, 6)}`;
  const createdAt = new Date(Date.now() - (payment.daysAgo ?? 1) * 24 * 60 * 60 * 1000);
  await prisma.payment.create({
    data: {
      id: `pay_${suffix}`,
      tenantId,
      livemode: payment.livemode ?? true,
      amount: payment.amount,
      currency: payment.currency,
      applicationFeeAmount: payment.fee,
      status: payment.status ?? PAYMENT_STATUS.succeeded,
      stripePaymentIntentId: `pi_${suffix}`,
      stripeAccountId: "acct_volume",
      createdAt,
    },
  });
}

describe("volume_30d on the operator's tenant list and detail", () => {
  it("sums live succeeded payments of the last 30 days per currency, per tenant, on one page", async () => {
    const tag = marker();
    const busy = await registerOwner({ tenant_name: `Busy ${tag}` });
    const quiet = await registerOwner({ tenant_name: `Quiet ${tag}` });
    const idle = await registerOwner({ tenant_name: `Idle ${tag}` });
    const elsewhere = await registerOwner({ tenant_name: `Elsewhere ${tag.split("").reverse().join("")}` });
    const operator = await addPlatformOperator();

    // Counted: live, succeeded, inside the window; a refunded payment is still volume (it succeeded).
    await insertPayment(busy.tenantId, { amount: 2000, currency: "eur", fee: 55 });
    await insertPayment(busy.tenantId, { amount: 1000, currency: "eur", fee: 40, daysAgo: 29 });
    await insertPayment(busy.tenantId, { amount: 5000, currency: "jpy", fee: 175 });
    await insertPayment(busy.tenantId, { amount: 12_340, currency: "usd", fee: 388, daysAgo: 0 });
    // Not counted: test mode, not succeeded, older than 30 days.
    await insertPayment(busy.tenantId, { amount: 99_999, currency: "eur", fee: 999, livemode: false });
    await insertPayment(busy.tenantId, { amount: 77_777, currency: "eur", fee: 777, status: PAYMENT_STATUS.failed });
    await insertPayment(busy.tenantId, { amount: 66_666, currency: "eur", fee: 666, status: PAYMENT_STATUS.processing });
    await insertPayment(busy.tenantId, { amount: 55_555, currency: "usd", fee: 555, status: PAYMENT_STATUS.requiresPaymentMethod });
    await insertPayment(busy.tenantId, { amount: 44_444, currency: "eur", fee: 444, daysAgo: 31 });
    // Another tenant on the same page, and one off the page: neither mixes into busy's sums.
    await insertPayment(quiet.tenantId, { amount: 3000, currency: "eur", fee: 100 });
    await insertPayment(elsewhere.tenantId, { amount: 8000, currency: "eur", fee: 300 });

    const expected = {
      [busy.tenantId]: [
        { currency: "usd", volume: 12_340, fees: 388, count: 1 },
        { currency: "eur", volume: 3000, fees: 95, count: 2 },
        { currency: "jpy", volume: 5000, fees: 175, count: 1 },
      ],
      [quiet.tenantId]: [{ currency: "eur", volume: 3000, fees: 100, count: 1 }],
      [idle.tenantId]: [],
    };

    const grouped = vi.spyOn(prisma.payment, "groupBy");
    const list = await call(listTenants, `${TENANTS}?q=${tag}`, { token: operator.token });
    // The whole page in one grouped read, not one per tenant.
    expect(grouped).toHaveBeenCalledTimes(1);
    grouped.mockRestore();
    expect(list.status).toBe(200);
    const volumes = Object.fromEntries((list.body.data as { id: string; volume_30d: unknown }[]).map((row) => [row.id, row.volume_30d]));
    expect(volumes).toEqual(expected);

    // The detail says the same, one tenant at a time.
    for (const [tenantId, volume] of Object.entries(expected)) {
      const detail = await call(getTenant, `${TENANTS}${tenantId}/`, { token: operator.token, params: { tenantId } });
      expect(detail.status).toBe(200);
      expect(detail.body.volume_30d).toEqual(volume);
    }
  });

  it("puts each tenant's own currencies and fee schedule on the list and the detail", async () => {
    const tag = marker();
    const custom = await registerOwner({ tenant_name: `Custom ${tag}` });
    const plain = await registerOwner({ tenant_name: `Default ${tag}` });
    const operator = await addPlatformOperator();
    const settings = await call(putSettings, "/api/v1/auth/tenants/settings/", {
      method: "PUT",
      token: custom.token,
      body: { currencies: ["usd", "eur", "jpy"], default_currency: "eur" },
    });
    expect(settings.status).toBe(200);
    const schedule = { percent_bps: 150, fixed: { eur: 25 } };
    const fees = await call(putTenantFees, `${TENANTS}${custom.tenantId}/fees/`, { method: "PUT", token: operator.token, body: schedule, params: { tenantId: custom.tenantId } });
    expect(fees.status).toBe(200);

    const list = await call(listTenants, `${TENANTS}?q=${tag}`, { token: operator.token });
    const byId = Object.fromEntries((list.body.data as { id: string }[]).map((row) => [row.id, row]));
    expect(byId[custom.tenantId]).toMatchObject({ currencies: ["usd", "eur", "jpy"], default_currency: "eur", fee_schedule: { ...schedule, source: "tenant" } });
    expect(byId[plain.tenantId]).toMatchObject({ currencies: ["usd"], default_currency: "usd", fee_schedule: { source: "platform_default" } });

    const detail = await call(getTenant, `${TENANTS}${custom.tenantId}/`, { token: operator.token, params: { tenantId: custom.tenantId } });
    expect(detail.body).toEqual(byId[custom.tenantId]);
  });
});
