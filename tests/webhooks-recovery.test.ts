// Recovering failed webhook messages after an outage, and the endpoint's
// delivery statistics.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { DELETE as deleteConfig, POST as setConfig } from "@/app/api/v1/auth/tenants/webhooks/config/route";
import { POST as recover } from "@/app/api/v1/auth/tenants/webhooks/recover/route";
import { GET as stats } from "@/app/api/v1/auth/tenants/webhooks/stats/route";
import { POST as sendTest } from "@/app/api/v1/auth/tenants/webhooks/test/route";
import { emitEvent } from "@/lib/webhooks/outbox";
import { BASE_URL, call, errorBody, registerOwner } from "./helpers/api";
import { addMember } from "./helpers/fixtures";
import { drainDeliveries } from "./helpers/payments";
import { receiversPerTest } from "./helpers/receiver";

const CONFIG = "/api/v1/auth/tenants/webhooks/config/";
const RECOVER = "/api/v1/auth/tenants/webhooks/recover/";
const STATS = "/api/v1/auth/tenants/webhooks/stats/";
const TEST = "/api/v1/auth/tenants/webhooks/test/";
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const receiver = receiversPerTest();

async function configuredOwner() {
  const owner = await registerOwner();
  const target = await receiver();
  expect((await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url, verify: false } })).status).toBe(200);
  return { owner, target };
}


const emit = async (tenantId: string, n: number) => (await prisma.$transaction((tx) => emitEvent(tx, tenantId, "webhook.test", { message: `event ${n}` })))!;

/** Messages that failed for good: their first attempt failed and removing the URL cancelled the scheduled retry. The URL is then saved again. */
async function failedMessages(owner: { token: string; tenantId: string }, target: { url: string; respond: (b: { kind: "status"; status: number }) => void }, count: number) {
  target.respond({ kind: "status", status: 500 });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await emit(owner.tenantId, i));
  await drainDeliveries();
  expect((await call(deleteConfig, CONFIG, { method: "DELETE", token: owner.token })).status).toBe(200);
  expect((await call(setConfig, CONFIG, { token: owner.token, body: { url: target.url, verify: false } })).status).toBe(200);
  return ids;
}

const messageOf = (id: string) => prisma.webhookMessage.findUniqueOrThrow({ where: { id }, include: { attempts: { orderBy: { attemptNumber: "asc" } } } });

