// The webhook endpoint's subscription, the verification ping (on save and
// "Send again"), the event type catalog, and rotating the signing secret
// with a grace period.
import { afterEach, describe, expect, it, vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { prisma } from "@/lib/db";
import { GET as getConfig, POST as setConfig } from "@/app/api/v1/auth/tenants/webhooks/config/route";
import { POST as verify } from "@/app/api/v1/auth/tenants/webhooks/verify/route";
import { POST as rotate } from "@/app/api/v1/auth/tenants/webhooks/secret/rotate/route";
import { DELETE as expirePrevious } from "@/app/api/v1/auth/tenants/webhooks/secret/previous/route";
import { POST as reveal } from "@/app/api/v1/auth/tenants/webhooks/secret/reveal/route";
import { GET as eventTypes } from "@/app/api/v1/auth/tenants/webhooks/event-types/route";
import { POST as sendTest } from "@/app/api/v1/auth/tenants/webhooks/test/route";
import { GET as listDeliveries } from "@/app/api/v1/auth/tenants/webhooks/deliveries/route";
import { EVENT_TYPES } from "@/lib/webhooks/event-types";
import { emitEvent } from "@/lib/webhooks/outbox";
import { expirePreviousSecrets } from "@/lib/webhooks/secret-rotation";
import { startWebhookWorker } from "@/lib/webhooks/worker";
import { ANY_REQUEST_ID, BASE_URL, call, errorBody, registerOwner } from "./helpers/api";
import { addMember } from "./helpers/fixtures";
import { drainDeliveries } from "./helpers/payments";
import { receiversPerTest, type ReceivedDelivery } from "./helpers/receiver";

// Deliveries time out after 10 s; the timeout test shortens that to keep quick, and only it (a short timeout
// everywhere would fail healthy sends on a busy machine).
const delivery = vi.hoisted(() => ({ timeoutMs: undefined as number | undefined }));
vi.mock("@/lib/webhooks/safe-http-client", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/webhooks/safe-http-client")>();
  return { ...actual, sendWebhookRequest: (request: Parameters<typeof actual.sendWebhookRequest>[0]) => actual.sendWebhookRequest({ ...request, timeoutMs: delivery.timeoutMs ?? request.timeoutMs }) };
});

const CONFIG = "/api/v1/auth/tenants/webhooks/config/";
const VERIFY = "/api/v1/auth/tenants/webhooks/verify/";
const ROTATE = "/api/v1/auth/tenants/webhooks/secret/rotate/";
const PREVIOUS = "/api/v1/auth/tenants/webhooks/secret/previous/";
const EVENT_TYPES_PATH = "/api/v1/auth/tenants/webhooks/event-types/";
const TEST = "/api/v1/auth/tenants/webhooks/test/";
const HOUR_MS = 3_600_000;

const receiver = receiversPerTest();

afterEach(() => {
  delivery.timeoutMs = undefined;
});

/** Whether the standardwebhooks library accepts a request, as the receiver captured it, with this secret alone. */
function verifiesWith(delivery: ReceivedDelivery, secret: string): boolean {
  try {
    new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
}

/** An owner whose endpoint points at a fresh receiver, saved without a ping (each test pings when it means to). */
async function configuredOwner(body: Record<string, unknown> = {}) {
  const owner = await registerOwner();
  const target = await receiver();
  const configured = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url, verify: false, ...body } });
  expect(configured.status).toBe(200);
  return { owner, target, secret: configured.body.secret as string };
}


const endpointRow = (tenantId: string) => prisma.webhookEndpoint.findUniqueOrThrow({ where: { tenantId } });
const auditOf = (tenantId: string, action: string) => prisma.auditLog.findMany({ where: { tenantId, action }, orderBy: { createdAt: "asc" } });

const revokedData = { key_type: "test" as const, modes: ["test" as const], revoked_count: 1, reason: "Leaked" };

