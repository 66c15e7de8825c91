// npm run bench:fleet — the fleet (nginx, `next start` instances, two webhook
// workers, PostgreSQL, Redis) under load, through nginx:
//   1. a mixed load (sign-ins, key-authenticated reads, payment creates, the
//      portal's list pages) from BENCH_CLIENTS (16) clients for BENCH_DURATION
//      (60) s, with one web instance and then with two: requests/s, p50/p99 and
//      the ratio, and where the time went per route (from /api/metrics/);
//   2. bench:keys through the fleet: GET /api/v1/account/ against
//      GET /api/health/ through the same nginx (autocannon);
//   3. webhooks, delivered by the worker processes to a verifying receiver,
//      against a plain signed-fetch loop (the ceiling): (a) the two workers
//      draining a backlog, deliveries/s as a ratio to the ceiling; (b) events
//      written through the outbox at BENCH_EVENT_RATE (200) a second for
//      BENCH_EVENT_SECONDS (30) s, emit → delivery p50/p99; (c) events emitted by
//      the web instances: BENCH_EMIT_CLIENTS (8) clients creating and confirming
//      payments through nginx in a closed loop, each announcing
//      payment.succeeded, with the rate the web tier sustains and emit →
//      delivery p50/p99.
// BENCH_DATABASE_URL: the PostgreSQL server (default the local one); the run
// makes a database of its own there and drops it. REDIS_URL: the Redis (default
// redis://127.0.0.1:6379). BENCH_PARTS=mixed,keys,webhooks (the default) picks parts.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { createPgDatabase, dropPgDatabase } from "../db/lib.mjs";
import { browserSignIn, call, expectStatus, receiverStats, register, startReceiver } from "../fleet/client";
import { freePort, startFleet, type Fleet, type FleetOptions } from "../fleet/fleet";
import { WEBHOOK_MESSAGE_STATUS } from "../../lib/statuses";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 60);
const EVENT_RATE = Number(process.env.BENCH_EVENT_RATE ?? 200);
const EVENT_SECONDS = Number(process.env.BENCH_EVENT_SECONDS ?? 30);
const KEYS_DURATION_S = Number(process.env.BENCH_KEYS_DURATION ?? 10);
const PARTS = new Set((process.env.BENCH_PARTS ?? "mixed,keys,webhooks").split(","));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : Number.NaN);

type Tenant = Awaited<ReturnType<typeof register>> & { password: string };

/** A tenant whose keys are limited far above the load, connected to the simulator's Stripe (as its owner would, in the browser). */
async function connectedTenant(fleet: Fleet, label: string, finishAccountLink: (link: string, outcome: "complete") => Promise<string>, sql: Sql): Promise<Tenant> {
  const tenant = await register(fleet.url, label);
  await sql(`UPDATE "Tenant" SET "apiRateLimitTest" = 100000, "apiRateLimitLive" = 100000 WHERE "id" = $1`, tenant.tenantId);
  const started = expectStatus(await call(fleet.url, "/api/v1/auth/tenants/stripe/connect/", { bearer: tenant.token, body: {} }), 200, "Connect with Stripe");
  const back = new URL(await finishAccountLink(new URL(String(started.body.url)).searchParams.get("link")!, "complete"));
  const cookie = await browserSignIn(fleet.url, tenant.email, "fleet test password");
  const done = expectStatus(await call(fleet.url, back.pathname + back.search, { cookie, headers: { accept: "application/json" } }), 200, "the return from onboarding");
  if (done.body.charges_enabled !== true) throw new Error(`onboarding did not enable charges: ${JSON.stringify(done.body)}`);
  return { ...tenant, password: "fleet test password" };
}

type Sql = (query: string, ...values: unknown[]) => Promise<Record<string, unknown>[]>;
type Op = { name: string; run: () => Promise<number> };

async function status(url: string, init: RequestInit): Promise<number> {
  const answer = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
  await answer.arrayBuffer();
  return answer.status;
}

