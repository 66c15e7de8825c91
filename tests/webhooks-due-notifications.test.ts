import { afterEach, describe, expect, it, vi } from "vitest";
import { databaseTarget, prisma } from "@/lib/db";
import { DUE_CHANNEL, listenForDueAttempts, notifyAttemptsDue } from "@/lib/webhooks/due-notifications";
import { startWebhookWorker, type WorkerHandle } from "@/lib/webhooks/worker";
import { emitEvent } from "@/lib/webhooks/outbox";
import { WEBHOOK_ATTEMPT_TRIGGER } from "@/lib/statuses";
import { eventBody, newMessageId, newWebhookSecret } from "@/lib/webhooks/signing";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { registerOwner } from "./helpers/api";

const onPostgres = databaseTarget().provider === "postgresql";
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (stops.length > 0) await stops.pop()!();
});

/** A listener whose calls are counted; resolves once it listens (its first call). */
async function listening() {
  const calls = { count: 0 };
  stops.push(listenForDueAttempts(() => (calls.count += 1)));
  await vi.waitFor(() => expect(calls.count).toBe(1), { timeout: 5_000, interval: 10 });
  return calls;
}

describe.skipIf(!onPostgres)("due-attempt notifications on PostgreSQL", () => {
  it("reach a listener when the transaction commits, and never for one rolled back", async () => {
    const calls = await listening();
    await expect(
      prisma.$transaction(async (tx) => {
        await notifyAttemptsDue(tx);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await prisma.$transaction((tx) => notifyAttemptsDue(tx));
    await vi.waitFor(() => expect(calls.count).toBe(2), { timeout: 5_000, interval: 10 });
    // The rolled-back one does not arrive late either.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls.count).toBe(2);
  });

  it("stop listening when stopped", async () => {
    const calls = await listening();
    await stops.pop()!();
    await prisma.$transaction((tx) => notifyAttemptsDue(tx));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls.count).toBe(1);
  });

  it("wake a sleeping worker for an attempt made due by another process, long before its next poll", async () => {
    const owner = await registerOwner();
    const secret = newWebhookSecret();
    await prisma.webhookEndpoint.create({ data: { tenantId: owner.tenantId, url: "https://receiver.invalid/hook", secretEncrypted: encryptSecret(secret), secretLast4: secret.slice(-4) } });
    const worker: WorkerHandle = startWebhookWorker({ workerId: "notified-worker", pollMs: 60_000 });
    stops.push(() => worker.stop());
    // Wait until it listens (its connection's last statement is the LISTEN), then let the look it
    // takes on connecting find nothing, so only the notification can wake it before a minute is up.
    await vi.waitFor(
      async () => {
        const rows = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = ${`LISTEN ${DUE_CHANNEL}`}`;
        expect(rows[0].n).toBeGreaterThan(0);
      },
      { timeout: 5_000, interval: 20 },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Written as another process would: the message and its attempt, and the notification, without this process's in-process wake-up.
    const id = newMessageId();
    await prisma.$transaction(async (tx) => {
      await tx.webhookMessage.create({
        data: {
          id,
          tenantId: owner.tenantId,
          eventType: "webhook.test",
          body: eventBody({ type: "webhook.test", data: {}, at: new Date(), test: false }),
          attempts: { create: { tenantId: owner.tenantId, attemptNumber: 1, trigger: WEBHOOK_ATTEMPT_TRIGGER.scheduled, dueAt: new Date() } },
        },
      });
      await notifyAttemptsDue(tx);
    });
    // The worker took it (the target is refused, which does not matter here): the attempt has a result.
    await vi.waitFor(async () => expect((await prisma.webhookAttempt.findFirstOrThrow({ where: { messageId: id } })).finishedAt).not.toBeNull(), { timeout: 10_000, interval: 50 });
  });
});

describe.skipIf(onPostgres)("due-attempt notifications on SQLite", () => {
  it("are not used: nothing listens, and events are emitted as before", async () => {
    const calls = { count: 0 };
    stops.push(listenForDueAttempts(() => (calls.count += 1)));
    const owner = await registerOwner();
    await prisma.webhookEndpoint.create({ data: { tenantId: owner.tenantId, url: "https://receiver.invalid/hook", secretEncrypted: "unused", secretLast4: "0000" } });
    expect(await prisma.$transaction((tx) => emitEvent(tx, owner.tenantId, "webhook.test", {}))).toMatch(/^msg_/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls.count).toBe(0);
  });
});