describe("event subscription", () => {
  it("queues only subscribed events: the others leave no message at all; test sends and pings go out whatever the subscription", async () => {
    const { owner, target } = await configuredOwner({ event_types: ["payment.refunded", "api_keys.revoked", "payment.refunded"] });
    const config = await call(getConfig, CONFIG, { token: owner.token });
    // Each once, in the registry's order.
    expect(config.body.event_types).toEqual(["api_keys.revoked", "payment.refunded"]);

    const skipped = await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", { message: "not subscribed" }));
    expect(skipped).toBeNull();
    const queued = await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "api_keys.revoked", revokedData));
    expect(queued).toMatch(/^msg_/);
    expect(await prisma.webhookMessage.findMany({ where: { tenantId: owner.tenantId }, select: { id: true } })).toEqual([{ id: queued }]);

    const rehearsal = await call(sendTest, TEST, { token: owner.token, body: { event_type: "payment.succeeded" } });
    expect(rehearsal.body).toMatchObject({ delivered: true });
    expect((await call(verify, VERIFY, { method: "POST", token: owner.token })).body.verification.delivered).toBe(true);
    await drainDeliveries();
    expect(target.received.map((delivery) => JSON.parse(delivery.body).type)).toEqual(["payment.succeeded", "webhook.test", "api_keys.revoked"]);
  });

  it("keeps the subscription when a save leaves event_types out, and [] subscribes to every event again; audited before and after", async () => {
    const { owner, target } = await configuredOwner({ event_types: ["payment.succeeded"] });
    const kept = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url, verify: false, regenerate_secret: true } });
    expect(kept.body.event_types).toEqual(["payment.succeeded"]);
    const everything = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url, verify: false, event_types: [] } });
    expect(everything.body.event_types).toEqual([]);
    expect(await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "api_keys.revoked", revokedData))).toMatch(/^msg_/);

    const entries = await auditOf(owner.tenantId, "webhooks.endpoint_configured");
    expect(entries.map((entry) => entry.metadata)).toEqual([
      expect.objectContaining({ event_types: ["payment.succeeded"], previous_event_types: [] }),
      expect.objectContaining({ event_types: ["payment.succeeded"], previous_event_types: ["payment.succeeded"] }),
      expect.objectContaining({ event_types: [], previous_event_types: ["payment.succeeded"] }),
    ]);
  });

  it("a save that only changes the subscription keeps the failing streak; a new URL starts afresh", async () => {
    const { owner, target } = await configuredOwner();
    const failingSince = new Date(Date.now() - 2 * 86_400_000);
    await prisma.webhookEndpoint.update({ where: { tenantId: owner.tenantId }, data: { failingSince } });
    const filtered = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url, verify: false, event_types: ["payment.succeeded"] } });
    expect(filtered.status).toBe(200);
    expect(filtered.body.health.failing_since).toBe(failingSince.toISOString());
    expect((await endpointRow(owner.tenantId)).failingSince).toEqual(failingSince);

    const moved = await receiver();
    const elsewhere = await call(setConfig, CONFIG, { token: owner.token, body: { url: moved.url, verify: false } });
    expect(elsewhere.body.health.failing_since).toBeNull();
    expect((await endpointRow(owner.tenantId)).failingSince).toBeNull();
  });

  it("refuses unknown event types with 400 unknown_event_type naming them; nothing is saved, sent or audited", async () => {
    const { owner, target, secret } = await configuredOwner({ event_types: ["payment.succeeded"] });
    const before = await endpointRow(owner.tenantId);
    const auditBefore = await prisma.auditLog.count({ where: { tenantId: owner.tenantId } });
    const other = await receiver();

    const result = await call(setConfig, CONFIG, {
      token: owner.token,
      body: { url: other.url, regenerate_secret: true, event_types: ["payment.succeeded", "payment.exploded", "invoice.paid"] },
    });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      error: { code: "unknown_event_type", message: expect.any(String), request_id: ANY_REQUEST_ID, details: { unknown: ["payment.exploded", "invoice.paid"] } },
    });
    expect(await endpointRow(owner.tenantId)).toEqual(before);
    expect((await call(reveal, "/x", { token: owner.token })).body.secret).toBe(secret);
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: { not: "webhooks.secret_revealed" } } })).toBe(auditBefore);
    expect(other.connections + target.connections).toBe(0);
    expect(await prisma.webhookMessage.count({ where: { tenantId: owner.tenantId } })).toBe(0);
  });

  it("refuses malformed event_types and verify with validation_error", async () => {
    const { owner, target } = await configuredOwner();
    const before = await endpointRow(owner.tenantId);
    for (const body of [{ event_types: "payment.succeeded" }, { event_types: ["Payment Succeeded"] }, { event_types: [3] }, { verify: "yes" }]) {
      const result = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url, ...body } });
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.body.error.code).toBe("validation_error");
    }
    expect(await endpointRow(owner.tenantId)).toEqual(before);
    expect(target.received).toHaveLength(0);
  });

  it("GET /webhooks/event-types/ answers the registry's catalog to admins, not to members", async () => {
    const owner = await registerOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const member = await addMember(owner.tenantId, "member");
    const result = await call(eventTypes, EVENT_TYPES_PATH, { token: admin.token });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: JSON.parse(JSON.stringify(EVENT_TYPES)) });
    expect(result.body.data.map((entry: { type: string }) => entry.type)).toContain("payment.succeeded");
    expect(result.body.data[0]).toEqual({ type: "webhook.test", description: expect.any(String), example: expect.any(Object), schema: expect.objectContaining({ $schema: "https://json-schema.org/draft/2020-12/schema" }) });
    const refused = await call(eventTypes, EVENT_TYPES_PATH, { token: member.token });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(errorBody("forbidden"));
  });
});