/** The mixed load's operations, by weight: mostly key-authenticated reads, some writes, a few sign-ins. */
function mixedOperations(fleet: Fleet, tenant: Tenant): Op[] {
  const key = { authorization: `Bearer ${tenant.secretTestKey}` };
  const bearer = { authorization: `Bearer ${tenant.token}` };
  const json = { "content-type": "application/json" };
  const op = (name: string, weight: number, run: () => Promise<number>) => Array.from({ length: weight }, () => ({ name, run }));
  return [
    ...op("GET /v1/account (key)", 4, () => status(`${fleet.url}/api/v1/account/`, { headers: key })),
    ...op("GET /v1/payments (key)", 2, () => status(`${fleet.url}/api/v1/payments/?limit=20`, { headers: key })),
    ...op("POST /v1/payments (key)", 2, () =>
      status(`${fleet.url}/api/v1/payments/`, { method: "POST", headers: { ...key, ...json }, body: JSON.stringify({ amount: 2000, currency: "usd", description: "bench" }) }),
    ),
    ...op("GET portal payments list", 1, () => status(`${fleet.url}/api/v1/auth/tenants/payments/?limit=20`, { headers: bearer })),
    ...op("GET portal audit log", 1, () => status(`${fleet.url}/api/v1/auth/tenants/audit-logs/?limit=20`, { headers: bearer })),
    ...op("GET portal members", 1, () => status(`${fleet.url}/api/v1/auth/tenants/members/`, { headers: bearer })),
    ...op("POST /auth/login (sign-in)", 1, () =>
      status(`${fleet.url}/api/v1/auth/login/`, { method: "POST", headers: json, body: JSON.stringify({ email: tenant.email, password: tenant.password }) }),
    ),
  ];
}

type MixedFigures = { total: number; rps: number; p50: number; p99: number; failed: number; byOp: Map<string, number[]> };

async function mixedLoad(fleet: Fleet, tenant: Tenant): Promise<MixedFigures> {
  const ops = mixedOperations(fleet, tenant);
  const byOp = new Map<string, number[]>();
  const all: number[] = [];
  let failed = 0;
  const started = performance.now();
  const until = started + DURATION_S * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = client; performance.now() < until; i++) {
        const op = ops[i % ops.length];
        const t0 = performance.now();
        let answered = 0;
        try {
          answered = await op.run();
        } catch {
          answered = 0;
        }
        const ms = performance.now() - t0;
        if (answered < 200 || answered >= 300) failed += 1;
        all.push(ms);
        const times = byOp.get(op.name) ?? [];
        times.push(ms);
        byOp.set(op.name, times);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = all.sort((a, b) => a - b);
  return { total: all.length, rps: all.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), failed, byOp };
}

/** Seconds spent per route template on one instance, from its Prometheus text (http_request_duration_seconds_sum). */
async function routeSeconds(base: string, token: string): Promise<{ routes: Map<string, { seconds: number; count: number }>; cpu: number }> {
  const text = await (await fetch(`${base}/api/metrics/`, { headers: { authorization: `Bearer ${token}` } })).text();
  const routes = new Map<string, { seconds: number; count: number }>();
  let cpu = 0;
  for (const line of text.split("\n")) {
    const sum = /^http_request_duration_seconds_(sum|count)\{method="([^"]+)",route="([^"]+)",status="[^"]+"\} (\S+)$/.exec(line);
    if (sum) {
      const name = `${sum[2]} ${sum[3]}`;
      const entry = routes.get(name) ?? { seconds: 0, count: 0 };
      if (sum[1] === "sum") entry.seconds += Number(sum[4]);
      else entry.count += Number(sum[4]);
      routes.set(name, entry);
    }
    const cpuLine = /^process_cpu_seconds_total (\S+)$/.exec(line);
    if (cpuLine) cpu = Number(cpuLine[1]);
  }
  return { routes, cpu };
}

async function whereTheTimeWent(fleet: Fleet): Promise<string[]> {
  const merged = new Map<string, { seconds: number; count: number }>();
  const cpus: string[] = [];
  for (const instance of fleet.web) {
    const { routes, cpu } = await routeSeconds(`http://127.0.0.1:${instance.port}`, fleet.metricsToken);
    cpus.push(`${instance.name} ${cpu.toFixed(1)} s`);
    for (const [name, entry] of routes) {
      const total = merged.get(name) ?? { seconds: 0, count: 0 };
      merged.set(name, { seconds: total.seconds + entry.seconds, count: total.count + entry.count });
    }
  }
  const lines = [...merged.entries()]
    .sort((a, b) => b[1].seconds - a[1].seconds)
    .slice(0, 8)
    .map(([name, entry]) => `    ${name.padEnd(44)} ${entry.count.toString().padStart(7)} requests  ${(entry.seconds / entry.count * 1000).toFixed(1).padStart(7)} ms mean in the handler  ${entry.seconds.toFixed(1).padStart(7)} s in all`);
  return [`  process CPU (all of the process's life): ${cpus.join(", ")}`, ...lines];
}

