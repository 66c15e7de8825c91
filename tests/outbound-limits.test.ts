import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { RATE_LIMITS } from "@/lib/http/rate-limit";
import { emitEvent } from "@/lib/webhooks/outbox";
import { POST as setConfig } from "@/app/api/v1/auth/tenants/webhooks/config/route";
import { POST as sendTest } from "@/app/api/v1/auth/tenants/webhooks/test/route";
import { POST as verify } from "@/app/api/v1/auth/tenants/webhooks/verify/route";
import { POST as retry } from "@/app/api/v1/auth/tenants/webhooks/deliveries/[messageId]/retry/route";
import { GET as stripeStatus } from "@/app/api/v1/auth/tenants/stripe/status/route";
import { POST as stripeConnect } from "@/app/api/v1/auth/tenants/stripe/connect/route";
import { call, registerOwner, type CallResult } from "./helpers/api";
import { addMember } from "./helpers/fixtures";
import { receiversPerTest } from "./helpers/receiver";
import { startStripeSimulator } from "./helpers/stripe-simulator";

// Requests are fired together so that they land in one window of the limit,
// however slow the machine: sequential requests could straddle two windows.

const CONFIG = "/api/v1/auth/tenants/webhooks/config/";
const TEST = "/api/v1/auth/tenants/webhooks/test/";
const VERIFY = "/api/v1/auth/tenants/webhooks/verify/";

const receiver = receiversPerTest();

async function configuredOwner() {
  const owner = await registerOwner();
  const target = await receiver();
  // No verification ping: the receiver counts only the sends under test.
  expect((await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url, verify: false } })).status).toBe(200);
  return { owner, target };
}

function expectRefusal(result: CallResult) {
  expect(result.status).toBe(429);
  expect(result.body.error).toMatchObject({ code: "too_many_requests", message: expect.any(String), details: { retry_after: 1 } });
  expect(result.headers.get("retry-after")).toBe("1");
}

const statuses = (results: CallResult[]) => results.map((result) => result.status).sort();