describe("verification on save", () => {
  it("pings the saved URL with the secret it stores; the result is answered, kept, logged as a test send and audited with the change", async () => {
    const owner = await registerOwner();
    const target = await receiver();
    const saved = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url } });
    expect(saved.status).toBe(200);
    const verification = saved.body.verification;
    expect(verification).toEqual({
      delivered: true,
      status_code: 200,
      response_time_ms: expect.any(Number),
      error_code: null,
      message_id: expect.stringMatching(/^msg_/),
      at: expect.any(String),
    });
    expect(target.received).toHaveLength(1);
    const [ping] = target.received;
    expect(verifiesWith(ping, saved.body.secret)).toBe(true);
    expect(ping.headers["webhook-id"]).toBe(verification.message_id);
    expect(JSON.parse(ping.body)).toMatchObject({ type: "webhook.test", test: true });

    expect((await call(getConfig, CONFIG, { token: owner.token })).body.last_verification).toEqual(verification);
    const log = await call(listDeliveries, "/api/v1/auth/tenants/webhooks/deliveries/", { token: owner.token });
    expect(log.body.data).toEqual([
      expect.objectContaining({ id: verification.message_id, event_type: "webhook.test", status: "delivered", attempts: [expect.objectContaining({ trigger: "test", state: "succeeded" })] }),
    ]);
    const [entry] = await auditOf(owner.tenantId, "webhooks.endpoint_configured");
    expect(entry.metadata).toMatchObject({ verification: { delivered: true, status_code: 200, error_code: null, message_id: verification.message_id } });
    // The ping is part of the configuration's entry, not an entry of its own.
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: { in: ["webhooks.endpoint_verified", "webhooks.test_sent"] } } })).toBe(0);
  });

  it("saves whatever the ping meets: a 500 is delivered: false, and a 410 neither disables the endpoint nor starts its failing streak", async () => {
    const { owner, target } = await configuredOwner();
    for (const status of [500, 410]) {
      target.respond({ kind: "status", status, body: "no" });
      const saved = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url } });
      expect(saved.status).toBe(200);
      expect(saved.body.verification).toMatchObject({ delivered: false, status_code: status, error_code: null });
      expect(saved.body).toMatchObject({ enabled: true, disabled_reason: null, health: expect.objectContaining({ failing_since: null }) });
      const entries = await auditOf(owner.tenantId, "webhooks.endpoint_configured");
      expect(entries.at(-1)!.metadata).toMatchObject({ verification: { delivered: false, status_code: status, error_code: null } });
    }
    expect(await auditOf(owner.tenantId, "webhooks.endpoint_disabled")).toHaveLength(0);
    expect(await prisma.webhookMessage.count({ where: { tenantId: owner.tenantId, status: "failed" } })).toBe(2);
  });

  it("saves an unreachable or slow URL, answering why no answer came", async () => {
    const { owner, target } = await configuredOwner();
    const closed = await receiver();
    await closed.close();
    const unreachable = await call(setConfig, CONFIG, { token: owner.token, body: { url: closed.url } });
    expect(unreachable.status).toBe(200);
    expect(unreachable.body.url).toBe(closed.url);
    expect(unreachable.body.verification).toMatchObject({ delivered: false, status_code: null, error_code: "webhook_unreachable" });

    delivery.timeoutMs = 400;
    target.respond({ kind: "slow", delayMs: 2_000 });
    const slow = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url } });
    expect(slow.status).toBe(200);
    expect(slow.body.verification).toMatchObject({ delivered: false, status_code: null, error_code: "webhook_timeout" });
    expect((await endpointRow(owner.tenantId)).lastVerification).toMatchObject({ error_code: "webhook_timeout" });
  });

  it("sends nothing with verify: false: no request, no message, no verification, the last one kept", async () => {
    const owner = await registerOwner();
    const target = await receiver();
    const first = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url } });
    const kept = first.body.verification;
    const saved = await call(setConfig, CONFIG, { token: owner.token, body: { url: `${target.url}/v2`, verify: false } });
    expect(saved.status).toBe(200);
    expect(saved.body).not.toHaveProperty("verification");
    expect(saved.body.last_verification).toEqual(kept);
    expect(target.received).toHaveLength(1);
    expect(await prisma.webhookMessage.count({ where: { tenantId: owner.tenantId } })).toBe(1);
    expect((await auditOf(owner.tenantId, "webhooks.endpoint_configured")).at(-1)!.metadata).toMatchObject({ verification: null });
  });

  it("pings when re-enabling a disabled endpoint by saving its URL again", async () => {
    const { owner, target } = await configuredOwner();
    await prisma.webhookEndpoint.update({ where: { tenantId: owner.tenantId }, data: { enabled: false, disabledReason: "The endpoint answered 410 Gone.", disabledAt: new Date() } });
    const saved = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url } });
    expect(saved.body).toMatchObject({ enabled: true, verification: { delivered: true } });
    expect((await auditOf(owner.tenantId, "webhooks.endpoint_configured")).at(-1)!.metadata).toMatchObject({ re_enabled: true, verification: { delivered: true } });
    expect(target.received).toHaveLength(1);
  });

  it("a suspended tenant saves without a ping, and its Send again is refused", async () => {
    const { owner, target } = await configuredOwner();
    await prisma.tenant.update({ where: { id: owner.tenantId }, data: { status: "suspended", suspendedAt: new Date(), suspendedReason: "Review" } });
    const saved = await call(setConfig, CONFIG, { token: owner.token, body: { url: `${target.url}/v2` } });
    expect(saved.status).toBe(200);
    expect(saved.body).not.toHaveProperty("verification");
    const again = await call(verify, VERIFY, { method: "POST", token: owner.token });
    expect(again.status).toBe(403);
    expect(again.body).toEqual(errorBody("tenant_suspended"));
    expect(target.connections).toBe(0);
  });
});

