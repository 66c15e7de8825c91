// npm run test:fleet — the fleet under load and faults, black-box through
// nginx: two `next start` instances, two webhook workers, one PostgreSQL
// database of its own and a Redis of its own (started here, so that it can be
// stopped). Each case asserts outcomes, never timings:
//   1. a session, a key revocation and a tenant switch hold across instances;
//   2. one key's rate limit is shared: 50/s, 200/s sent for 10 s → 500 ± 5%;
//   3. 2,000 webhook events while a worker is killed mid-batch: every event
//      delivered and verified, duplicates only from the killed batch;
//   4. Redis stopped for 10 s: the API keeps answering, then shares limits again;
//   5. PostgreSQL restarted: readiness answers 503 meanwhile and recovers,
//      and no write that was answered 2xx is lost;
//   6. a rolling restart under steady traffic: no failed request, each
//      instance exits 0.
// PostgreSQL: TEST_DATABASE_URL (a server URL; default
// postgresql://postgres@127.0.0.1:5432/postgres); case 5 stops and starts the
// local cluster with pg_ctlcluster, so it runs only where that is possible
// (root on the machine that runs the server).
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPgDatabase, dropPgDatabase } from "../db/lib.mjs";
import { browserSignIn, call, expectStatus, invite, login, mergeCookies, receiverStats, register, startReceiver, type Answer } from "./client";
import { freePort, startFleet, type Fleet } from "./fleet";

const DEMO_PASSWORD = `fleet-${randomBytes(6).toString("hex")}`;
const say = (line: string) => console.log(`test:fleet: ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- the pieces

type Context = {
  fleet: Fleet;
  instances: string[];
  redis: { port: number; url: string; start: () => Promise<void>; stop: () => Promise<void> };
  sql: (query: string, ...values: unknown[]) => Promise<Record<string, unknown>[]>;
  lib: Awaited<ReturnType<typeof loadLibrary>>;
};

/** A Redis of the test's own, on a free port, so case 4 can stop it without touching anyone else's. */
async function ownRedis(dir: string) {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
    for (let i = 0; i < 100; i++) {
      if (spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" }).stdout.trim() === "PONG") return;
      await sleep(100);
    }
    throw new Error("redis-server did not start");
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await exited;
  };
  await start();
  return { port, url: `redis://127.0.0.1:${port}`, start, stop };
}

/** The portal's own modules, in this process, on the fleet's database (with the fleet's secrets). */
async function loadLibrary(env: NodeJS.ProcessEnv) {
  for (const name of ["DATABASE_URL", "AUTH_SECRET", "ENCRYPTION_KEY", "NODE_ENV", "WEBHOOK_ALLOW_PRIVATE_TARGETS", "APP_URL"]) process.env[name] = env[name];
  process.env.LOG_LEVEL = "silent";
  const db = await import("@/lib/db");
  const { encryptSecret } = await import("@/lib/crypto/secret-box");
  const { newWebhookSecret } = await import("@/lib/webhooks/signing");
  const { emitEvent } = await import("@/lib/webhooks/outbox");
  const statuses = await import("@/lib/statuses");
  return { prisma: db.prisma, disconnectPrisma: db.disconnectPrisma, encryptSecret, newWebhookSecret, emitEvent, statuses };
}


function pgCluster(action: "start" | "stop"): void {
  const version = readdirSync("/etc/postgresql")[0];
  const result = spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", action, ...(action === "stop" ? ["-m", "fast"] : [])], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`pg_ctlcluster ${action}: ${result.stderr || result.stdout}`);
}
const canRestartPostgres = () => process.getuid?.() === 0 && existsSync("/etc/postgresql") && spawnSync("pg_ctlcluster", ["--help"]).status !== null;

async function readiness(base: string): Promise<number> {
  try {
    const answer = await fetch(`${base}/api/health/ready/`, { signal: AbortSignal.timeout(3_000) });
    await answer.arrayBuffer();
    return answer.status;
  } catch {
    return 0;
  }
}

