import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { GET as account } from "@/app/api/v1/account/route";
import { POST as register } from "@/app/api/v1/auth/register/route";
import { POST as setConfig } from "@/app/api/v1/auth/tenants/webhooks/config/route";
import { POST as sendTest } from "@/app/api/v1/auth/tenants/webhooks/test/route";
import { POST as retry } from "@/app/api/v1/auth/tenants/webhooks/deliveries/[messageId]/retry/route";
import { GET as getTenant } from "@/app/api/v1/platform/tenants/[tenantId]/route";
import { POST as suspendRoute } from "@/app/api/v1/platform/tenants/[tenantId]/suspend/route";
import { POST as reactivateRoute } from "@/app/api/v1/platform/tenants/[tenantId]/reactivate/route";
import { GET as listTenants } from "@/app/api/v1/platform/tenants/route";
import { DISABLE_AFTER_FAILING_MS } from "@/lib/webhooks/attempt-lifecycle";
import { deliverDueAttempts } from "@/lib/webhooks/attempt-runner";
import { emitEvent } from "@/lib/webhooks/outbox";
import { BASE_URL, call, nextTestIp, registerOwner, type CallOptions } from "./helpers/api";
import { addMember, addPlatformOperator } from "./helpers/fixtures";
import { receiversPerTest } from "./helpers/receiver";

const DAY_MS = 24 * 3_600_000;
const suspendPath = (tenantId: string) => `/api/v1/platform/tenants/${tenantId}/suspend/`;
const reactivatePath = (tenantId: string) => `/api/v1/platform/tenants/${tenantId}/reactivate/`;

type Credential = Pick<CallOptions, "token" | "cookie" | "origin">;

const suspend = (who: Credential, tenantId: string, body: unknown) => call(suspendRoute, suspendPath(tenantId), { ...who, method: "POST", body, params: { tenantId } });
const reactivate = (who: Credential, tenantId: string) => call(reactivateRoute, reactivatePath(tenantId), { ...who, method: "POST", params: { tenantId } });

const receiver = receiversPerTest();


/** A fresh tenant through the API, with its test secret key (shown once at sign-up). */
async function tenantWithKey() {
  const email = `suspend-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`;
  const result = await call(register, "/api/v1/auth/register/", {
    body: { email, password: "long enough password", name: "Suspended Owner", tenant_name: "Suspend Me" },
    ip: nextTestIp(),
  });
  expect(result.status).toBe(201);
  const secret = (result.body.api_keys as { mode: string; type: string; key: string }[]).find((key) => key.mode === "test" && key.type === "secret")!.key;
  return { token: result.body.access_token as string, tenantId: result.body.tenant.id as string, secret };
}

const accountWith = (key: string) => call(account, "/api/v1/account/", { headers: { authorization: `Bearer ${key}` } });

/** An endpoint on a fresh local receiver that verifies signatures (no verification ping: it receives only what the test sends). */
async function configureReceiver(token: string) {
  const target = await receiver();
  const configured = await call(setConfig, "/api/v1/auth/tenants/webhooks/config/", { token, body: { url: target.url, verify: false } });
  expect(configured.status).toBe(200);
  target.setSecret(configured.body.secret);
  return target;
}

async function drain() {
  let total = 0;
  const pass = () => deliverDueAttempts("suspension-test", { batchSize: 50, concurrency: 2 });
  for (let handled = await pass(); handled > 0; handled = await pass()) total += handled;
  return total;
}

/** Everything a refused call could have changed. */
async function snapshot(tenantId: string) {
  return {
    tenant: await prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } }),
    audit: await prisma.auditLog.count(),
  };
}

