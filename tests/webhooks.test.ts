import { afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { GET as getConfig, POST as setConfig, DELETE as deleteConfig } from "@/app/api/v1/auth/tenants/webhooks/config/route";
import { POST as reveal } from "@/app/api/v1/auth/tenants/webhooks/secret/reveal/route";
import { POST as sendTest } from "@/app/api/v1/auth/tenants/webhooks/test/route";
import { GET as listDeliveries } from "@/app/api/v1/auth/tenants/webhooks/deliveries/route";
import { POST as retry } from "@/app/api/v1/auth/tenants/webhooks/deliveries/[messageId]/retry/route";
import { POST as regenerate } from "@/app/api/v1/auth/tenants/api-keys/regenerate/route";
import { POST as revoke } from "@/app/api/v1/auth/tenants/api-keys/revoke/route";
import { claimDueAttempts, deliverDueAttempts } from "@/lib/webhooks/attempt-runner";
import { emitEvent } from "@/lib/webhooks/outbox";
import { call, registerOwner } from "./helpers/api";
import { addMember } from "./helpers/fixtures";
import { receiversPerTest } from "./helpers/receiver";

// Deliveries time out after 10 s in production; 400 ms keeps the timeout test quick.
const delivery = vi.hoisted(() => ({ timeoutMs: 400 }));
vi.mock("@/lib/webhooks/safe-http-client", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/webhooks/safe-http-client")>();
  return { ...actual, sendWebhookRequest: (request: Parameters<typeof actual.sendWebhookRequest>[0]) => actual.sendWebhookRequest({ ...request, timeoutMs: delivery.timeoutMs }) };
});

const CONFIG = "/api/v1/auth/tenants/webhooks/config/";
const TEST = "/api/v1/auth/tenants/webhooks/test/";
const DELIVERIES = "/api/v1/auth/tenants/webhooks/deliveries/";

function allowPrivateTargets(on: boolean) {
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = on ? "1" : "0";
  resetEnvCache();
}

const receiver = receiversPerTest();

afterEach(() => {
  delivery.timeoutMs = 400;
});

/**
 * An owner whose endpoint points at a fresh receiver that verifies signatures.
 * Saved without the verification ping, so the receiver sees only what a test sends it.
 */
async function configuredOwner() {
  const owner = await registerOwner();
  const target = await receiver();
  const configured = await call(setConfig, CONFIG, { token: owner.token, body: { verify: false, url: target.url } });
  expect(configured.status).toBe(200);
  target.setSecret(configured.body.secret);
  return { owner, target, secret: configured.body.secret as string };
}

/** Runs the worker until nothing is due. */
async function drain(workerId = "test-worker", batchSize = 50) {
  let total = 0;
  const pass = () => deliverDueAttempts(workerId, { batchSize, concurrency: 3 });
  for (let handled = await pass(); handled > 0; handled = await pass()) total += handled;
  return total;
}

async function makeRetriesDue(tenantId: string) {
  await prisma.webhookAttempt.updateMany({ where: { tenantId, state: "pending" }, data: { dueAt: new Date(Date.now() - 1000) } });
}