function printMixed(label: string, figures: MixedFigures) {
  console.log(`  ${label}: ${figures.rps.toFixed(0)} req/s, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, ${figures.total} requests, ${figures.failed} not 2xx`);
  for (const [name, values] of figures.byOp) {
    const sorted = values.sort((a, b) => a - b);
    console.log(`    ${name.padEnd(30)} ${values.length.toString().padStart(7)}  p50 ${percentile(sorted, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(sorted, 99).toFixed(1).padStart(7)} ms`);
  }
}

async function keysThroughNginx(fleet: Fleet, tenant: Tenant) {
  const drive = async (url: string, headers?: Record<string, string>) => {
    const result = await autocannon({ url, connections: 20, duration: KEYS_DURATION_S, headers });
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
  };
  const key = { authorization: `Bearer ${tenant.secretTestKey}` };
  await autocannon({ url: `${fleet.url}/api/v1/account/`, connections: 20, duration: 3, headers: key });
  const health = await drive(`${fleet.url}/api/health/`);
  const account = await drive(`${fleet.url}/api/v1/account/`, key);
  const row = (name: string, f: typeof health) => `    ${name.padEnd(22)} ${f.rps.toFixed(0).padStart(7)} req/s   p50 ${f.p50.toFixed(1).padStart(6)} ms   p99 ${f.p99.toFixed(1).padStart(6)} ms   non-2xx ${f.non2xx}   errors ${f.errors}`;
  console.log(row("GET /api/health/", health));
  console.log(row("GET /api/v1/account/", account));
  console.log(`  ratio account/health through the fleet: ${((account.rps / health.rps) * 100).toFixed(1)}% (target ≥ 80% on PostgreSQL)`);
}

type WebhookLib = {
  signing: typeof import("@/lib/webhooks/signing");
  emitEvent: typeof import("@/lib/webhooks/outbox").emitEvent;
  prisma: typeof import("@/lib/db").prisma;
};

const BACKLOG_EVENTS = 2_000;
const EMIT_CLIENTS = Number(process.env.BENCH_EMIT_CLIENTS ?? 8);

async function waitForDeliveries(base: string, count: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let stats = await receiverStats(base);
  while (stats.unique < count && Date.now() < deadline) {
    await sleep(250);
    stats = await receiverStats(base);
  }
  return stats;
}

type TimedStats = Awaited<ReturnType<typeof receiverStats>> & { p50: number; p99: number; first: number; last: number };
const timedStats = async (base: string) => (await (await fetch(`${base}/_stats`)).json()) as TimedStats;
const deliveredLine = (stats: TimedStats, offered: number) =>
  `delivered ${stats.unique} of ${offered} distinct (${stats.count} requests, ${stats.verified} verified, ${stats.rejected} rejected, ${stats.duplicates} duplicates)`;