/** Sends `rate` requests per second for `seconds` with the key, through nginx; answers the statuses. */
async function paced(url: string, key: string, rate: number, seconds: number): Promise<{ statuses: number[]; spanSeconds: number }> {
  const total = rate * seconds;
  const statuses: number[] = [];
  const answeredAt: number[] = [];
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(
      fetch(`${url}/api/v1/account/`, { headers: { authorization: `Bearer ${key}` }, signal: AbortSignal.timeout(30_000) }).then(
        async (answer) => {
          await answer.arrayBuffer();
          statuses.push(answer.status);
          answeredAt.push(performance.now());
        },
        () => void statuses.push(0),
      ),
    );
  }
  const sentIn = (performance.now() - started) / 1000;
  await Promise.all(inFlight);
  const answeredIn = answeredAt.length ? (Math.max(...answeredAt) - Math.min(...answeredAt)) / 1000 : 0;
  return { statuses, spanSeconds: Math.max(sentIn, answeredIn) };
}
const countOf = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

async function setKeyLimit(context: Context, tenantId: string, perSecond: number) {
  await context.sql(`UPDATE "Tenant" SET "apiRateLimitTest" = $1 WHERE "id" = $2`, perSecond, tenantId);
}

// ---------------------------------------------------------------- the cases

async function sessionsAcrossInstances(context: Context) {
  const [a, b] = context.instances;
  const { url } = context.fleet;

  const cookie = await browserSignIn(a, "owner@demo.test", DEMO_PASSWORD);
  const me = expectStatus(await call(b, "/api/v1/auth/me/", { cookie }), 200, "the session from A, on B");
  assert.equal((me.body.user as { email: string }).email, "owner@demo.test");
  const token = await login(a, "owner@demo.test", DEMO_PASSWORD);
  expectStatus(await call(b, "/api/v1/auth/tenants/api-keys/", { bearer: token }), 200, "the access token from A, on B");
  say("  a browser session and an access token made on A are valid on B");

  const owner = await register(url, "revoker");
  expectStatus(await call(b, "/api/v1/account/", { bearer: owner.secretTestKey }), 200, "the key on B before revocation");
  expectStatus(await call(a, "/api/v1/auth/tenants/api-keys/revoke/", { bearer: owner.token, body: { key_type: "test", reason: "fleet test revocation", confirm: true } }), 200, "revocation on A");
  const refused = expectStatus(await call(b, "/api/v1/account/", { bearer: owner.secretTestKey }), 401, "the revoked key on B, the next request");
  assert.equal((refused.body.error as { code: string }).code, "invalid_api_key");
  expectStatus(await call(a, "/api/v1/account/", { bearer: owner.secretTestKey }), 401, "the revoked key on A");
  say("  a key revoked on A is refused by B on the very next request");

  // A person in two tenants: the demo tenant (invited by its owner) and one of their own making.
  const second = await register(url, "switcher-home");
  const email = `switcher-${randomBytes(4).toString("hex")}@fleet.test`;
  const password = "switcher fleet password";
  const demoInvite = await invite(url, token, email, "member");
  expectStatus(await call(url, "/api/v1/auth/tenants/invitations/accept/", { body: { token: demoInvite, name: "Switcher", password } }), 200, "joining the demo tenant");
  const homeInvite = await invite(url, second.token, email, "admin");
  expectStatus(await call(url, "/api/v1/auth/tenants/invitations/accept/", { body: { token: homeInvite, password } }), 200, "joining the second tenant");

  let jar = await browserSignIn(a, email, password);
  const before = expectStatus(await call(b, "/api/v1/auth/tenants/current/", { cookie: jar }), 200, "current tenant on B");
  const currentId = (before.body.tenant as { id: string }).id;
  const tenants = expectStatus(await call(a, "/api/v1/auth/tenants/", { cookie: jar }), 200, "the switcher's tenants");
  const list = tenants.body.tenants as { id: string }[];
  assert.equal(list.length, 2, "the switcher belongs to two tenants");
  const targetId = list.find((tenant) => tenant.id !== currentId)!.id;
  const switched = expectStatus(await call(a, "/api/v1/auth/tenants/switch/", { cookie: jar, origin: a, body: { tenant_id: targetId } }), 200, "switch on A");
  jar = mergeCookies(jar, switched.headers);
  for (const base of [b, a, url]) {
    const current = expectStatus(await call(base, "/api/v1/auth/tenants/current/", { cookie: jar }), 200, `current tenant after the switch (${base})`);
    assert.equal((current.body.tenant as { id: string }).id, targetId, `the switch made on A holds on ${base}`);
  }
  say("  a tenant switch made on A holds on B and through nginx");
}