describe("webhook configuration", () => {
  it("creates a whsec_ secret on first configuration, shows it once, masks it after, and stores it encrypted", async () => {
    const owner = await registerOwner();
    const empty = await call(getConfig, CONFIG, { token: owner.token });
    expect(empty.body).toMatchObject({ url: null, secret_masked: null, enabled: false, health: { last_delivery_at: null, failing_messages: 0 } });

    const target = await receiver();
    const created = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url } });
    expect(created.status).toBe(200);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{44}$/);
    expect(created.body).toMatchObject({ url: target.url, enabled: true, secret_masked: `whsec_****...${created.body.secret.slice(-4)}` });

    const read = await call(getConfig, CONFIG, { token: owner.token });
    expect(read.body.secret).toBeUndefined();
    expect(JSON.stringify(read.body)).not.toContain(created.body.secret.slice(6));
    const row = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { tenantId: owner.tenantId } });
    expect(row.secretEncrypted).not.toContain(created.body.secret.slice(6));

    // Changing the URL keeps the secret; regenerate_secret replaces it.
    const moved = await call(setConfig, CONFIG, { token: owner.token, body: { url: `${target.url}/v2` } });
    expect(moved.body.secret).toBeUndefined();
    expect((await call(reveal, "/x", { token: owner.token })).body.secret).toBe(created.body.secret);
    const rotated = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url, regenerate_secret: true } });
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);

    const actions = (await prisma.auditLog.findMany({ where: { tenantId: owner.tenantId }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["webhooks.endpoint_configured", "webhooks.secret_revealed"]));
    const auditText = JSON.stringify(await prisma.auditLog.findMany({ where: { tenantId: owner.tenantId } }));
    expect(auditText).not.toContain(created.body.secret.slice(6));
    expect(auditText).not.toContain(rotated.body.secret.slice(6));
  });

  it("enforces the URL rules with a code per rule, and stores nothing", async () => {
    const owner = await registerOwner();
    allowPrivateTargets(false);
    const cases: [string, string][] = [
      ["not a url", "webhook_url_invalid"],
      ["ftp://example.com/hook", "webhook_url_invalid"],
      ["https://user:pw@example.com/hook", "webhook_url_invalid"],
      [`https://example.com/${"a".repeat(2040)}`, "webhook_url_invalid"],
      ["http://example.com/hook", "webhook_url_not_https"],
      ["https://127.0.0.1/hook", "webhook_url_forbidden"],
      ["https://localhost/hook", "webhook_url_forbidden"],
      ["https://169.254.169.254/latest/meta-data", "webhook_url_forbidden"],
      ["https://[::ffff:10.0.0.1]/hook", "webhook_url_forbidden"],
    ];
    for (const [url, code] of cases) {
      const result = await call(setConfig, CONFIG, { token: owner.token, body: { url } });
      expect(result.status, url).toBe(400);
      expect(result.body.error.code, url).toBe(code);
    }
    expect(await prisma.webhookEndpoint.count({ where: { tenantId: owner.tenantId } })).toBe(0);
    const missing = await call(setConfig, CONFIG, { token: owner.token, body: {} });
    expect(missing.body.error.code).toBe("validation_error");
  });

  it("keeps credentials in the URL for delivery only: answers, the delivery log and audit entries show them as ****", async () => {
    const owner = await registerOwner();
    const target = await receiver();
    const url = `${target.url}?token=abc&id=1`;
    const redacted = `${target.url}?token=****&id=1`;
    const configured = await call(setConfig, CONFIG, { token: owner.token, body: { verify: false, url } });
    expect(configured.status).toBe(200);
    expect(configured.body.url).toBe(redacted);
    const read = await call(getConfig, CONFIG, { token: owner.token });
    expect(read.body.url).toBe(redacted);
    expect(JSON.stringify(read.body)).not.toContain("abc");
    expect((await prisma.webhookEndpoint.findUniqueOrThrow({ where: { tenantId: owner.tenantId } })).url).toBe(url);

    // The page shows the redacted URL; saving it back (e.g. to regenerate the secret) keeps the real token.
    const savedBack = await call(setConfig, CONFIG, { token: owner.token, body: { verify: false, url: redacted, regenerate_secret: true } });
    expect(savedBack.status).toBe(200);
    expect((await prisma.webhookEndpoint.findUniqueOrThrow({ where: { tenantId: owner.tenantId } })).url).toBe(url);

    // The receiver gets the real token; the delivery log does not show it.
    expect((await call(sendTest, TEST, { token: owner.token, body: {} })).body.delivered).toBe(true);
    expect(target.received.map((delivery) => delivery.path)).toEqual(["/hooks?token=abc&id=1"]);
    const log = await call(listDeliveries, DELIVERIES, { token: owner.token });
    expect(log.body.data[0].attempts[0].url).toBe(redacted);
    expect(JSON.stringify(log.body)).not.toContain("abc");

    expect((await call(deleteConfig, CONFIG, { method: "DELETE", token: owner.token })).status).toBe(200);
    const entries = await prisma.auditLog.findMany({ where: { tenantId: owner.tenantId, action: { in: ["webhooks.endpoint_configured", "webhooks.endpoint_removed"] } }, orderBy: { createdAt: "asc" } });
    expect(entries.map((entry) => entry.metadata)).toEqual([
      expect.objectContaining({ url: redacted, previous_url: null }),
      expect.objectContaining({ url: redacted, previous_url: redacted }),
      expect.objectContaining({ url: redacted }),
    ]);
    expect(JSON.stringify(entries)).not.toContain("abc");
  });

  it("DELETE removes the URL, stops deliveries and keeps the secret (owner only)", async () => {
    const { owner, target, secret } = await configuredOwner();
    const admin = await addMember(owner.tenantId, "admin");
    expect((await call(deleteConfig, CONFIG, { method: "DELETE", token: admin.token })).status).toBe(403);

    await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", { n: 1 }));
    const removed = await call(deleteConfig, CONFIG, { method: "DELETE", token: owner.token });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ url: null, enabled: false, secret_masked: `whsec_****...${secret.slice(-4)}` });
    await drain();
    expect(target.received).toHaveLength(0);
    expect(await prisma.webhookMessage.findFirst({ where: { tenantId: owner.tenantId } })).toMatchObject({ status: "failed" });
    // New events are not recorded without a URL.
    expect(await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", {}))).toBeNull();
    expect((await call(deleteConfig, CONFIG, { method: "DELETE", token: owner.token })).body.error.code).toBe("webhook_not_configured");

    // Reconfiguring reuses the kept secret.
    const again = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url } });
    expect(again.body.secret).toBeUndefined();
    expect((await call(reveal, "/x", { token: owner.token })).body.secret).toBe(secret);
  });
});

