import { afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { GET as gettingStarted } from "@/app/api/v1/auth/tenants/getting-started/route";
import { POST as dismiss } from "@/app/api/v1/auth/tenants/getting-started/dismiss/route";
import { POST as markStored } from "@/app/api/v1/auth/tenants/api-keys/stored/route";
import { POST as regenerate } from "@/app/api/v1/auth/tenants/api-keys/regenerate/route";
import { GET as account } from "@/app/api/v1/account/route";
import { POST as setConfig } from "@/app/api/v1/auth/tenants/webhooks/config/route";
import { POST as sendTest } from "@/app/api/v1/auth/tenants/webhooks/test/route";
import { POST as invite } from "@/app/api/v1/auth/tenants/invitations/route";
import { flushApiTraffic } from "@/lib/api-traffic/recorder";
import { BASE_URL, call, errorBody, registerOwner } from "./helpers/api";
import { addMember } from "./helpers/fixtures";
import { receiversPerTest, startReceiver } from "./helpers/receiver";

const CHECKLIST = "/api/v1/auth/tenants/getting-started/";
const DISMISS = "/api/v1/auth/tenants/getting-started/dismiss/";
const STORED = "/api/v1/auth/tenants/api-keys/stored/";
const CONFIG = "/api/v1/auth/tenants/webhooks/config/";

type Step = { id: string; done: boolean };
const doneSteps = (body: { steps: Step[] }) => body.steps.filter((step) => step.done).map((step) => step.id);

const testSecret = (owner: Awaited<ReturnType<typeof registerOwner>>) => owner.apiKeys.find((key) => key.mode === "test" && key.type === "secret")!;

describe("the Get started checklist", () => {
  const receiver = receiversPerTest();

  it("follows the tenant's data from sign-up to the last step, then disappears", async () => {
    const owner = await registerOwner();
    const first = await call(gettingStarted, CHECKLIST, { token: owner.token });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ completed: 0, total: 5, visible: true, dismissed: false, dismissed_at: null });
    expect(first.body.first_call).toBe(`curl -H "Authorization: Bearer sk_test_…" ${BASE_URL}/api/v1/account/`);

    // The owner stores the test secret shown at sign-up.
    const secret = testSecret(owner);
    const stored = await call(markStored, STORED, { token: owner.token, body: { key_ids: [secret.id] } });
    expect(stored).toMatchObject({ status: 200, body: { stored_count: 1 } });
    expect(doneSteps((await call(gettingStarted, CHECKLIST, { token: owner.token })).body)).toEqual(["store_test_key"]);

    // A call with it, once the traffic recorder has written it.
    expect((await call(account, "/api/v1/account/", { token: secret.key })).status).toBe(200);
    await flushApiTraffic();
    expect(doneSteps((await call(gettingStarted, CHECKLIST, { token: owner.token })).body)).toEqual(["store_test_key", "call_api"]);

    // An endpoint alone is half of the webhook step; a delivered test event completes it.
    const target = await receiver();
    expect((await call(setConfig, CONFIG, { token: owner.token, body: { verify: false, url: target.url } })).status).toBe(200);
    let list = await call(gettingStarted, CHECKLIST, { token: owner.token });
    expect(list.body.steps.find((step: Step) => step.id === "webhook")).toMatchObject({ done: false, action: { label: "Open the test console" } });
    expect((await call(sendTest, "/api/v1/auth/tenants/webhooks/test/", { token: owner.token, body: {} })).status).toBe(200);
    expect(doneSteps((await call(gettingStarted, CHECKLIST, { token: owner.token })).body)).toContain("webhook");

    expect((await call(invite, "/api/v1/auth/tenants/invitations/", { token: owner.token, body: { email: `mate-${Date.now()}@example.test`, role: "admin" } })).status).toBe(201);
    // Stripe last: connected straight in the database (the onboarding itself is tests/stripe-connect.test.ts's subject).
    await prisma.stripeConnection.create({ data: { tenantId: owner.tenantId, accountId: `acct_${Date.now()}`, status: "connected", mode: "account_links" } });
    list = await call(gettingStarted, CHECKLIST, { token: owner.token });
    expect(list.body).toMatchObject({ completed: 5, visible: false, dismissed: false });
  });

  it("a failed test event does not complete the webhook step", async () => {
    const owner = await registerOwner();
    const target = await receiver({ kind: "status", status: 500 });
    expect((await call(setConfig, CONFIG, { token: owner.token, body: { verify: false, url: target.url } })).status).toBe(200);
    const sent = await call(sendTest, "/api/v1/auth/tenants/webhooks/test/", { token: owner.token, body: {} });
    // The event went out and the endpoint answered 500.
    expect(sent).toMatchObject({ status: 200, body: { delivered: false, status_code: 500 } });
    expect(target.received).toHaveLength(1);
    const list = await call(gettingStarted, CHECKLIST, { token: owner.token });
    expect(list.body.steps.find((step: Step) => step.id === "webhook").done).toBe(false);
  });

  it("a regenerated test key that was stored counts; marking ignores other tenants' and publishable keys", async () => {
    const owner = await registerOwner();
    const other = await registerOwner();
    const foreign = await call(markStored, STORED, { token: owner.token, body: { key_ids: [testSecret(other).id, owner.apiKeys.find((key) => key.type === "publishable")!.id] } });
    expect(foreign).toMatchObject({ status: 200, body: { stored_count: 0 } });
    expect(await prisma.apiKey.count({ where: { tenantId: other.tenantId, storedAt: { not: null } } })).toBe(0);

    const regenerated = await call(regenerate, "/api/v1/auth/tenants/api-keys/regenerate/", { token: owner.token, body: { key_type: "test", confirm: true } });
    const newSecret = regenerated.body.api_keys.find((key: { type: string }) => key.type === "secret");
    // The sign-up secret was revoked by the regeneration: marking it now changes nothing.
    expect((await call(markStored, STORED, { token: owner.token, body: { key_ids: [testSecret(owner).id] } })).body.stored_count).toBe(0);
    expect((await call(markStored, STORED, { token: owner.token, body: { key_ids: [newSecret.id] } })).body.stored_count).toBe(1);
    // Twice is once.
    expect((await call(markStored, STORED, { token: owner.token, body: { key_ids: [newSecret.id] } })).body.stored_count).toBe(0);
    expect(doneSteps((await call(gettingStarted, CHECKLIST, { token: owner.token })).body)).toEqual(["store_test_key"]);
  });

  it("marking stored keys is for owners, with a documented error for bad input and nothing changed", async () => {
    const owner = await registerOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const refused = await call(markStored, STORED, { token: admin.token, body: { key_ids: [testSecret(owner).id] } });
    expect(refused).toMatchObject({ status: 403, body: errorBody("forbidden") });
    for (const body of [{}, { key_ids: [] }, { key_ids: ["a", "b", "c", "d", "e"] }, { key_ids: [testSecret(owner).id], extra: 1 }]) {
      const bad = await call(markStored, STORED, { token: owner.token, body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.code).toBe("validation_error");
    }
    expect(await prisma.apiKey.count({ where: { tenantId: owner.tenantId, storedAt: { not: null } } })).toBe(0);
  });

  it("dismissal hides it for the whole tenant, once, audited; members may neither read nor dismiss it", async () => {
    const owner = await registerOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const member = await addMember(owner.tenantId, "member");
    expect(await call(gettingStarted, CHECKLIST, { token: member.token })).toMatchObject({ status: 403, body: errorBody("forbidden") });
    expect(await call(dismiss, DISMISS, { token: member.token, method: "POST" })).toMatchObject({ status: 403, body: errorBody("forbidden") });
    expect(await prisma.tenant.findUniqueOrThrow({ where: { id: owner.tenantId } })).toMatchObject({ gettingStartedDismissedAt: null });

    const dismissed = await call(dismiss, DISMISS, { token: admin.token, method: "POST" });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ visible: false, dismissed: true, dismissed_at: expect.any(String) });
    expect((await call(gettingStarted, CHECKLIST, { token: owner.token })).body).toMatchObject({ visible: false, dismissed: true });
    expect((await call(dismiss, DISMISS, { token: owner.token, method: "POST" })).status).toBe(200);
    const entries = await prisma.auditLog.findMany({ where: { tenantId: owner.tenantId, action: "settings.getting_started_dismissed" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorUserId: admin.userId, targetType: "tenant", targetId: owner.tenantId });
  });
});