async function sharedRateLimit(context: Context) {
  const LIMIT = 50;
  const RATE = 200;
  const SECONDS = 10;
  const tenant = await register(context.fleet.url, "limits");
  await setKeyLimit(context, tenant.tenantId, LIMIT);
  // One request per instance first (each learns the key's limit), then a fresh window.
  for (const base of context.instances) {
    const warm = expectStatus(await call(base, "/api/v1/account/", { bearer: tenant.secretTestKey }), 200, "warm-up");
    assert.equal(warm.headers.get("ratelimit-policy"), `"key";q=${LIMIT};w=1`);
  }
  await sleep(1_500);
  const { statuses, spanSeconds } = await paced(context.fleet.url, tenant.secretTestKey, RATE, SECONDS);
  const accepted = countOf(statuses, 200);
  const refused = countOf(statuses, 429);
  // A window opens with the first request after the last one closed: requests that reached the
  // instances over more than SECONDS (a sender that fell behind) span more windows.
  const windows = Math.max(SECONDS, Math.ceil(spanSeconds - 0.05));
  const expected = LIMIT * windows;
  const [low, high] = [Math.floor(expected * 0.95), Math.ceil(expected * 1.05)];
  say(`  ${RATE * SECONDS} requests over ${spanSeconds.toFixed(2)} s through nginx: ${accepted} accepted, ${refused} refused (429), ${statuses.length - accepted - refused} other; expected ${expected} (${low}–${high})`);
  assert.equal(accepted + refused, statuses.length, "every answer is 200 or 429");
  assert.ok(accepted >= low && accepted <= high, `${accepted} accepted is outside ${low}–${high}`);
}