const suspensionAudit = (tenantId: string) =>
  prisma.auditLog.findMany({
    where: {
      OR: [
        { tenantId: null, targetId: tenantId, action: { in: ["platform.tenant_suspended", "platform.tenant_reactivated"] } },
        { tenantId, action: { in: ["tenant.suspended", "tenant.reactivated"] } },
      ],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });

describe("POST /api/v1/platform/tenants/{tenant_id}/suspend/", () => {
  it("suspends: the view says so, both logs hold it, the tenant's key and test sends answer 403 tenant_suspended", async () => {
    const operator = await addPlatformOperator();
    const tenant = await tenantWithKey();
    const target = await configureReceiver(tenant.token);
    expect((await accountWith(tenant.secret)).status).toBe(200);

    const result = await suspend({ cookie: operator.session, origin: BASE_URL }, tenant.tenantId, { reason: "  Chargebacks under review  " });
    expect(result.status).toBe(200);
    const row = await prisma.tenant.findUniqueOrThrow({ where: { id: tenant.tenantId } });
    expect(row).toMatchObject({ status: "suspended", suspendedReason: "Chargebacks under review" });
    expect(result.body).toMatchObject({
      id: tenant.tenantId,
      status: "suspended",
      suspended_at: row.suspendedAt!.toISOString(),
      suspension_reason: "Chargebacks under review",
      fee_schedule: { source: "platform_default" },
    });

    const entries = await suspensionAudit(tenant.tenantId);
    expect(entries).toHaveLength(2);
    const platformEntry = entries.find((entry) => entry.tenantId === null)!;
    const tenantEntry = entries.find((entry) => entry.tenantId === tenant.tenantId)!;
    expect(platformEntry).toMatchObject({
      action: "platform.tenant_suspended",
      severity: "critical",
      actorType: "user",
      actorUserId: operator.userId,
      targetType: "tenant",
      targetId: tenant.tenantId,
      reason: "Chargebacks under review",
      ip: "203.0.113.10",
    });
    expect(tenantEntry).toMatchObject({ action: "tenant.suspended", severity: "critical", actorUserId: operator.userId, reason: "Chargebacks under review", ip: null });

    const refused = await accountWith(tenant.secret);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("tenant_suspended");

    const test = await call(sendTest, "/api/v1/auth/tenants/webhooks/test/", { token: tenant.token, body: {} });
    expect(test.status).toBe(403);
    expect(test.body.error.code).toBe("tenant_suspended");
    expect(await prisma.webhookMessage.count({ where: { tenantId: tenant.tenantId } })).toBe(0);
    expect(target.connections).toBe(0);

    // Both operator views show the suspension.
    const detail = await call(getTenant, `/api/v1/platform/tenants/${tenant.tenantId}/`, { token: operator.token, params: { tenantId: tenant.tenantId } });
    expect(detail.body).toMatchObject({ status: "suspended", suspension_reason: "Chargebacks under review", suspended_at: row.suspendedAt!.toISOString() });
    const list = await call(listTenants, `/api/v1/platform/tenants/?q=${tenant.tenantId}`, { token: operator.token });
    expect(list.body.data).toEqual([expect.objectContaining({ id: tenant.tenantId, status: "suspended", suspension_reason: "Chargebacks under review" })]);
  });

  it("answers 409 tenant_already_suspended to a second suspension and changes nothing", async () => {
    const operator = await addPlatformOperator();
    const tenant = await tenantWithKey();
    expect((await suspend({ token: operator.token }, tenant.tenantId, { reason: "First reason" })).status).toBe(200);
    const before = await snapshot(tenant.tenantId);
    const again = await suspend({ token: operator.token }, tenant.tenantId, { reason: "Second reason" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("tenant_already_suspended");
    expect(await snapshot(tenant.tenantId)).toEqual(before);
  });

  it.each([
    ["empty", { reason: "" }],
    ["blank", { reason: "   " }],
    ["too short", { reason: "ab" }],
    ["too long", { reason: "x".repeat(501) }],
    ["a control character", { reason: "Fraud\u0007 suspected" }],
    ["a direction override", { reason: "Fraud \u202Esuspected" }],
    ["missing", {}],
    ["not a string", { reason: 42 }],
    ["an unknown field", { reason: "Fraud suspected", until: "2027-01-01" }],
  ])("refuses a bad reason (%s) with 400 validation_error and changes nothing", async (_case, body) => {
    const operator = await addPlatformOperator();
    const tenant = await tenantWithKey();
    const before = await snapshot(tenant.tenantId);
    const result = await suspend({ token: operator.token }, tenant.tenantId, body);
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("validation_error");
    expect(result.body.error.details).toBeDefined();
    expect(await snapshot(tenant.tenantId)).toEqual(before);
  });
});

describe("POST /api/v1/platform/tenants/{tenant_id}/reactivate/", () => {
  it("returns a tenant without Stripe to pending; the key works again; both logs hold it", async () => {
    const operator = await addPlatformOperator();
    const tenant = await tenantWithKey();
    await suspend({ token: operator.token }, tenant.tenantId, { reason: "Identity check" });
    const result = await reactivate({ cookie: operator.session, origin: BASE_URL }, tenant.tenantId);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ id: tenant.tenantId, status: "pending", suspended_at: null, suspension_reason: null });
    expect(await prisma.tenant.findUniqueOrThrow({ where: { id: tenant.tenantId } })).toMatchObject({ status: "pending", suspendedAt: null, suspendedReason: null });
    expect((await accountWith(tenant.secret)).status).toBe(200);

    const entries = (await suspensionAudit(tenant.tenantId)).filter((entry) => entry.action.endsWith("reactivated"));
    expect(entries).toHaveLength(2);
    expect(entries.find((entry) => entry.tenantId === null)).toMatchObject({ action: "platform.tenant_reactivated", severity: "warning", targetId: tenant.tenantId, actorUserId: operator.userId });
    expect(entries.find((entry) => entry.tenantId === tenant.tenantId)).toMatchObject({ action: "tenant.reactivated", severity: "warning", ip: null });
  });

  it("returns a tenant connected to Stripe with charges enabled to active", async () => {
    const operator = await addPlatformOperator();
    const tenant = await tenantWithKey();
    await prisma.stripeConnection.create({
      data: { tenantId: tenant.tenantId, accountId: `acct_susp${Date.now()}`, mode: "account_links", status: "connected", chargesEnabled: true },
    });
    await prisma.tenant.update({ where: { id: tenant.tenantId }, data: { status: "active" } });
    await suspend({ token: operator.token }, tenant.tenantId, { reason: "Identity check" });
    const result = await reactivate({ token: operator.token }, tenant.tenantId);
    expect(result.status).toBe(200);
    expect(result.body.status).toBe("active");
  });

  it("answers 409 tenant_not_suspended for a tenant that is not suspended and changes nothing", async () => {
    const operator = await addPlatformOperator();
    const tenant = await tenantWithKey();
    const before = await snapshot(tenant.tenantId);
    const result = await reactivate({ token: operator.token }, tenant.tenantId);
    expect(result.status).toBe(409);
    expect(result.body.error.code).toBe("tenant_not_suspended");
    expect(await snapshot(tenant.tenantId)).toEqual(before);
  });
});

describe("who may suspend and reactivate", () => {
  it("refuses every tenant role, owner of the tenant included, with 403 and changes nothing", async () => {
    const tenant = await tenantWithKey();
    const admin = await addMember(tenant.tenantId, "admin");
    const member = await addMember(tenant.tenantId, "member");
    const otherOwner = await registerOwner();
    const callers: [string, Credential][] = [
      ["the tenant's owner", { token: tenant.token }],
      ["an admin (session)", { cookie: admin.session, origin: BASE_URL }],
      ["a member", { token: member.token }],
      ["another tenant's owner", { token: otherOwner.token }],
    ];
    const before = await snapshot(tenant.tenantId);
    for (const [, who] of callers) {
      const suspended = await suspend(who, tenant.tenantId, { reason: "Not allowed" });
      expect(suspended.status).toBe(403);
      expect(suspended.body.error.code).toBe("forbidden");
      const reactivated = await reactivate(who, tenant.tenantId);
      expect(reactivated.status).toBe(403);
    }
    expect(await snapshot(tenant.tenantId)).toEqual(before);
  });

  it("answers 401 without credentials and 404 for an unknown tenant", async () => {
    const tenant = await tenantWithKey();
    const anonymous = await suspend({}, tenant.tenantId, { reason: "Nobody" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("unauthorized");
    expect((await reactivate({}, tenant.tenantId)).status).toBe(401);

    const operator = await addPlatformOperator();
    const missing = await suspend({ token: operator.token }, "no-such-tenant", { reason: "Nobody home" });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
    expect((await reactivate({ token: operator.token }, "no-such-tenant")).body.error.code).toBe("not_found");
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: tenant.tenantId } })).status).toBe("pending");
  });

  it("refuses a cookie call from another origin with 403 csrf_origin_mismatch", async () => {
    const operator = await addPlatformOperator();
    const tenant = await tenantWithKey();
    const result = await suspend({ cookie: operator.session, origin: "https://evil.example" }, tenant.tenantId, { reason: "Cross-site" });
    expect(result.status).toBe(403);
    expect(result.body.error.code).toBe("csrf_origin_mismatch");
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: tenant.tenantId } })).status).toBe("pending");
  });
});