describe("private webhook targets by default in development", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvCache();
  });

  async function saveLocalEndpoint(nodeEnv: "development" | "test", setting?: string) {
    vi.stubEnv("NODE_ENV", nodeEnv);
    // receiversPerTest allows private targets; here the setting is what the test says (unset: the default).
    vi.stubEnv("WEBHOOK_ALLOW_PRIVATE_TARGETS", setting);
    resetEnvCache();
    const owner = await registerOwner();
    const target = await startReceiver();
    try {
      const saved = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url } });
      return { saved, deliveries: target.received.length, tenantId: owner.tenantId };
    } finally {
      await target.close();
    }
  }

  it("a development server takes an http:// receiver on 127.0.0.1 with no setting, and pings it", async () => {
    const { saved, deliveries } = await saveLocalEndpoint("development");
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//) });
    expect(deliveries).toBe(1);
  });

  it("outside development the same receiver is refused unless the setting says so; development can turn it off", async () => {
    for (const [nodeEnv, setting] of [["test", undefined], ["development", "0"]] as const) {
      const { saved, deliveries, tenantId } = await saveLocalEndpoint(nodeEnv, setting);
      expect(saved.status, `${nodeEnv} ${setting}`).toBe(400);
      expect(saved.body.error.code).toMatch(/^webhook_url_/);
      expect(deliveries).toBe(0);
      expect(await prisma.webhookEndpoint.count({ where: { tenantId } })).toBe(0);
    }
  });
});