async function webhooksWithAKilledWorker(context: Context) {
  const EVENTS = 2_000;
  const TENANTS = 20;
  const { prisma, encryptSecret, newWebhookSecret, emitEvent, statuses } = context.lib;
  const receiver = await startReceiver();
  try {
    const tenants: { id: string; secret: string }[] = [];
    for (let t = 0; t < TENANTS; t++) {
      const tenant = await prisma.tenant.create({ data: { name: `Fleet webhooks ${t}`, slug: `fleet-webhooks-${t}-${randomBytes(3).toString("hex")}` } });
      const secret = newWebhookSecret();
      await prisma.webhookEndpoint.create({ data: { tenantId: tenant.id, url: `${receiver.base}/t/${tenant.id}`, secretEncrypted: encryptSecret(secret), secretLast4: secret.slice(-4) } });
      tenants.push({ id: tenant.id, secret });
    }
    await fetch(`${receiver.base}/_secrets`, { method: "POST", body: JSON.stringify(Object.fromEntries(tenants.map((t) => [t.id, t.secret]))) });
    const tenantIds = tenants.map((t) => t.id);

    // Emitted as features do (one transaction per event), ten at a time.
    let next = 0;
    const emitting = Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let i = next++; i < EVENTS; i = next++) {
          await prisma.$transaction((tx) => emitEvent(tx, tenants[i % TENANTS].id, "webhook.test", { seq: i, enqueued_at: Date.now() }));
        }
      }),
    );

    // Killed while it holds attempts it has claimed and not finished: mid-batch.
    const victim = context.fleet.workers[0];
    const pid = victim.child!.pid!;
    const heldByVictim = async () =>
      Number(
        (
          await context.sql(
            `SELECT count(*)::int AS n FROM "WebhookAttempt" WHERE "state" = $1 AND "leaseOwner" LIKE $2`,
            statuses.WEBHOOK_ATTEMPT_STATE.inFlight,
            `%:${pid}:%`,
          )
        )[0].n,
      );
    let held = 0;
    for (let i = 0; i < 600 && held === 0; i++) {
      held = await heldByVictim();
      if (held === 0) await sleep(20);
    }
    assert.ok(held > 0, "the first worker claimed a batch");
    await context.fleet.stopWorker(0, "SIGKILL");
    const orphaned = await heldByVictim();
    say(`  worker-1 (pid ${pid}) killed with SIGKILL holding ${orphaned} claimed attempts; restarting it`);
    await context.fleet.startWorker(0);
    await emitting;

    const deadline = Date.now() + 120_000;
    let delivered = 0;
    for (;;) {
      delivered = await prisma.webhookMessage.count({ where: { tenantId: { in: tenantIds }, status: statuses.WEBHOOK_MESSAGE_STATUS.delivered } });
      if (delivered >= EVENTS || Date.now() > deadline) break;
      await sleep(500);
    }
    await sleep(500);
    const received = await receiverStats(receiver.base);
    say(
      `  ${EVENTS} events: ${delivered} messages delivered; the receiver got ${received.count} requests, ${received.unique} distinct messages, ${received.verified} verified, ${received.rejected} rejected, ${received.duplicates} duplicates (the killed batch held ${orphaned})`,
    );
    assert.equal(delivered, EVENTS, "every message is marked delivered");
    assert.equal(received.unique, EVENTS, "the receiver got every message");
    assert.equal(received.rejected, 0, "no signature failed");
    assert.equal(received.verified, received.count, "every request verified");
    assert.ok(received.duplicates <= orphaned, `duplicates (${received.duplicates}) come only from the killed batch (${orphaned})`);
  } finally {
    receiver.stop();
  }
}

async function redisOutage(context: Context) {
  const LIMIT = 10;
  const tenant = await register(context.fleet.url, "redis-outage");
  await setKeyLimit(context, tenant.tenantId, LIMIT);
  expectStatus(await call(context.fleet.url, "/api/v1/account/", { bearer: tenant.secretTestKey }), 200, "before the outage");

  await context.redis.stop();
  say("  Redis stopped");
  const during = await paced(context.fleet.url, tenant.secretTestKey, 20, 10);
  await context.redis.start();
  say(`  during the 10 s outage: ${countOf(during.statuses, 200)} answered 200, ${countOf(during.statuses, 429)} 429, ${during.statuses.length - countOf(during.statuses, 200) - countOf(during.statuses, 429)} other`);
  assert.equal(countOf(during.statuses, 200) + countOf(during.statuses, 429), during.statuses.length, "every request answered 200 or 429 while Redis was down");
  assert.ok(countOf(during.statuses, 200) >= LIMIT * 10 * 0.9, "the per-instance limits kept serving");

  // Back to one count: over 5 s at 100/s, a shared limit of 10/s accepts about 50; two
  // instances counting on their own would accept about 100.
  let shared = false;
  let accepted = 0;
  for (let attempt = 0; attempt < 5 && !shared; attempt++) {
    await sleep(1_000);
    const after = await paced(context.fleet.url, tenant.secretTestKey, 100, 5);
    accepted = countOf(after.statuses, 200);
    assert.equal(accepted + countOf(after.statuses, 429), after.statuses.length, "every request answered 200 or 429 after Redis returned");
    // Halfway between one count (LIMIT a second) and two (2 × LIMIT a second).
    shared = accepted <= LIMIT * Math.ceil(after.spanSeconds) * 1.5;
  }
  say(`  after Redis returned: ${accepted} of 500 accepted at a limit of ${LIMIT}/s (shared again: ${shared})`);
  assert.ok(shared, "the instances share the count again once Redis is back");
  for (const instance of context.fleet.web) {
    const warnings = readFileSync(context.fleet.log(instance.name), "utf8").split("\n").filter((line) => line.includes("Redis is not answering")).length;
    assert.equal(warnings, 1, `${instance.name} warned once about Redis (warned ${warnings} times)`);
  }
}

