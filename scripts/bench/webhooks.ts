// npm run bench:webhooks — 2,000 events for 20 tenants whose endpoints are
// one loopback receiver (its own process) that verifies every signature.
// Prints deliveries per second and p50/p99 from enqueue to receipt for the
// portal's outbox and worker, and for comparison the same receiver driven by a
// plain loop of signed fetch calls with the same concurrency (the ceiling).
// Target: at least half the ceiling's throughput, every delivery verified,
// none lost or duplicated. BENCH_DATABASE_URL (a PostgreSQL server URL) runs
// it on a throw-away database there.
import { spawn } from "node:child_process";
import path from "node:path";
import { prepareDatabase, ROOT, type BenchDatabase } from "./server";
import { WEBHOOK_MESSAGE_STATUS } from "../../lib/statuses";

const TENANTS = 20;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);

type Stats = { count: number; verified: number; rejected: number; duplicates: number; unique: number; p50: number; p99: number; first: number; last: number };

async function startReceiver(): Promise<{ base: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(ROOT, "scripts/bench/webhook-receiver.mjs")], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve) => child.stdout!.once("data", (chunk: Buffer) => resolve(Number(/PORT (\d+)/.exec(chunk.toString())![1]))));
  return { base: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

async function stats(base: string): Promise<Stats> {
  return (await fetch(`${base}/_stats`)).json() as Promise<Stats>;
}

async function waitFor(base: string, count: number, timeoutMs: number): Promise<Stats> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await stats(base);
    if (current.count >= count || Date.now() > deadline) return current;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main() {
  const database = await prepareDatabase();
  try {
    await run(database);
  } finally {
    await database.cleanup();
  }
}

async function run(database: BenchDatabase) {
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
    WEBHOOK_WORKER: "off",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "benchmark-auth-secret-that-is-long-enough",
    ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? Buffer.alloc(32, 5).toString("base64"),
  });
  const { prisma, disconnectPrisma } = await import("@/lib/db");
  const { encryptSecret } = await import("@/lib/crypto/secret-box");
  const { eventBody, newMessageId, newWebhookSecret, signDelivery } = await import("@/lib/webhooks/signing");
  const { emitEvent } = await import("@/lib/webhooks/outbox");
  const { startWebhookWorker } = await import("@/lib/webhooks/worker");
  const receiver = await startReceiver();
  try {
    const tenants: { id: string; secret: string; url: string }[] = [];
    for (let t = 0; t < TENANTS; t++) {
      const tenant = await prisma.tenant.create({ data: { name: `Bench ${t}`, slug: `bench-webhooks-${t}` } });
      const secret = newWebhookSecret();
      const url = `${receiver.base}/t/${tenant.id}`;
      await prisma.webhookEndpoint.create({ data: { tenantId: tenant.id, url, secretEncrypted: encryptSecret(secret), secretLast4: secret.slice(-4) } });
      tenants.push({ id: tenant.id, secret, url });
    }
    await fetch(`${receiver.base}/_secrets`, { method: "POST", body: JSON.stringify(Object.fromEntries(tenants.map((t) => [t.id, t.secret]))) });

    // The ceiling: signed fetch calls in a plain loop, CONCURRENCY at a time.
    let next = 0;
    const ceilingStart = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < EVENTS; i = next++) {
          const tenant = tenants[i % TENANTS];
          const body = eventBody({ type: "webhook.test", data: { seq: i, enqueued_at: Date.now() }, at: new Date(), test: false });
          const headers = signDelivery(tenant.secret, newMessageId(), new Date(), body);
          const response = await fetch(tenant.url, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body });
          await response.arrayBuffer();
        }
      }),
    );
    const ceiling = await waitFor(receiver.base, EVENTS, 10_000);
    const ceilingSeconds = (Date.now() - ceilingStart) / 1000;
    await fetch(`${receiver.base}/_reset`, { method: "POST" });

    // The portal, streaming: events enqueued through the outbox (one
    // transaction each, as features do) while the worker delivers them.
    const enqueueAll = async () => {
      for (let i = 0; i < EVENTS; i++) {
        const tenant = tenants[i % TENANTS];
        await prisma.$transaction((tx) => emitEvent(tx, tenant.id, "webhook.test", { seq: i, enqueued_at: Date.now() }));
      }
    };
    let worker = startWebhookWorker({ workerId: "bench-stream", concurrency: CONCURRENCY, batchSize: 100, pollMs: 50 });
    const streamStart = Date.now();
    await enqueueAll();
    const enqueueSeconds = (Date.now() - streamStart) / 1000;
    const stream = await waitFor(receiver.base, EVENTS, 180_000);
    const streamSeconds = (stream.last - streamStart) / 1000;
    await worker.stop();
    const streamDelivered = await prisma.webhookMessage.count({ where: { status: WEBHOOK_MESSAGE_STATUS.delivered } });
    await fetch(`${receiver.base}/_reset`, { method: "POST" });

    // The portal, draining: the same number of events already queued, the
    // worker alone (the delivery rate a backlog is worked off at).
    await enqueueAll();
    worker = startWebhookWorker({ workerId: "bench-drain", concurrency: CONCURRENCY, batchSize: 100, pollMs: 50 });
    const drainStart = Date.now();
    const drain = await waitFor(receiver.base, EVENTS, 180_000);
    const drainSeconds = (drain.last - drainStart) / 1000;
    await worker.stop();
    const delivered = (await prisma.webhookMessage.count({ where: { status: WEBHOOK_MESSAGE_STATUS.delivered } })) - streamDelivered;

    const ceilingRate = EVENTS / ceilingSeconds;
    const streamRate = stream.count / streamSeconds;
    const drainRate = drain.count / drainSeconds;
    const row = (name: string, rate: number, s: Stats, latency = true) =>
      `${name.padEnd(40)} ${rate.toFixed(0).padStart(6)} deliveries/s   ${latency ? `p50 ${String(s.p50).padStart(5)} ms   p99 ${String(s.p99).padStart(5)} ms` : "(latency: queued before start)"}   received ${s.count}, verified ${s.verified}, duplicates ${s.duplicates}`;
    console.log("");
    console.log(`bench:webhooks  ${EVENTS} events, ${TENANTS} tenants, concurrency ${CONCURRENCY}, ${database.provider === "sqlite" ? "SQLite" : "PostgreSQL"}, receiver verifying every signature`);
    console.log(row("signed fetch loop (ceiling)", ceilingRate, ceiling));
    console.log(row("portal, enqueue + deliver together", streamRate, stream));
    console.log(row("portal, worker draining a backlog", drainRate, drain, false));
    console.log(`enqueue alone: ${(EVENTS / enqueueSeconds).toFixed(0)} events/s (one transaction per event); delivered: ${streamDelivered}/${EVENTS} and ${delivered}/${EVENTS}`);
    const ratio = drainRate / ceilingRate;
    const clean =
      [stream, drain].every((s) => s.count === EVENTS && s.verified === EVENTS && s.duplicates === 0) && streamDelivered === EVENTS && delivered === EVENTS;
    console.log(
      `ratio worker/ceiling: ${(ratio * 100).toFixed(1)}% (target ≥ 50%) ${ratio >= 0.5 ? "MET" : "NOT MET"}; end to end ${((streamRate / ceilingRate) * 100).toFixed(1)}%; every delivery verified, none lost or duplicated: ${clean ? "yes" : "NO"}`,
    );
  } finally {
    receiver.stop();
    await disconnectPrisma();
  }
}

main().catch((error) => {
  console.error("bench:webhooks failed:", error instanceof Error ? error.stack : error);
  process.exit(1);
});