describe("the ping's budget", () => {
  it("a save that pings spends the tenant's test-send budget: over it, 429 and nothing saved or sent; a save without the ping is not counted", async () => {
    const { owner } = await configuredOwner();
    // The budget is 3 per second; saves on a slow machine may straddle a second, so keep saving,
    // each time to a new URL, until one is refused.
    let lastSaved: string | null = null;
    let saves = 0;
    let refused: { answer: Awaited<ReturnType<typeof call>>; target: Awaited<ReturnType<typeof receiver>> } | null = null;
    for (let save = 0; save < 20 && !refused; save += 1) {
      const target = await receiver();
      const answer = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url } });
      if (answer.status === 429) refused = { answer, target };
      else {
        expect(answer.status).toBe(200);
        expect(target.received).toHaveLength(1);
        lastSaved = target.url;
        saves += 1;
      }
    }
    expect(refused?.answer.body).toEqual({ error: { code: "too_many_requests", message: expect.any(String), details: { retry_after: expect.any(Number) }, request_id: ANY_REQUEST_ID } });
    expect(refused?.answer.headers.get("retry-after")).toMatch(/^\d+$/);
    // The refused save changed nothing: the URL is the last one saved, its receiver got no ping, no entry was written.
    expect(refused?.target.received).toHaveLength(0);
    expect(new URL((await endpointRow(owner.tenantId)).url!).toString()).toBe(new URL(lastSaved!).toString());
    expect(await auditOf(owner.tenantId, "webhooks.endpoint_configured")).toHaveLength(saves + 1);
    // Without the ping the save goes through while the budget is spent, and nothing is sent.
    const quiet = await call(setConfig, CONFIG, { token: owner.token, body: { url: refused!.target.url, verify: false } });
    expect(quiet.status).toBe(200);
    expect(quiet.body).not.toHaveProperty("verification");
    expect(refused?.target.received).toHaveLength(0);
  });
});