describe("POST /webhooks/recover/", () => {
  it("queues exactly the failed and failing messages of the window that have nothing waiting, and the worker then delivers them", async () => {
    const { owner, target } = await configuredOwner();
    const stranger = await configuredOwner();
    const since = new Date(Date.now() - MINUTE_MS);

    const [failedA, failedB, early] = await failedMessages(owner, target, 3);
    // Created before the window.
    await prisma.webhookMessage.update({ where: { id: early }, data: { createdAt: new Date(since.getTime() - HOUR_MS) } });
    // Failing, with its scheduled retry waiting: the schedule goes on by itself.
    const waiting = await emit(owner.tenantId, 10);
    // Failing with nothing waiting any more (its retry was cancelled).
    const stalled = await emit(owner.tenantId, 11);
    await drainDeliveries();
    await prisma.webhookAttempt.updateMany({ where: { messageId: stalled, state: "pending" }, data: { state: "cancelled", finishedAt: new Date() } });
    // A failed test send.
    const rehearsal = await call(sendTest, TEST, { token: owner.token, body: {} });
    expect(rehearsal.body.delivered).toBe(false);
    // Delivered, and (below, after the last worker pass) pending.
    target.respond({ kind: "status", status: 200 });
    const delivered = await emit(owner.tenantId, 12);
    await drainDeliveries();
    // Another tenant's failed message in the same window.
    const [theirs] = await failedMessages(stranger.owner, stranger.target, 1);
    const pending = await emit(owner.tenantId, 13);

    const statusesBefore = Object.fromEntries(
      (await prisma.webhookMessage.findMany({ where: { tenantId: owner.tenantId } })).map((message) => [message.id, message.status]),
    );
    expect([statusesBefore[failedA], statusesBefore[failedB], statusesBefore[early]]).toEqual(["failed", "failed", "failed"]);
    expect([statusesBefore[waiting], statusesBefore[stalled], statusesBefore[rehearsal.body.message_id], statusesBefore[delivered], statusesBefore[pending]]).toEqual([
      "failing",
      "failing",
      "failed",
      "delivered",
      "pending",
    ]);
    const attemptsBefore = await prisma.webhookAttempt.count({ where: { tenantId: owner.tenantId } });

    const result = await call(recover, RECOVER, { token: owner.token, body: { since: since.toISOString() } });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ queued: 3, since: since.toISOString(), until: expect.any(String) });
    expect(Date.parse(result.body.until)).toBeGreaterThan(since.getTime());

    const recovered = [failedA, failedB, stalled];
    for (const id of recovered) {
      const message = await messageOf(id);
      const last = message.attempts.at(-1)!;
      expect(message).toMatchObject({ status: "pending", nextAttemptAt: expect.any(Date) });
      expect(last).toMatchObject({ trigger: "recovery", state: "pending", attemptNumber: message.attempts.length });
      expect(last.dueAt.getTime()).toBeLessThanOrEqual(Date.now());
    }
    expect(await prisma.webhookAttempt.count({ where: { tenantId: owner.tenantId } })).toBe(attemptsBefore + 3);
    for (const id of [early, waiting, rehearsal.body.message_id, delivered, pending]) {
      expect((await prisma.webhookMessage.findUniqueOrThrow({ where: { id } })).status, id).toBe(statusesBefore[id]);
    }
    expect(await prisma.webhookMessage.findUniqueOrThrow({ where: { id: theirs } })).toMatchObject({ status: "failed" });
    expect(await prisma.webhookAttempt.count({ where: { tenantId: stranger.owner.tenantId, trigger: "recovery" } })).toBe(0);

    const [entry] = await prisma.auditLog.findMany({ where: { tenantId: owner.tenantId, action: "webhooks.messages_recovered" } });
    expect(entry).toMatchObject({ actorUserId: owner.userId, metadata: { since: since.toISOString(), until: result.body.until, queued: 3 } });

    const receivedBefore = target.received.length;
    await drainDeliveries();
    for (const id of recovered) expect((await prisma.webhookMessage.findUniqueOrThrow({ where: { id } })).status).toBe("delivered");
    const sent = target.received.slice(receivedBefore).map((request) => request.headers["webhook-id"]);
    expect(sent).toEqual(expect.arrayContaining(recovered));
    expect(sent).not.toContain(early);
    expect(sent).not.toContain(waiting);

    // Nothing is left to recover in the window.
    const again = await call(recover, RECOVER, { token: owner.token, body: { since: since.toISOString() } });
    expect(again.body.queued).toBe(0);
  });

  it("takes [since, until): a message created at since is in, one created at until is out", async () => {
    const { owner, target } = await configuredOwner();
    const ids = await failedMessages(owner, target, 4);
    const until = new Date(Date.now() - HOUR_MS);
    const since = new Date(until.getTime() - HOUR_MS);
    const createdAt = [since, new Date(since.getTime() + MINUTE_MS), until, new Date(until.getTime() + MINUTE_MS)];
    for (const [i, id] of ids.entries()) await prisma.webhookMessage.update({ where: { id }, data: { createdAt: createdAt[i] } });

    const result = await call(recover, RECOVER, { token: owner.token, body: { since: since.toISOString(), until: until.toISOString() } });
    expect(result.body).toEqual({ queued: 2, since: since.toISOString(), until: until.toISOString() });
    const statuses = await Promise.all(ids.map(async (id) => (await prisma.webhookMessage.findUniqueOrThrow({ where: { id } })).status));
    expect(statuses).toEqual(["pending", "pending", "failed", "failed"]);
  });

  it("a recovered message that fails again is retried on the schedule, from its start", async () => {
    const { owner, target } = await configuredOwner();
    const [id] = await failedMessages(owner, target, 1);
    await call(recover, RECOVER, { token: owner.token, body: { since: new Date(Date.now() - MINUTE_MS).toISOString() } });
    const before = Date.now();
    await drainDeliveries();
    const message = await messageOf(id);
    expect(message.status).toBe("failing");
    expect(message.attempts.map((attempt) => [attempt.trigger, attempt.state])).toEqual([
      ["scheduled", "failed"],
      ["scheduled", "cancelled"],
      ["recovery", "failed"],
      ["scheduled", "pending"],
    ]);
    // The first retry of a schedule comes after about 5 s (±20%).
    const delay = message.attempts[3].dueAt.getTime() - before;
    expect(delay).toBeGreaterThanOrEqual(4_000 - 100);
    expect(delay).toBeLessThanOrEqual(6_000 + 1_000);
  });

  it("answers 409 without a URL or with a disabled endpoint, and 403 for a suspended tenant, queuing nothing", async () => {
    const since = new Date(Date.now() - HOUR_MS).toISOString();
    const unconfigured = await registerOwner();
    const none = await call(recover, RECOVER, { token: unconfigured.token, body: { since } });
    expect(none.status).toBe(409);
    expect(none.body).toEqual(errorBody("webhook_not_configured"));

    const { owner, target } = await configuredOwner();
    await failedMessages(owner, target, 1);
    await prisma.webhookEndpoint.update({ where: { tenantId: owner.tenantId }, data: { enabled: false, disabledReason: "The endpoint answered 410 Gone.", disabledAt: new Date() } });
    const disabled = await call(recover, RECOVER, { token: owner.token, body: { since } });
    expect(disabled.status).toBe(409);
    expect(disabled.body).toEqual(errorBody("webhook_endpoint_disabled"));

    await prisma.webhookEndpoint.update({ where: { tenantId: owner.tenantId }, data: { enabled: true, disabledReason: null, disabledAt: null } });
    await prisma.tenant.update({ where: { id: owner.tenantId }, data: { status: "suspended", suspendedAt: new Date(), suspendedReason: "Review" } });
    const suspended = await call(recover, RECOVER, { token: owner.token, body: { since } });
    expect(suspended.status).toBe(403);
    expect(suspended.body).toEqual(errorBody("tenant_suspended"));

    expect(await prisma.webhookAttempt.count({ where: { tenantId: owner.tenantId, trigger: "recovery" } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "webhooks.messages_recovered", tenantId: { in: [owner.tenantId, unconfigured.tenantId] } } })).toBe(0);
  });

  it("validates the window: since within 14 days, until after since, no unknown fields", async () => {
    const { owner, target } = await configuredOwner();
    await failedMessages(owner, target, 1);
    const now = Date.now();
    const bodies = [
      {},
      { since: "yesterday" },
      { since: new Date(now - 15 * DAY_MS).toISOString() },
      { since: new Date(now - HOUR_MS).toISOString(), until: new Date(now - 2 * HOUR_MS).toISOString() },
      { since: new Date(now - HOUR_MS).toISOString(), until: new Date(now - HOUR_MS).toISOString() },
      { since: new Date(now - HOUR_MS).toISOString(), status: "failed" },
    ];
    for (const body of bodies) {
      const result = await call(recover, RECOVER, { token: owner.token, body });
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.body.error.code).toBe("validation_error");
    }
    // Without until, the window ends now: a since in the future leaves no window at all.
    const future = await call(recover, RECOVER, { token: owner.token, body: { since: new Date(now + HOUR_MS).toISOString() } });
    expect(future.status).toBe(400);
    expect(future.body.error.code).toBe("validation_error");
    expect(await prisma.webhookAttempt.count({ where: { tenantId: owner.tenantId, trigger: "recovery" } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: "webhooks.messages_recovered" } })).toBe(0);

    // Any offset is a date-time; the answer gives the window in UTC.
    const since = new Date(now - HOUR_MS);
    const local = new Date(since.getTime() + 2 * HOUR_MS).toISOString().replace("Z", "+02:00");
    const offset = await call(recover, RECOVER, { token: owner.token, body: { since: local } });
    expect(offset.status).toBe(200);
    expect(offset.body).toMatchObject({ queued: 1, since: since.toISOString() });
  });

  it("is for admins: members get 403 and queue nothing; a cookie call needs the portal's Origin", async () => {
    const { owner, target } = await configuredOwner();
    await failedMessages(owner, target, 1);
    const since = new Date(Date.now() - HOUR_MS).toISOString();
    const member = await addMember(owner.tenantId, "member");
    const admin = await addMember(owner.tenantId, "admin");
    const refused = await call(recover, RECOVER, { token: member.token, body: { since } });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(errorBody("forbidden"));
    const forged = await call(recover, RECOVER, { cookie: admin.session, origin: "https://evil.example", body: { since } });
    expect(forged.status).toBe(403);
    expect(forged.body).toEqual(errorBody("csrf_origin_mismatch"));
    expect(await prisma.webhookAttempt.count({ where: { tenantId: owner.tenantId, trigger: "recovery" } })).toBe(0);
    const allowed = await call(recover, RECOVER, { cookie: admin.session, origin: BASE_URL, body: { since } });
    expect(allowed.status).toBe(200);
    expect(allowed.body.queued).toBe(1);
  });
});