async function webhooksEndToEnd(fleet: Fleet, tenant: Tenant, lib: WebhookLib) {
  const receiver = await startReceiver();
  const reset = () => fetch(`${receiver.base}/_reset`, { method: "POST" });
  try {
    const target = `${receiver.base}/t/${tenant.tenantId}`;
    const saved = expectStatus(
      await call(fleet.url, "/api/v1/auth/tenants/webhooks/config/", { bearer: tenant.token, body: { url: target, event_types: ["payment.succeeded", "webhook.test"], verify: false } }),
      200,
      "webhook configuration",
    );
    const secret = String(saved.body.secret);
    await fetch(`${receiver.base}/_secrets`, { method: "POST", body: JSON.stringify({ [tenant.tenantId]: secret }) });
    // One event as the features write it: its own transaction, through the outbox.
    const emit = (seq: number) => lib.prisma.$transaction((tx) => lib.emitEvent(tx, tenant.tenantId, "webhook.test", { seq, enqueued_at: Date.now() }));

    // The ceiling: the same receiver driven by a plain loop of signed fetch calls, ten at a time (a worker's concurrency).
    let next = 0;
    const ceilingStart = performance.now();
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let i = next++; i < BACKLOG_EVENTS; i = next++) {
          const body = lib.signing.eventBody({ type: "webhook.test", data: { seq: i, enqueued_at: Date.now() }, at: new Date(), test: false });
          const headers = lib.signing.signDelivery(secret, lib.signing.newMessageId(), new Date(), body);
          const answer = await fetch(target, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body });
          await answer.arrayBuffer();
        }
      }),
    );
    const ceilingRate = BACKLOG_EVENTS / ((performance.now() - ceilingStart) / 1000);
    console.log(`  ceiling (signed fetch loop, 10 at a time): ${ceilingRate.toFixed(0)} deliveries/s`);

    // a. The workers' throughput: a backlog written while they are stopped, then drained by both.
    await reset();
    await Promise.all(fleet.workers.map((_, index) => fleet.stopWorker(index)));
    next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let i = next++; i < BACKLOG_EVENTS; i = next++) await emit(i);
      }),
    );
    await Promise.all(fleet.workers.map((_, index) => fleet.startWorker(index)));
    const drained = await waitForDeliveries(receiver.base, BACKLOG_EVENTS, 120_000).then(() => timedStats(receiver.base));
    const drainRate = (drained.count - 1) / Math.max(0.001, (drained.last - drained.first) / 1000);
    // What the database says, once the workers' last writes are in: every delivery recorded, each once.
    const recorded = () => lib.prisma.webhookMessage.count({ where: { tenantId: tenant.tenantId, eventType: "webhook.test", status: WEBHOOK_MESSAGE_STATUS.delivered, attemptCount: 1 } });
    for (let i = 0; i < 40 && (await recorded()) < drained.unique; i++) await sleep(250);
    const recordedCount = await recorded();
    console.log(`  a. two workers draining a backlog of ${BACKLOG_EVENTS}: ${drainRate.toFixed(0)} deliveries/s = ${((drainRate / ceilingRate) * 100).toFixed(1)}% of the ceiling (target ≥ 50%); ${deliveredLine(drained, BACKLOG_EVENTS)}; recorded delivered: ${recordedCount}`);

    // b. The target rate: EVENT_RATE events a second for EVENT_SECONDS, written through the outbox as they happen, delivered as they come.
    await reset();
    const total = EVENT_RATE * EVENT_SECONDS;
    const paced: Promise<unknown>[] = [];
    let late = 0;
    const pacedStart = performance.now();
    const pacedStartWall = Date.now();
    for (let i = 0; i < total; i++) {
      const wait = pacedStart + (i * 1000) / EVENT_RATE - performance.now();
      if (wait > 0) await sleep(wait);
      else if (wait < -100) late += 1;
      paced.push(emit(i));
    }
    await Promise.all(paced);
    const emitSeconds = (performance.now() - pacedStart) / 1000;
    const atRate = await waitForDeliveries(receiver.base, total, 120_000).then(() => timedStats(receiver.base));
    const atRateSeconds = (atRate.last - pacedStartWall) / 1000;
    console.log(
      `  b. ${total} events offered at ${EVENT_RATE}/s, written in ${emitSeconds.toFixed(1)} s (${late} more than 100 ms late): ${(atRate.unique / atRateSeconds).toFixed(0)} deliveries/s; emit → delivery p50 ${atRate.p50} ms, p99 ${atRate.p99} ms (target p99 ≤ 2000 ms); ${deliveredLine(atRate, total)}`,
    );

    // c. Emitted by the web instances: payments created and confirmed through nginx by EMIT_CLIENTS clients in a closed loop
    //    (as fast as the web tier answers), each confirmation announcing payment.succeeded.
    await reset();
    const key = { authorization: `Bearer ${tenant.secretTestKey}`, "content-type": "application/json" };
    const confirmedIds = new Set<string>();
    const refusals = new Map<string, number>();
    const refuse = (what: string) => refusals.set(what, (refusals.get(what) ?? 0) + 1);
    const loopStart = performance.now();
    const loopStartWall = Date.now();
    const until = loopStart + EVENT_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: EMIT_CLIENTS }, async () => {
        while (performance.now() < until) {
          try {
            const created = await fetch(`${fleet.url}/api/v1/payments/`, { method: "POST", headers: key, body: JSON.stringify({ amount: 2000, currency: "usd" }) });
            const payment = (await created.json()) as { id?: string };
            if (created.status !== 201 || !payment.id) {
              refuse(`create ${created.status}`);
              continue;
            }
            const confirmed = await fetch(`${fleet.url}/api/v1/payments/${payment.id}/confirm/`, { method: "POST", headers: key, body: JSON.stringify({ payment_method: "pm_card_visa" }) });
            await confirmed.arrayBuffer();
            // The event was written in the confirmation's transaction: it exists from the answer on.
            if (confirmed.status === 200) confirmedIds.add(payment.id);
            else refuse(`confirm ${confirmed.status}`);
          } catch (error) {
            refuse(error instanceof Error ? error.message : String(error));
          }
        }
      }),
    );
    const loopSeconds = (performance.now() - loopStart) / 1000;
    const fromWeb = await waitForDeliveries(receiver.base, confirmedIds.size, 120_000).then(() => timedStats(receiver.base));
    const arrivals = (await (await fetch(`${receiver.base}/_arrivals`)).json()) as [string, number, string | null][];
    // From the moment the payment succeeded (its succeeded_at, written in the transaction that
    // emitted the event; same machine, same clock) to the receiver's receipt.
    const latencies = arrivals.flatMap(([, at, succeededAt]) => (succeededAt ? [at - Date.parse(succeededAt)] : [])).sort((a, b) => a - b);
    const lastArrival = Math.max(loopStartWall, ...arrivals.map(([, at]) => at));
    console.log(
      `  c. emitted by the web instances (${EMIT_CLIENTS} clients creating and confirming payments through nginx for ${loopSeconds.toFixed(1)} s): ${confirmedIds.size} payment.succeeded events = ${(confirmedIds.size / loopSeconds).toFixed(1)}/s (not emitted: ${JSON.stringify(Object.fromEntries(refusals))})`,
    );
    console.log(
      `     ${(arrivals.length / ((lastArrival - loopStartWall) / 1000)).toFixed(1)} deliveries/s; emit → delivery p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms; ${deliveredLine(fromWeb, confirmedIds.size)}`,
    );
  } finally {
    receiver.stop();
  }
}