describe("POST /webhooks/verify/ (Send again)", () => {
  it("pings the stored URL, even a disabled endpoint, keeps the result and audits it", async () => {
    const { owner, target, secret } = await configuredOwner();
    await prisma.webhookEndpoint.update({ where: { tenantId: owner.tenantId }, data: { enabled: false, disabledReason: "Deliveries have failed for 5 days without a success.", disabledAt: new Date() } });
    target.respond({ kind: "status", status: 503 });
    const result = await call(verify, VERIFY, { method: "POST", token: owner.token });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      verification: { delivered: false, status_code: 503, response_time_ms: expect.any(Number), error_code: null, message_id: expect.stringMatching(/^msg_/), at: expect.any(String) },
    });
    expect(verifiesWith(target.received[0], secret)).toBe(true);
    expect((await call(getConfig, CONFIG, { token: owner.token })).body).toMatchObject({ enabled: false, last_verification: result.body.verification });
    const [entry] = await auditOf(owner.tenantId, "webhooks.endpoint_verified");
    expect(entry).toMatchObject({
      actorUserId: owner.userId,
      metadata: { delivered: false, status_code: 503, error_code: null, message_id: result.body.verification.message_id },
    });
    const message = await prisma.webhookMessage.findUniqueOrThrow({ where: { id: result.body.verification.message_id }, include: { attempts: true } });
    expect(message.attempts).toEqual([expect.objectContaining({ trigger: "test", state: "failed" })]);
  });

  it("answers 409 webhook_not_configured without a URL, sending and recording nothing", async () => {
    const owner = await registerOwner();
    const result = await call(verify, VERIFY, { method: "POST", token: owner.token });
    expect(result.status).toBe(409);
    expect(result.body).toEqual(errorBody("webhook_not_configured"));
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: "webhooks.endpoint_verified" } })).toBe(0);
    expect(await prisma.webhookMessage.count({ where: { tenantId: owner.tenantId } })).toBe(0);
  });

  it("refuses a cookie request without the portal's Origin", async () => {
    const { owner, target } = await configuredOwner();
    const result = await call(verify, VERIFY, { method: "POST", cookie: owner.session, origin: "https://evil.example" });
    expect(result.status).toBe(403);
    expect(result.body).toEqual(errorBody("csrf_origin_mismatch"));
    expect((await call(verify, VERIFY, { method: "POST", cookie: owner.session, origin: BASE_URL })).status).toBe(200);
    expect(target.received).toHaveLength(1);
  });
});