describe("GET /webhooks/stats/", () => {
  /** One message of the tenant with attempts finished `ago` ms before now, in the given state and time. */
  async function attempts(tenantId: string, rows: { ago: number; state: string; durationMs: number | null }[]) {
    const now = Date.now();
    await prisma.webhookMessage.create({
      data: {
        id: `msg_stats${Math.random().toString(36).slice(2, 14)}`,
        tenantId,
        eventType: "webhook.test",
        body: "{}",
        status: "failing",
        attempts: {
          create: rows.map((row, i) => ({
            tenantId,
            attemptNumber: i + 1,
            trigger: "scheduled",
            state: row.state,
            durationMs: row.durationMs,
            dueAt: new Date(now - row.ago),
            finishedAt: row.state === "pending" ? null : new Date(now - row.ago),
          })),
        },
      },
    });
  }

  it("counts the tenant's finished attempts over 24 hours and 7 days, with hourly and daily series", async () => {
    const { owner } = await configuredOwner();
    const stranger = await configuredOwner();
    const now = Date.now();
    await attempts(owner.tenantId, [
      { ago: MINUTE_MS, state: "succeeded", durationMs: 100 },
      { ago: MINUTE_MS, state: "failed", durationMs: 10_000 },
      { ago: 3 * HOUR_MS, state: "succeeded", durationMs: 50 },
      { ago: 30 * HOUR_MS, state: "failed", durationMs: null }, // refused before sending: no time
      { ago: 2 * DAY_MS, state: "succeeded", durationMs: 250 },
      { ago: 8 * DAY_MS, state: "succeeded", durationMs: 999_999 }, // too old
      { ago: MINUTE_MS, state: "cancelled", durationMs: null }, // never sent
      { ago: -MINUTE_MS, state: "pending", durationMs: null }, // not yet sent
    ]);
    await attempts(stranger.owner.tenantId, [{ ago: MINUTE_MS, state: "failed", durationMs: 77_777 }]);

    const result = await call(stats, STATS, { token: owner.token });
    expect(result.status).toBe(200);
    expect(result.body.windows).toEqual({
      "24h": { attempts: 3, succeeded: 2, failed: 1, success_rate: 0.6667, avg_response_ms: 3383, max_response_ms: 10_000 },
      "7d": { attempts: 5, succeeded: 3, failed: 2, success_rate: 0.6, avg_response_ms: 2600, max_response_ms: 10_000 },
    });
    const hourly = result.body.series["24h"] as { start: string; attempts: number; succeeded: number; failed: number; avg_response_ms: number | null }[];
    const daily = result.body.series["7d"] as typeof hourly;
    expect(hourly).toHaveLength(24);
    expect(daily).toHaveLength(7);
    const hourStart = (ago: number) => new Date(Math.floor((now - ago) / HOUR_MS) * HOUR_MS).toISOString();
    expect(hourly.find((point) => point.start === hourStart(MINUTE_MS))).toEqual({ start: hourStart(MINUTE_MS), attempts: 2, succeeded: 1, failed: 1, avg_response_ms: 5050 });
    expect(hourly.find((point) => point.start === hourStart(3 * HOUR_MS))).toMatchObject({ attempts: 1, succeeded: 1, avg_response_ms: 50 });
    expect(hourly.reduce((sum, point) => sum + point.attempts, 0)).toBe(3);
    const dayStart = (ago: number) => new Date(Math.floor((now - ago) / DAY_MS) * DAY_MS).toISOString();
    expect(daily.at(-1)!.start).toBe(dayStart(0));
    // Before 06:00 UTC the attempt of 30 hours ago falls on the same day as the one of two days ago.
    const sharesDay = dayStart(30 * HOUR_MS) === dayStart(2 * DAY_MS);
    expect(daily.find((point) => point.start === dayStart(2 * DAY_MS))).toEqual(
      sharesDay
        ? { start: dayStart(2 * DAY_MS), attempts: 2, succeeded: 1, failed: 1, avg_response_ms: 250 }
        : { start: dayStart(2 * DAY_MS), attempts: 1, succeeded: 1, failed: 0, avg_response_ms: 250 },
    );
    expect(daily.reduce((sum, point) => sum + point.attempts, 0)).toBe(5);
    expect(daily.reduce((sum, point) => sum + point.failed, 0)).toBe(2);

    // The other tenant sees only its own.
    const theirs = await call(stats, STATS, { token: stranger.owner.token });
    expect(theirs.body.windows["24h"]).toEqual({ attempts: 1, succeeded: 0, failed: 1, success_rate: 0, avg_response_ms: 77_777, max_response_ms: 77_777 });
  });

  it("answers zero counts and null rates before any attempt; admins only", async () => {
    const owner = await registerOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const member = await addMember(owner.tenantId, "member");
    const result = await call(stats, STATS, { token: admin.token });
    expect(result.status).toBe(200);
    const empty = { attempts: 0, succeeded: 0, failed: 0, success_rate: null, avg_response_ms: null, max_response_ms: null };
    expect(result.body.windows).toEqual({ "24h": empty, "7d": empty });
    expect(result.body.series["24h"].every((point: { attempts: number; avg_response_ms: null }) => point.attempts === 0 && point.avg_response_ms === null)).toBe(true);
    const refused = await call(stats, STATS, { token: member.token });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(errorBody("forbidden"));
  });
});