async function main() {
  const server = process.env.BENCH_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
  const databaseUrl = await createPgDatabase(server, `portal_bench_fleet_${randomBytes(5).toString("hex")}`);
  const dir = mkdtempSync(path.join(tmpdir(), "portal-bench-fleet-"));
  const base: Omit<FleetOptions, "web" | "port"> = {
    workers: 2,
    databaseUrl,
    redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    dir,
    env: { LOG_LEVEL: "warn", WEBHOOK_ALLOW_PRIVATE_TARGETS: "1" },
  };
  let fleet: Fleet | null = null;
  let disconnect = async () => undefined as unknown;
  try {
    fleet = await startFleet({ ...base, web: PARTS.has("mixed") ? 1 : 2, port: await freePort() });
    // The portal's modules in this process, on the fleet's database: the simulator's onboarding step and signing for the ceiling.
    for (const name of ["DATABASE_URL", "AUTH_SECRET", "ENCRYPTION_KEY", "NODE_ENV", "APP_URL", "STRIPE_SIMULATOR"]) process.env[name] = fleet.env[name];
    process.env.LOG_LEVEL = "silent";
    const db = await import("@/lib/db");
    disconnect = db.disconnectPrisma;
    const sql: Sql = (query, ...values) => db.prisma.$queryRawUnsafe(query, ...values);
    const { finishAccountLink } = await import("@/lib/stripe/simulator/onboarding");
    const signing = await import("@/lib/webhooks/signing");
    const { emitEvent } = await import("@/lib/webhooks/outbox");
    const tenant = await connectedTenant(fleet, "bench", finishAccountLink, sql);

    console.log(`bench:fleet  ${CLIENTS} clients, ${DURATION_S} s, PostgreSQL, Redis, nginx; ${process.env.BENCH_NOTE ?? ""}`);
    if (PARTS.has("mixed")) {
      console.log("\n1. mixed load through nginx");
      const one = await mixedLoad(fleet, tenant);
      printMixed("one web instance", one);
      for (const line of await whereTheTimeWent(fleet)) console.log(line);
      await fleet.stop();

      fleet = await startFleet({ ...base, web: 2, port: await freePort() });
      const two = await mixedLoad(fleet, tenant);
      printMixed("two web instances", two);
      for (const line of await whereTheTimeWent(fleet)) console.log(line);
      console.log(`  two / one: ${(two.rps / one.rps).toFixed(2)}× the requests per second (2 cores: the instances, nginx, PostgreSQL, Redis, the workers and this load generator share them)`);
    }
    if (PARTS.has("keys")) {
      console.log("\n2. bench:keys through the fleet (two instances)");
      await keysThroughNginx(fleet, tenant);
    }
    if (PARTS.has("webhooks")) {
      console.log("\n3. webhooks end to end (two instances emit, two workers deliver)");
      await webhooksEndToEnd(fleet, tenant, { signing, emitEvent, prisma: db.prisma });
    }
  } finally {
    await fleet?.stop();
    await disconnect();
    await dropPgDatabase(databaseUrl, server).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error("bench:fleet failed:", error instanceof Error ? error.stack : error);
  process.exit(1);
});