describe("secret rotation", () => {
  it("signs with both secrets during the grace period: each alone verifies every delivery, emitted, test or ping", async () => {
    const { owner, target, secret: oldSecret } = await configuredOwner();
    const before = Date.now();
    const rotated = await call(rotate, ROTATE, { token: owner.token, body: { grace_hours: 24 } });
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.secret as string;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    expect(rotated.body).toMatchObject({ secret_masked: `whsec_****...${newSecret.slice(-4)}`, previous_secret: { secret_masked: `whsec_****...${oldSecret.slice(-4)}` } });
    const expiresAt = Date.parse(rotated.body.previous_secret.expires_at);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 24 * HOUR_MS);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 24 * HOUR_MS);
    expect((await call(getConfig, CONFIG, { token: owner.token })).body).not.toHaveProperty("secret");
    expect((await call(reveal, "/x", { token: owner.token })).body.secret).toBe(newSecret);

    await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", { message: "after rotation" }));
    await drainDeliveries();
    await call(sendTest, TEST, { token: owner.token, body: {} });
    await call(verify, VERIFY, { method: "POST", token: owner.token });
    expect(target.received).toHaveLength(3);
    for (const delivery of target.received) {
      expect(String(delivery.headers["webhook-signature"]).split(" ")).toHaveLength(2);
      expect(verifiesWith(delivery, newSecret)).toBe(true);
      expect(verifiesWith(delivery, oldSecret)).toBe(true);
    }

    const [entry] = await auditOf(owner.tenantId, "webhooks.secret_rotated");
    expect(entry).toMatchObject({
      severity: "warning",
      actorUserId: owner.userId,
      metadata: { grace_hours: 24, previous_expires_at: rotated.body.previous_secret.expires_at, older_secret_deleted: false },
    });
    const auditText = JSON.stringify(await prisma.auditLog.findMany({ where: { tenantId: owner.tenantId } }));
    expect(auditText).not.toContain(newSecret.slice(6));
    expect(auditText).not.toContain(oldSecret.slice(6));
  });

  it("two rotations at once never lose a secret that was answered: each answered secret is the current or the previous one", async () => {
    const { owner, secret: original } = await configuredOwner();
    const answers = await Promise.all([1, 2].map(() => call(rotate, ROTATE, { token: owner.token, body: { grace_hours: 24 } })));
    // Serialised (SQLite) both succeed, one after the other; racing (PostgreSQL) the later one is refused and changes nothing.
    for (const answer of answers) {
      if (answer.status !== 200) expect(answer.body).toEqual(errorBody("secret_rotation_conflict"));
    }
    const answered = answers.filter((answer) => answer.status === 200).map((answer) => answer.body.secret as string);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    const current = (await call(reveal, "/x", { token: owner.token })).body.secret as string;
    const row = await endpointRow(owner.tenantId);
    const previousLast4 = row.previousSecretLast4;
    expect(answered).toContain(current);
    for (const secret of answered) expect([current.slice(-4), previousLast4]).toContain(secret.slice(-4));
    // The previous secret is the one the last successful rotation replaced: the original, or the other answered one.
    expect([original.slice(-4), ...answered.map((secret) => secret.slice(-4))]).toContain(previousLast4);
    expect(await auditOf(owner.tenantId, "webhooks.secret_rotated")).toHaveLength(answered.length);
  });

  it("after the grace period only the new secret signs, even before the sweep; the sweep then deletes the old one and audits it once", async () => {
    const { owner, target, secret: oldSecret } = await configuredOwner();
    const other = await configuredOwner();
    const newSecret = (await call(rotate, ROTATE, { token: owner.token, body: { grace_hours: 1 } })).body.secret as string;
    expect((await call(rotate, ROTATE, { token: other.owner.token, body: {} })).status).toBe(200);
    await prisma.webhookEndpoint.update({ where: { tenantId: owner.tenantId }, data: { previousSecretExpiresAt: new Date(Date.now() - 1_000) } });

    // Not swept yet: the columns are still there, yet nothing reads them as a secret.
    expect((await endpointRow(owner.tenantId)).previousSecretEncrypted).not.toBeNull();
    expect((await call(getConfig, CONFIG, { token: owner.token })).body.previous_secret).toBeNull();
    await call(sendTest, TEST, { token: owner.token, body: {} });
    expect(verifiesWith(target.received[0], newSecret)).toBe(true);
    expect(verifiesWith(target.received[0], oldSecret)).toBe(false);
    expect(String(target.received[0].headers["webhook-signature"]).split(" ")).toHaveLength(1);

    expect(await expirePreviousSecrets(new Date())).toBe(1);
    expect(await endpointRow(owner.tenantId)).toMatchObject({ previousSecretEncrypted: null, previousSecretLast4: null, previousSecretExpiresAt: null });
    const [entry] = await auditOf(owner.tenantId, "webhooks.previous_secret_expired");
    expect(entry).toMatchObject({ actorType: "system", actorUserId: null, metadata: { expired_early: false } });
    // Another tenant's previous secret, still in its grace period, is kept.
    expect((await endpointRow(other.owner.tenantId)).previousSecretEncrypted).not.toBeNull();
    expect(await auditOf(other.owner.tenantId, "webhooks.previous_secret_expired")).toHaveLength(0);
    // A second sweep has nothing left to do.
    expect(await expirePreviousSecrets(new Date())).toBe(0);
    expect(await auditOf(owner.tenantId, "webhooks.previous_secret_expired")).toHaveLength(1);
  });

  it("the webhook worker runs the sweep: an expired previous secret is deleted without anyone asking", async () => {
    const { owner } = await configuredOwner();
    await call(rotate, ROTATE, { token: owner.token, body: { grace_hours: 1 } });
    await prisma.webhookEndpoint.update({ where: { tenantId: owner.tenantId }, data: { previousSecretExpiresAt: new Date(Date.now() - 1_000) } });
    const worker = startWebhookWorker({ workerId: "sweep-test", pollMs: 50 });
    try {
      await vi.waitFor(async () => expect((await endpointRow(owner.tenantId)).previousSecretEncrypted).toBeNull(), { timeout: 10_000, interval: 50 });
    } finally {
      await worker.stop();
    }
    expect(await auditOf(owner.tenantId, "webhooks.previous_secret_expired")).toEqual([expect.objectContaining({ actorType: "system" })]);
  });

  it("Expire now deletes the previous secret at once and audits it; a second call is 404", async () => {
    const { owner, target, secret: oldSecret } = await configuredOwner();
    const newSecret = (await call(rotate, ROTATE, { token: owner.token, body: {} })).body.secret as string;
    const expired = await call(expirePrevious, PREVIOUS, { method: "DELETE", token: owner.token });
    expect(expired.status).toBe(200);
    expect(expired.body).toMatchObject({ previous_secret: null, secret_masked: `whsec_****...${newSecret.slice(-4)}` });
    expect(await endpointRow(owner.tenantId)).toMatchObject({ previousSecretEncrypted: null, previousSecretLast4: null, previousSecretExpiresAt: null });
    expect(await auditOf(owner.tenantId, "webhooks.previous_secret_expired")).toEqual([
      expect.objectContaining({ actorType: "user", actorUserId: owner.userId, metadata: expect.objectContaining({ expired_early: true }) }),
    ]);
    await call(sendTest, TEST, { token: owner.token, body: {} });
    expect(verifiesWith(target.received[0], oldSecret)).toBe(false);
    expect(verifiesWith(target.received[0], newSecret)).toBe(true);

    const again = await call(expirePrevious, PREVIOUS, { method: "DELETE", token: owner.token });
    expect(again.status).toBe(404);
    expect(again.body).toEqual(errorBody("not_found"));
    expect(await auditOf(owner.tenantId, "webhooks.previous_secret_expired")).toHaveLength(1);
  });

  it("grace_hours 0 replaces the secret at once: no previous secret is kept", async () => {
    const { owner, target, secret: oldSecret } = await configuredOwner();
    const rotated = await call(rotate, ROTATE, { token: owner.token, body: { grace_hours: 0 } });
    expect(rotated.body.previous_secret).toBeNull();
    expect(await endpointRow(owner.tenantId)).toMatchObject({ previousSecretEncrypted: null, previousSecretExpiresAt: null });
    expect((await auditOf(owner.tenantId, "webhooks.secret_rotated"))[0].metadata).toMatchObject({ grace_hours: 0, previous_expires_at: null });
    await call(sendTest, TEST, { token: owner.token, body: {} });
    expect(verifiesWith(target.received[0], rotated.body.secret)).toBe(true);
    expect(verifiesWith(target.received[0], oldSecret)).toBe(false);
  });

  it("rotating during a grace period deletes the older previous secret at once: at most two sign", async () => {
    const { owner, target, secret: first } = await configuredOwner();
    const second = (await call(rotate, ROTATE, { token: owner.token, body: { grace_hours: 24 } })).body.secret as string;
    const third = await call(rotate, ROTATE, { token: owner.token, body: { grace_hours: 2 } });
    expect(third.body.previous_secret.secret_masked).toBe(`whsec_****...${second.slice(-4)}`);
    await call(sendTest, TEST, { token: owner.token, body: {} });
    const [delivery] = target.received;
    expect(String(delivery.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verifiesWith(delivery, third.body.secret)).toBe(true);
    expect(verifiesWith(delivery, second)).toBe(true);
    expect(verifiesWith(delivery, first)).toBe(false);
    expect((await auditOf(owner.tenantId, "webhooks.secret_rotated")).map((entry) => entry.metadata)).toEqual([
      expect.objectContaining({ older_secret_deleted: false }),
      expect.objectContaining({ older_secret_deleted: true, grace_hours: 2 }),
    ]);
  });

  it("regenerate_secret on save replaces the secret at once and ends the grace period; the ping on save signs like deliveries", async () => {
    const { owner, target, secret: oldSecret } = await configuredOwner();
    const rotated = (await call(rotate, ROTATE, { token: owner.token, body: {} })).body.secret as string;
    // A save during the grace period pings with both secrets, as deliveries are signed.
    const saved = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url } });
    expect(verifiesWith(target.received[0], rotated)).toBe(true);
    expect(verifiesWith(target.received[0], oldSecret)).toBe(true);
    expect(saved.body.previous_secret).not.toBeNull();

    const regenerated = await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url, regenerate_secret: true } });
    expect(regenerated.body.previous_secret).toBeNull();
    expect(await endpointRow(owner.tenantId)).toMatchObject({ previousSecretEncrypted: null, previousSecretLast4: null, previousSecretExpiresAt: null });
    expect(verifiesWith(target.received[1], regenerated.body.secret)).toBe(true);
    expect(verifiesWith(target.received[1], rotated)).toBe(false);
    expect((await auditOf(owner.tenantId, "webhooks.endpoint_configured")).at(-1)!.metadata).toMatchObject({ secret_created: true, previous_secret_deleted: true });
  });

  it("validates grace_hours and changes nothing on bad input; an empty body means 24 hours", async () => {
    const { owner } = await configuredOwner();
    const before = await endpointRow(owner.tenantId);
    for (const body of [{ grace_hours: 73 }, { grace_hours: -1 }, { grace_hours: 1.5 }, { grace_hours: "24" }, { grace: 1 }]) {
      const result = await call(rotate, ROTATE, { token: owner.token, body });
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.body.error.code).toBe("validation_error");
    }
    expect(await endpointRow(owner.tenantId)).toEqual(before);
    expect(await auditOf(owner.tenantId, "webhooks.secret_rotated")).toHaveLength(0);

    const defaulted = await call(rotate, ROTATE, { method: "POST", token: owner.token });
    expect(defaulted.status).toBe(200);
    expect((await auditOf(owner.tenantId, "webhooks.secret_rotated"))[0].metadata).toMatchObject({ grace_hours: 24 });
  });

  it("answers 409 webhook_not_configured before any configuration", async () => {
    const owner = await registerOwner();
    const rotated = await call(rotate, ROTATE, { token: owner.token, body: {} });
    expect(rotated.status).toBe(409);
    expect(rotated.body).toEqual(errorBody("webhook_not_configured"));
    const expired = await call(expirePrevious, PREVIOUS, { method: "DELETE", token: owner.token });
    expect(expired.status).toBe(409);
    expect(expired.body).toEqual(errorBody("webhook_not_configured"));
    expect(await prisma.webhookEndpoint.count({ where: { tenantId: owner.tenantId } })).toBe(0);
  });
});