describe("per-tenant limits on outbound work started by people", () => {
  it("test sends: one more than the budget at once is 429 with Retry-After; it sends and records nothing; another tenant is unaffected", async () => {
    const budget = RATE_LIMITS.webhook_test.points;
    const { owner, target } = await configuredOwner();
    const other = await configuredOwner();
    const auditBefore = await prisma.auditLog.count({ where: { tenantId: owner.tenantId } });

    const results = await Promise.all(Array.from({ length: budget + 1 }, () => call(sendTest, TEST, { token: owner.token, body: {} })));
    expect(statuses(results)).toEqual([...Array(budget).fill(200), 429]);
    expectRefusal(results.find((result) => result.status === 429)!);

    expect(target.received).toHaveLength(budget);
    expect(await prisma.webhookAttempt.count({ where: { tenantId: owner.tenantId } })).toBe(budget);
    expect(await prisma.webhookMessage.count({ where: { tenantId: owner.tenantId } })).toBe(budget);
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId } })).toBe(auditBefore + budget);

    const elsewhere = await call(sendTest, TEST, { token: other.owner.token, body: {} });
    expect(elsewhere.status).toBe(200);
    expect(other.target.received).toHaveLength(1);
  });

  it("verification pings (Send again) share the test-send budget", async () => {
    const budget = RATE_LIMITS.webhook_test.points;
    const { owner, target } = await configuredOwner();
    const results = await Promise.all([
      ...Array.from({ length: budget - 1 }, () => call(sendTest, TEST, { token: owner.token, body: {} })),
      call(verify, VERIFY, { method: "POST", token: owner.token }),
      call(verify, VERIFY, { method: "POST", token: owner.token }),
    ]);
    expect(statuses(results)).toEqual([...Array(budget).fill(200), 429]);
    expectRefusal(results.find((result) => result.status === 429)!);
    expect(target.received).toHaveLength(budget);
  });

  it("invalid test sends do not spend the budget", async () => {
    const { owner } = await configuredOwner();
    for (let i = 0; i < RATE_LIMITS.webhook_test.points + 1; i++) {
      expect((await call(sendTest, TEST, { token: owner.token, body: { event_type: "Not Valid" } })).status).toBe(400);
    }
    expect((await call(sendTest, TEST, { token: owner.token, body: {} })).status).toBe(200);
  });

  it("manual retries: one more than the budget at once gets a 429, and only the admitted ones make attempts", async () => {
    const budget = RATE_LIMITS.webhook_retry.points;
    const { owner, target } = await configuredOwner();
    const messageId = (await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", {})))!;

    const results = await Promise.all(
      Array.from({ length: budget + 1 }, () => call(retry, `/x/${messageId}/retry/`, { token: owner.token, params: { messageId } })),
    );
    // Admitted retries of one message may also meet each other (409 delivery_in_progress); exactly one is over the budget.
    const refused = results.filter((result) => result.status === 429);
    expect(refused).toHaveLength(1);
    expectRefusal(refused[0]);
    const sent = results.filter((result) => result.status === 200).length;
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(await prisma.webhookAttempt.count({ where: { messageId, trigger: "manual" } })).toBe(sent);
    expect(target.received).toHaveLength(sent);
  });

  it("Stripe status refreshes: one more than the budget at once gets a 429", async () => {
    const budget = RATE_LIMITS.stripe_refresh.points;
    const owner = await registerOwner();
    const other = await registerOwner();
    const results = await Promise.all(Array.from({ length: budget + 1 }, () => call(stripeStatus, "/x", { token: owner.token })));
    expect(statuses(results)).toEqual([...Array(budget).fill(200), 429]);
    expectRefusal(results.find((result) => result.status === 429)!);
    expect((await call(stripeStatus, "/x", { token: other.token })).status).toBe(200);
  });

  describe("Stripe connect starts (each creates an Account Link at Stripe)", () => {
    let simulator: Awaited<ReturnType<typeof startStripeSimulator>>;
    beforeAll(async () => {
      simulator = await startStripeSimulator();
      process.env.STRIPE_SIMULATOR_URL = simulator.url;
      resetEnvCache();
    });
    afterAll(async () => {
      delete process.env.STRIPE_SIMULATOR_URL;
      resetEnvCache();
      await simulator.close();
    });

    const CONNECT = "/api/v1/auth/tenants/stripe/connect/";
    const linksAtStripe = async () => (await prisma.stripeSimulatorObject.findMany({ where: { kind: "account_link" } })).length;

    it("one more than the budget at once gets a 429; it calls Stripe for nothing, stores and audits nothing; another tenant is unaffected", async () => {
      const budget = RATE_LIMITS.stripe_connect.points;
      const owner = await registerOwner();
      const other = await registerOwner();
      const linksBefore = await linksAtStripe();

      const results = await Promise.all(Array.from({ length: budget + 1 }, () => call(stripeConnect, CONNECT, { token: owner.token, body: {} })));
      expect(statuses(results)).toEqual([...Array(budget).fill(200), 429]);
      expectRefusal(results.find((result) => result.status === 429)!);

      expect(await linksAtStripe()).toBe(linksBefore + budget);
      expect(await prisma.oAuthState.count({ where: { tenantId: owner.tenantId } })).toBe(budget);
      expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: "stripe.connect_started" } })).toBe(budget);
      expect((await call(stripeConnect, CONNECT, { token: other.token, body: {} })).status).toBe(200);
    });

    it("a refused body or role spends nothing", async () => {
      const owner = await registerOwner();
      const admin = await addMember(owner.tenantId, "admin");
      for (let i = 0; i < RATE_LIMITS.stripe_connect.points + 1; i++) {
        expect((await call(stripeConnect, CONNECT, { token: owner.token, body: { extra: true } })).status).toBe(400);
        expect((await call(stripeConnect, CONNECT, { token: admin.token, body: {} })).status).toBe(403);
      }
      expect((await call(stripeConnect, CONNECT, { token: owner.token, body: {} })).status).toBe(200);
    });
  });
});