async function postgresRestart(context: Context) {
  if (!canRestartPostgres()) {
    say("  skipped: stopping PostgreSQL needs root and pg_ctlcluster on this machine");
    return;
  }
  const owner = await register(context.fleet.url, "writer");
  const acknowledged: string[] = [];
  const failures = new Map<number, number>();
  let writing = true;
  const writer = (async () => {
    for (let i = 0; writing; i++) {
      try {
        const answer = await call(context.fleet.url, "/api/v1/auth/tenants/invitations/", { bearer: owner.token, body: { email: `write-${i}@fleet.test`, role: "member" } });
        if (answer.status === 201) acknowledged.push((answer.body.invitation as { id: string }).id);
        else failures.set(answer.status, (failures.get(answer.status) ?? 0) + 1);
      } catch {
        failures.set(0, (failures.get(0) ?? 0) + 1);
      }
      await sleep(50);
    }
  })();
  await sleep(1_000);
  try {
    pgCluster("stop");
    say("  PostgreSQL stopped");
    const downSince = Date.now();
    let allNotReady = false;
    while (!allNotReady && Date.now() - downSince < 15_000) {
      const statuses = await Promise.all(context.instances.map(readiness));
      allNotReady = statuses.every((status) => status === 503);
      if (!allNotReady) await sleep(200);
    }
    assert.ok(allNotReady, "every instance answered 503 from /api/health/ready/ while PostgreSQL was down");
    await sleep(2_000);
  } finally {
    pgCluster("start");
  }
  const upAt = Date.now();
  let ready = false;
  while (!ready && Date.now() - upAt < 30_000) {
    ready = (await Promise.all(context.instances.map(readiness))).every((status) => status === 200);
    if (!ready) await sleep(200);
  }
  const recovery = (Date.now() - upAt) / 1000;
  say(`  PostgreSQL started again: every instance ready ${recovery.toFixed(1)} s later`);
  assert.ok(ready && recovery <= 10, `the instances were ready again within 10 s (${recovery.toFixed(1)} s)`);
  const writtenBefore = acknowledged.length;
  await sleep(1_500);
  writing = false;
  await writer;
  assert.ok(acknowledged.length > writtenBefore, "writes succeed again after the restart");

  const stored = await context.sql(`SELECT "id" FROM "Invitation" WHERE "tenantId" = $1`, owner.tenantId);
  const storedIds = new Set(stored.map((row) => String(row.id)));
  const lost = acknowledged.filter((id) => !storedIds.has(id));
  say(`  writes answered 201: ${acknowledged.length}, all stored: ${lost.length === 0}; refused meanwhile: ${JSON.stringify(Object.fromEntries(failures))}`);
  assert.deepEqual(lost, [], "no write answered 2xx was lost");
  assert.deepEqual([...failures.keys()].filter((status) => status !== 503), [], "a write the database could not take was answered 503 (service_unavailable), never 500");
}