describe("webhook deliveries of a suspended tenant", () => {
  it("wait while it is suspended (recorded, not claimed, manual retries refused) and go out after reactivation", async () => {
    const operator = await addPlatformOperator();
    const tenant = await tenantWithKey();
    const target = await configureReceiver(tenant.token);
    await suspend({ token: operator.token }, tenant.tenantId, { reason: "Paused for review" });

    const messageId = await prisma.$transaction((tx) => emitEvent(tx, tenant.tenantId, "webhook.test", { n: 1 }));
    expect(messageId).not.toBeNull();
    await drain();
    expect(target.connections).toBe(0);
    const waiting = await prisma.webhookAttempt.findMany({ where: { messageId: messageId! } });
    expect(waiting).toEqual([expect.objectContaining({ state: "pending", leaseOwner: null })]);
    expect(waiting[0].dueAt.getTime()).toBeLessThanOrEqual(Date.now());

    const manual = await call(retry, `/api/v1/auth/tenants/webhooks/deliveries/${messageId}/retry/`, { token: tenant.token, method: "POST", params: { messageId: messageId! } });
    expect(manual.status).toBe(403);
    expect(manual.body.error.code).toBe("tenant_suspended");
    expect(await prisma.webhookAttempt.count({ where: { messageId: messageId! } })).toBe(1);

    expect((await reactivate({ token: operator.token }, tenant.tenantId)).status).toBe(200);
    expect(await drain()).toBe(1);
    expect(target.received).toHaveLength(1);
    expect(target.received[0].verified).toBe(true);
    expect(JSON.parse(target.received[0].body)).toMatchObject({ type: "webhook.test", data: { n: 1 } });
    expect(await prisma.webhookMessage.findUniqueOrThrow({ where: { id: messageId! } })).toMatchObject({ status: "delivered" });
  });

  it("does not count a long suspension towards disabling a failing endpoint", async () => {
    const operator = await addPlatformOperator();
    const tenant = await tenantWithKey();
    const target = await configureReceiver(tenant.token);
    await suspend({ token: operator.token }, tenant.tenantId, { reason: "Long pause" });
    // As if the endpoint had been failing for 4 days when a 30-day suspension began.
    const suspendedAt = new Date(Date.now() - 30 * DAY_MS);
    await prisma.tenant.update({ where: { id: tenant.tenantId }, data: { suspendedAt } });
    await prisma.webhookEndpoint.update({ where: { tenantId: tenant.tenantId }, data: { failingSince: new Date(suspendedAt.getTime() - 4 * DAY_MS) } });
    const messageId = await prisma.$transaction((tx) => emitEvent(tx, tenant.tenantId, "webhook.test", { n: 2 }));

    expect((await reactivate({ token: operator.token }, tenant.tenantId)).status).toBe(200);
    const endpoint = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { tenantId: tenant.tenantId } });
    const streak = Date.now() - endpoint.failingSince!.getTime();
    expect(streak).toBeGreaterThanOrEqual(4 * DAY_MS);
    expect(streak).toBeLessThan(DISABLE_AFTER_FAILING_MS);

    target.respond({ kind: "status", status: 500 });
    await deliverDueAttempts("suspension-test", { batchSize: 50, concurrency: 1 });
    expect(target.received).toHaveLength(1);
    expect(await prisma.webhookEndpoint.findUniqueOrThrow({ where: { tenantId: tenant.tenantId } })).toMatchObject({ enabled: true });
    expect(await prisma.webhookMessage.findUniqueOrThrow({ where: { id: messageId! } })).toMatchObject({ status: "failing" });
  });
});