describe("roles and tenant isolation", () => {
  it("lets admins verify, rotate and expire, refuses members, and acts on the caller's tenant only", async () => {
    const { owner, target } = await configuredOwner();
    const stranger = await configuredOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const member = await addMember(owner.tenantId, "member");
    const before = await endpointRow(owner.tenantId);
    for (const [handler, options] of [
      [verify, { method: "POST" }],
      [rotate, { body: {} }],
      [expirePrevious, { method: "DELETE" }],
      [eventTypes, {}],
    ] as const) {
      const refused = await call(handler, "/x", { token: member.token, ...options });
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual(errorBody("forbidden"));
    }
    expect(await endpointRow(owner.tenantId)).toEqual(before);
    expect(target.received).toHaveLength(0);

    expect((await call(verify, VERIFY, { method: "POST", token: admin.token })).status).toBe(200);
    expect((await call(rotate, ROTATE, { token: admin.token, body: { grace_hours: 1 } })).status).toBe(200);
    expect((await call(expirePrevious, PREVIOUS, { method: "DELETE", token: admin.token })).status).toBe(200);
    expect(target.received).toHaveLength(1);
    expect(stranger.target.received).toHaveLength(0);
    expect(await prisma.auditLog.count({ where: { tenantId: stranger.owner.tenantId, action: { startsWith: "webhooks." } } })).toBe(1);
    expect((await call(reveal, "/x", { token: stranger.owner.token })).body.secret).toBe(stranger.secret);
  });
});