describe("POST /webhooks/test/", () => {
  it("sends one signed delivery and reports status, timing and body; the receiver verifies it with standardwebhooks", async () => {
    const { owner, target, secret } = await configuredOwner();
    target.respond({ kind: "status", status: 200, body: '{"received":true}' });
    const result = await call(sendTest, TEST, { token: owner.token, body: { event_type: "webhook.test", payload: { hello: "world" } } });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ delivered: true, status_code: 200, response_body: '{"received":true}', message_id: expect.stringMatching(/^msg_/) });
    expect(result.body.response_time_ms).toEqual(expect.any(Number));
    expect(target.received).toHaveLength(1);
    const [delivery] = target.received;
    expect(delivery.verified).toBe(true);
    expect(delivery.headers["webhook-id"]).toBe(result.body.message_id);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: "webhook.test", test: true, data: { hello: "world" }, timestamp: expect.any(String) });
    expect(JSON.stringify(delivery.headers) + delivery.body).not.toContain(secret.slice(6));
    // The answer names the exact bytes that were signed: what the receiver got.
    expect(result.body.request_body).toBe(delivery.body);

    const log = await call(listDeliveries, DELIVERIES, { token: owner.token });
    expect(log.body.data[0]).toMatchObject({ id: result.body.message_id, status: "delivered", event_type: "webhook.test" });
    expect(log.body.data[0].attempts).toEqual([expect.objectContaining({ trigger: "test", state: "succeeded", status_code: 200 })]);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "webhooks.test_sent" } });
    expect(audit).toMatchObject({ actorUserId: owner.userId, targetId: result.body.message_id });
  });

  it("marks a test send test: true, while a real event of the same type carries test: false", async () => {
    const { owner, target } = await configuredOwner();
    const rehearsal = await call(sendTest, TEST, { token: owner.token, body: { event_type: "api_keys.revoked" } });
    expect(rehearsal.status).toBe(200);
    const revoked = await call(revoke, "/x", { token: owner.token, body: { key_type: "test", reason: "Rotating after a leak", confirm: true } });
    expect(revoked.status).toBe(200);
    await drain();
    const bodies = target.received.map((delivery) => JSON.parse(delivery.body));
    expect(bodies).toEqual([
      expect.objectContaining({ type: "api_keys.revoked", test: true, data: expect.objectContaining({ reason: "Key pasted in a public repository" }) }),
      expect.objectContaining({ type: "api_keys.revoked", test: false, data: expect.objectContaining({ reason: "Rotating after a leak", revoked_count: 2 }) }),
    ]);
  });

  it("reports a receiver's 500 as delivered: false, not as our error", async () => {
    const { owner, target } = await configuredOwner();
    target.respond({ kind: "status", status: 500, body: "boom" });
    const result = await call(sendTest, TEST, { token: owner.token, body: {} });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ delivered: false, status_code: 500, response_body: "boom" });
  });

  it("answers 408 webhook_timeout for a slow endpoint and 502 webhook_unreachable for a refused one", async () => {
    const { owner, target } = await configuredOwner();
    target.respond({ kind: "slow", delayMs: 2_000 });
    const slow = await call(sendTest, TEST, { token: owner.token, body: {} });
    expect(slow.status).toBe(408);
    expect(slow.body.error.code).toBe("webhook_timeout");

    const closed = await receiver();
    await closed.close();
    await call(setConfig, CONFIG, { token: owner.token, body: { verify: false, url: closed.url } });
    const refused = await call(sendTest, TEST, { token: owner.token, body: {} });
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe("webhook_unreachable");
    expect(refused.body.error.details.message_id).toMatch(/^msg_/);
    expect(JSON.parse(refused.body.error.details.request_body)).toMatchObject({ type: "webhook.test", test: true });
    const log = await call(listDeliveries, `${DELIVERIES}?status=failed`, { token: owner.token });
    expect(log.body.data.length).toBe(2);
  });

  it("answers 409 without a URL, and 400 webhook_url_forbidden for a loopback target, which never sees a connection", async () => {
    const owner = await registerOwner();
    const none = await call(sendTest, TEST, { token: owner.token, body: {} });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe("webhook_not_configured");

    const { owner: other, target } = await configuredOwner();
    // https://, so only the address rule can stop it (the receiver counts TCP connections).
    await call(setConfig, CONFIG, { token: other.token, body: { verify: false, url: `https://127.0.0.1:${target.port}/hooks` } });
    allowPrivateTargets(false);
    const forbidden = await call(sendTest, TEST, { token: other.token, body: {} });
    expect(forbidden.status).toBe(400);
    expect(forbidden.body.error.code).toBe("webhook_url_forbidden");
    expect(target.connections).toBe(0);
    expect(target.received).toHaveLength(0);
  });

  it("validates the test body", async () => {
    const { owner } = await configuredOwner();
    for (const body of [{ payload: "not an object" }, { payload: [1, 2] }, { event_type: "Not Valid" }, { extra: true }]) {
      const result = await call(sendTest, TEST, { token: owner.token, body });
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe("validation_error");
    }
    const big = await call(sendTest, TEST, { token: owner.token, body: { payload: { blob: "x".repeat(70 * 1024) } } });
    expect(big.status).toBe(413);
  });
});