async function rollingRestart(context: Context) {
  const tenant = await register(context.fleet.url, "rolling");
  await setKeyLimit(context, tenant.tenantId, 10_000);
  const results = new Map<string, number>();
  const note = (what: string) => results.set(what, (results.get(what) ?? 0) + 1);
  let running = true;
  const requests: (() => Promise<Answer>)[] = [
    () => call(context.fleet.url, "/api/v1/account/", { bearer: tenant.secretTestKey }),
    () => call(context.fleet.url, "/api/v1/auth/me/", { bearer: tenant.token }),
    () => call(context.fleet.url, "/api/v1/auth/tenants/api-keys/", { bearer: tenant.token }),
    () => call(context.fleet.url, "/api/v1/auth/tenants/invitations/", { bearer: tenant.token, body: { email: `rolling-${randomBytes(4).toString("hex")}@fleet.test`, role: "member" } }),
  ];
  const loops = Array.from({ length: 4 }, async (_, loop) => {
    for (let i = loop; running; i++) {
      try {
        const answer = await requests[i % requests.length]();
        note(answer.status >= 200 && answer.status < 300 ? "2xx" : `status ${answer.status}`);
      } catch (error) {
        note(`failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  });
  await sleep(1_000);
  const exitCodes: (number | string)[] = [];
  for (const index of context.fleet.web.keys()) {
    exitCodes.push(await context.fleet.stopWeb(index, "SIGTERM"));
    await context.fleet.startWeb(index);
    await sleep(1_000);
  }
  running = false;
  await Promise.all(loops);
  say(`  rolling restart of ${context.fleet.web.length} instances under 4 steady clients: ${JSON.stringify(Object.fromEntries(results))}; exit codes ${exitCodes.join(", ")}`);
  assert.deepEqual(exitCodes, context.fleet.web.map(() => 0), "each instance exited 0 on SIGTERM");
  assert.deepEqual([...results.keys()], ["2xx"], "no request failed");
}

// ---------------------------------------------------------------- the run

const CASES: [string, (context: Context) => Promise<void>][] = [
  ["1. sessions, key revocation and tenant switch across instances", sessionsAcrossInstances],
  ["2. one key's rate limit shared through nginx (50/s, 200/s for 10 s → 500 ± 5%)", sharedRateLimit],
  ["3. 2,000 webhook events while a worker is killed mid-batch", webhooksWithAKilledWorker],
  ["4. Redis stopped for 10 s", redisOutage],
  ["5. PostgreSQL restarted", postgresRestart],
  ["6. rolling restart under steady traffic", rollingRestart],
];

async function main(): Promise<number> {
  const only = process.argv.slice(2).map(Number).filter(Boolean);
  const dir = mkdtempSync(path.join(tmpdir(), "portal-fleet-test-"));
  const server = process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
  const databaseUrl = await createPgDatabase(server, `portal_fleet_test_${randomBytes(5).toString("hex")}`);
  const redis = await ownRedis(dir);
  let fleet: Fleet | null = null;
  let lib: Context["lib"] | null = null;
  let failed = 0;
  try {
    say(`starting 2 instances and 2 workers behind nginx (logs in ${dir})`);
    fleet = await startFleet(
      {
        web: 2,
        workers: 2,
        port: await freePort(),
        databaseUrl,
        redisUrl: redis.url,
        dir,
        demo: { password: DEMO_PASSWORD },
        // Receivers on 127.0.0.1; a killed worker's batch is taken over 30 s after it was claimed.
        env: { LOG_LEVEL: "warn", WEBHOOK_ALLOW_PRIVATE_TARGETS: "1", WEBHOOK_LEASE_SECONDS: "30" },
      },
      say,
    );
    lib = await loadLibrary(fleet.env);
    const { prisma } = lib;
    const context: Context = {
      fleet,
      instances: fleet.web.map((instance) => `http://127.0.0.1:${instance.port}`),
      redis,
      sql: (query, ...values) => prisma.$queryRawUnsafe(query, ...values),
      lib,
    };
    for (const [index, [name, run]] of CASES.entries()) {
      if (only.length > 0 && !only.includes(index + 1)) continue;
      const started = Date.now();
      say(`case ${name}`);
      try {
        await run(context);
        say(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed += 1;
        say(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await fleet?.stop();
    await lib?.disconnectPrisma();
    await redis.stop();
    await dropPgDatabase(databaseUrl, server).catch((error: unknown) => say(`could not drop the test database: ${String(error)}`));
    if (failed === 0) rmSync(dir, { recursive: true, force: true });
    else say(`logs kept in ${dir}`);
  }
  say(failed === 0 ? "all cases passed" : `${failed} case(s) failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:fleet: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