describe("delivery from the outbox", () => {
  it("delivers events emitted by features (api_keys.regenerated) with a valid signature and no secrets", async () => {
    const { owner, target } = await configuredOwner();
    const regenerated = await call(regenerate, "/x", { token: owner.token, body: { key_type: "test", confirm: true } });
    const message = await prisma.webhookMessage.findFirstOrThrow({ where: { tenantId: owner.tenantId, eventType: "api_keys.regenerated" } });
    expect(message.status).toBe("pending");
    expect(await drain()).toBe(1);
    expect(target.received).toHaveLength(1);
    expect(target.received[0].verified).toBe(true);
    const body = JSON.parse(target.received[0].body);
    expect(body).toMatchObject({ type: "api_keys.regenerated", test: false, data: { key_type: "test", modes: ["test"], replaced_count: 2 } });
    const newSecret = regenerated.body.api_keys.find((key: { type: string }) => key.type === "secret").key;
    expect(target.received[0].body).not.toContain(newSecret);
    expect((await prisma.webhookMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("delivered");
  });

  it("retries after failures on the schedule until the receiver recovers, keeping the webhook-id", async () => {
    const { owner, target } = await configuredOwner();
    target.respond({ kind: "status", status: 500 });
    const id = await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", { n: 1 }));
    const before = Date.now();
    await drain();
    let message = await prisma.webhookMessage.findUniqueOrThrow({ where: { id: id! }, include: { attempts: { orderBy: { attemptNumber: "asc" } } } });
    expect(message.status).toBe("failing");
    expect(message.attempts.map((a) => a.state)).toEqual(["failed", "pending"]);
    const delay = message.attempts[1].dueAt.getTime() - before;
    expect(delay).toBeGreaterThanOrEqual(4_000 - 100);
    expect(delay).toBeLessThanOrEqual(6_000 + 1_000);

    await makeRetriesDue(owner.tenantId);
    await drain();
    message = await prisma.webhookMessage.findUniqueOrThrow({ where: { id: id! }, include: { attempts: { orderBy: { attemptNumber: "asc" } } } });
    expect(message.attempts.map((a) => a.state)).toEqual(["failed", "failed", "pending"]);
    expect(message.attempts[2].dueAt.getTime() - Date.now()).toBeGreaterThan(200_000); // ~5 min

    target.respond({ kind: "status", status: 204 });
    await makeRetriesDue(owner.tenantId);
    await drain();
    message = await prisma.webhookMessage.findUniqueOrThrow({ where: { id: id! }, include: { attempts: true } });
    expect(message.status).toBe("delivered");
    expect(new Set(target.received.map((r) => r.headers["webhook-id"]))).toEqual(new Set([id]));
    expect(target.received.every((r) => r.verified)).toBe(true);
    const config = await call(getConfig, CONFIG, { token: owner.token });
    expect(config.body.health).toMatchObject({ last_outcome: "delivered", last_status_code: 204, failing_messages: 0, failing_since: null });
  });

  it("honours Retry-After on 429 and 503", async () => {
    for (const status of [429, 503]) {
      const { owner, target } = await configuredOwner();
      target.respond({ kind: "status", status, headers: { "retry-after": "120" } });
      await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", {}));
      const before = Date.now();
      await drain();
      const next = await prisma.webhookAttempt.findFirstOrThrow({ where: { tenantId: owner.tenantId, state: "pending" } });
      expect(next.dueAt.getTime() - before, String(status)).toBeGreaterThanOrEqual(119_000);
    }
  });

  it("disables the endpoint on 410 Gone, audits it, and re-enables it when the URL is set again", async () => {
    const { owner, target } = await configuredOwner();
    target.respond({ kind: "status", status: 410 });
    await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", {}));
    await drain();
    const config = await call(getConfig, CONFIG, { token: owner.token });
    expect(config.body).toMatchObject({ enabled: false, disabled_reason: "The endpoint answered 410 Gone." });
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: "webhooks.endpoint_disabled" } })).toBe(1);
    expect(await prisma.webhookAttempt.count({ where: { tenantId: owner.tenantId, state: "pending" } })).toBe(0);
    expect(await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", {}))).toBeNull();

    target.respond({ kind: "status", status: 200 });
    const again = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url } });
    expect(again.body).toMatchObject({ enabled: true, disabled_reason: null });
  });

  it("disables an endpoint that has failed for 5 days without a success", async () => {
    const { owner, target } = await configuredOwner();
    target.respond({ kind: "status", status: 500 });
    await prisma.webhookEndpoint.update({ where: { tenantId: owner.tenantId }, data: { failingSince: new Date(Date.now() - 5 * 86_400_000 - 60_000) } });
    await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", {}));
    await drain();
    const config = await call(getConfig, CONFIG, { token: owner.token });
    expect(config.body.enabled).toBe(false);
    expect(config.body.disabled_reason).toMatch(/5 days/);
  });

  it("retries a message by hand now, and a success cancels the scheduled retry", async () => {
    const { owner, target } = await configuredOwner();
    target.respond({ kind: "status", status: 500 });
    const id = await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", {}));
    await drain();
    target.respond({ kind: "status", status: 200, body: "fixed" });
    const result = await call(retry, `${DELIVERIES}${id}/retry/`, { token: owner.token, params: { messageId: id! } });
    expect(result.status).toBe(200);
    expect(result.body.message.status).toBe("delivered");
    expect(result.body.attempt).toMatchObject({ trigger: "manual", state: "succeeded", status_code: 200, response_body: "fixed" });
    expect(result.body.message.attempts.map((a: { state: string }) => a.state)).toEqual(["failed", "cancelled", "succeeded"]);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenantId, action: "webhooks.delivery_retried" } });
    expect(audit).toMatchObject({ actorUserId: owner.userId, targetId: id, metadata: { attempt_number: 3 } });
    const auditCount = await prisma.auditLog.count({ where: { tenantId: owner.tenantId } });
    const unknown = await call(retry, "/x", { token: owner.token, params: { messageId: "msg_nope" } });
    expect(unknown.status).toBe(404);
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId } })).toBe(auditCount);
  });

  it("a worker stopped mid-batch leaves nothing behind: after its lease, another worker delivers every message", async () => {
    const { owner, target } = await configuredOwner();
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", { i })))!);
    const claimed = await claimDueAttempts("crashed-worker", 50);
    expect(claimed.attempts).toHaveLength(8);
    // Another worker cannot take leased attempts…
    expect((await claimDueAttempts("other-worker", 50)).attempts).toHaveLength(0);
    // …until the lease has run out.
    await prisma.webhookAttempt.updateMany({ where: { tenantId: owner.tenantId }, data: { leaseUntil: new Date(Date.now() - 1) } });
    await drain("recovery-worker");
    expect(new Set(target.received.map((r) => r.headers["webhook-id"]))).toEqual(new Set(ids));
    expect(await prisma.webhookMessage.count({ where: { tenantId: owner.tenantId, status: "delivered" } })).toBe(8);
  });

  it("records a batch's deliveries together, each attempt with its own answer and each message delivered once", async () => {
    const { owner, target } = await configuredOwner();
    target.respond({ kind: "status", status: 202, body: "accepted" });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", { i })))!);
    const before = Date.now();
    expect(await drain()).toBe(7);
    const attempts = await prisma.webhookAttempt.findMany({ where: { tenantId: owner.tenantId } });
    expect(attempts.map((attempt) => attempt.messageId).sort()).toEqual([...ids].sort());
    const sentIds = new Map(target.received.map((r) => [r.headers["webhook-id"], r.headers["webhook-signature"]]));
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ state: "succeeded", statusCode: 202, responseBody: "accepted", error: null, leaseUntil: null, url: target.url });
      expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
      expect(attempt.startedAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
      expect(attempt.finishedAt!.getTime()).toBeGreaterThanOrEqual(attempt.startedAt!.getTime());
      // The headers recorded are the ones this attempt sent.
      expect(JSON.parse(attempt.requestHeaders!)["webhook-signature"]).toBe(sentIds.get(attempt.messageId));
    }
    const messages = await prisma.webhookMessage.findMany({ where: { tenantId: owner.tenantId } });
    for (const message of messages) {
      expect(message).toMatchObject({ status: "delivered", attemptCount: 1, lastStatusCode: 202, nextAttemptAt: null });
      expect(message.deliveredAt!.getTime()).toBe(message.lastAttemptAt!.getTime());
    }
    // The timestamps are stored as the Prisma client stores its own: range filters find them.
    expect(await prisma.webhookAttempt.count({ where: { tenantId: owner.tenantId, finishedAt: { gte: new Date(before - 1_000), lte: new Date() } } })).toBe(7);
  });

  it("a batch's recorded delivery leaves an attempt another worker took over, and never delivers a message twice", async () => {
    const { owner } = await configuredOwner();
    const id = (await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", {})))!;
    const claimed = await claimDueAttempts("slow-worker", 10);
    const attempt = claimed.attempts[0];
    // Another worker took the attempt over, and delivered the message first.
    await prisma.webhookAttempt.update({ where: { id: attempt.id }, data: { leaseOwner: "fast-worker:1" } });
    const firstDelivery = new Date(Date.now() - 5_000);
    await prisma.webhookMessage.update({ where: { id }, data: { status: "delivered", deliveredAt: firstDelivery, attemptCount: 1, lastStatusCode: 200 } });
    const { recordDeliveredAttempts } = await import("@/lib/webhooks/delivered-attempts");
    const now = new Date();
    await recordDeliveredAttempts([
      { attemptId: attempt.id, leaseOwner: claimed.leaseOwner, messageId: id, url: "https://example.test/", startedAt: now, finishedAt: now, statusCode: 204, durationMs: 3, responseBody: "", requestHeaders: "{}" },
    ]);
    expect(await prisma.webhookAttempt.findUniqueOrThrow({ where: { id: attempt.id } })).toMatchObject({ state: "in_flight", leaseOwner: "fast-worker:1", statusCode: null });
    expect(await prisma.webhookMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "delivered", deliveredAt: firstDelivery, attemptCount: 1, lastStatusCode: 200 });
  });

  it("two workers running at once never send the same attempt twice", async () => {
    const { owner, target } = await configuredOwner();
    for (let i = 0; i < 30; i++) await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", { i }));
    // Small batches, and each worker keeps going while anything is left, so
    // both really compete for the same attempts.
    const work = async (workerId: string) => {
      while ((await prisma.webhookAttempt.count({ where: { tenantId: owner.tenantId, state: { in: ["pending", "in_flight"] } } })) > 0) {
        // Like the real worker, wait a little when the other one holds everything that is left.
        if ((await deliverDueAttempts(workerId, { batchSize: 3, concurrency: 2 })) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    await Promise.all([work("worker-a"), work("worker-b")]);
    const seen = target.received.map((r) => r.headers["webhook-id"]);
    // One request per attempt that was sent. Usually that is one per message, but an answer slower
    // than the send timeout (a starved machine) fails its attempt and the retry sends the message
    // again, as at-least-once delivery should: what must never happen is one attempt sent twice,
    // which would show as more requests than attempts with a result.
    const sentAttempts = await prisma.webhookAttempt.count({ where: { tenantId: owner.tenantId, state: { in: ["succeeded", "failed"] } } });
    expect(seen).toHaveLength(sentAttempts);
    expect(new Set(seen).size).toBe(30);
    expect(await prisma.webhookAttempt.count({ where: { tenantId: owner.tenantId, state: "succeeded" } })).toBe(30);
  });

  it("a failure that lands after the endpoint was removed schedules nothing more", async () => {
    const { owner, target } = await configuredOwner();
    // The receiver answers 500 only once the URL is gone, well within the timeout.
    delivery.timeoutMs = 10_000;
    let removed!: () => void;
    target.respond({ kind: "held", release: new Promise<void>((resolve) => (removed = resolve)), status: 500 });
    const id = await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", {}));
    const delivering = drain();
    await vi.waitFor(() => expect(target.received).toHaveLength(1), { timeout: 5_000, interval: 10 });
    expect((await call(deleteConfig, CONFIG, { method: "DELETE", token: owner.token })).status).toBe(200);
    removed();
    await delivering;
    const message = await prisma.webhookMessage.findUniqueOrThrow({ where: { id: id! }, include: { attempts: true } });
    expect(message).toMatchObject({ status: "failed", nextAttemptAt: null, attemptCount: 1, lastStatusCode: 500 });
    expect(message.attempts).toEqual([expect.objectContaining({ state: "failed", statusCode: 500, error: "Receiver answered 500" })]);
    // Nothing was added to be tried later, and the endpoint's failing streak did not start.
    expect((await prisma.webhookEndpoint.findUniqueOrThrow({ where: { tenantId: owner.tenantId } })).failingSince).toBeNull();
  });

  it("a worker whose lease was taken over does not send the attempt", async () => {
    const { owner, target } = await configuredOwner();
    await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", {}));
    const stale = await claimDueAttempts("slow-worker", 10);
    await prisma.webhookAttempt.updateMany({ where: { tenantId: owner.tenantId }, data: { leaseUntil: new Date(Date.now() - 1) } });
    await drain("fast-worker");
    expect(target.received).toHaveLength(1);
    const { deliverAttempt } = await import("@/lib/webhooks/attempt-runner");
    // Time has passed for the slow worker too: its copy of the lease has run out.
    const late = await deliverAttempt({ ...stale.attempts[0], leaseUntil: new Date(Date.now() - 1) }, stale.leaseOwner);
    expect(late.result).toBeNull();
    expect(target.received).toHaveLength(1);
  });
});

describe("roles and tenant isolation", () => {
  it("lets admins configure and test, refuses members, and keeps tenants apart", async () => {
    const { owner, target } = await configuredOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const member = await addMember(owner.tenantId, "member");
    expect((await call(getConfig, CONFIG, { token: member.token })).status).toBe(403);
    expect((await call(sendTest, TEST, { token: member.token, body: {} })).status).toBe(403);
    expect((await call(reveal, "/x", { token: member.token })).status).toBe(403);
    expect((await call(listDeliveries, DELIVERIES, { token: member.token })).status).toBe(403);
    expect((await call(setConfig, CONFIG, { token: member.token, body: { url: target.url } })).status).toBe(403);
    expect((await call(deleteConfig, CONFIG, { method: "DELETE", token: member.token })).status).toBe(403);
    expect((await call(reveal, "/x", { token: admin.token })).status).toBe(200);
    expect((await call(sendTest, TEST, { token: admin.token, body: {} })).status).toBe(200);
    expect((await call(setConfig, CONFIG, { token: admin.token, body: { url: target.url } })).status).toBe(200);

    const stranger = await registerOwner();
    const theirs = await call(listDeliveries, DELIVERIES, { token: stranger.token });
    expect(theirs.body.data).toEqual([]);
    const messageId = (await call(listDeliveries, DELIVERIES, { token: owner.token })).body.data[0].id;
    const crossRetry = await call(retry, "/x", { token: stranger.token, params: { messageId } });
    expect(crossRetry.status).toBe(404);
    expect((await call(getConfig, CONFIG, { token: stranger.token })).body.url).toBeNull();
  });
});
