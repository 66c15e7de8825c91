// npm run test:shared-limit — the per-key limit holds across instances.
//
// Two production servers (`next start`, distinct ports) share one SQLite file
// and one Redis. A fresh tenant's test-mode limit is set to 50 per second; a
// paced loop then sends 200 requests per second for 10 seconds with its test
// key, alternating between the two servers. With the count shared in Redis,
// about 50 × 10 = 500 are accepted whichever server answers; counted per
// instance it would be about twice that. Passes within ±5% of 500.
//
// Needs the production build (`npm run build`) and a Redis at TEST_REDIS_URL
// (else REDIS_URL, else redis://127.0.0.1:6379); without Redis it says so and
// exits 0.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import Redis from "ioredis";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const REDIS_URL = process.env.TEST_REDIS_URL || process.env.REDIS_URL || "redis://127.0.0.1:6379";
const LIMIT = 50;
const RATE = 200;
const SECONDS = 10;
const TOLERANCE = 0.05;

function say(line: string) {
  console.log(`shared-rate-limit: ${line}`);
}

async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  client.on("error", () => {});
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (server.exitCode !== null) throw new Error(`the server for ${base} exited (${server.exitCode})`);
    try {
      const answer = await fetch(`${base}/api/health/`, { signal: AbortSignal.timeout(2_000) });
      if (answer.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer from ${base}/api/health/ within 30 s`);
}

async function main(): Promise<number> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    say("no production build (.next/BUILD_ID); run `npm run build` first");
    return 1;
  }
  if (!(await redisAnswers(REDIS_URL))) {
    say(`skipped: no Redis answers at ${REDIS_URL} (set TEST_REDIS_URL, or start redis-server)`);
    return 0;
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-shared-limit-"));
  const servers: ChildProcess[] = [];
  try {
    const databaseFile = path.join(dir, "portal.db");
    const [portA, portB] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: `file:${databaseFile}`,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      REDIS_URL,
      WEBHOOK_WORKER: "off",
      LOG_LEVEL: "warn",
    };
    await run("npm", ["run", "--silent", "db:migrate"], env);

    const bases = [portA, portB].map((port) => `http://127.0.0.1:${port}`);
    for (const [index, port] of [portA, portB].entries()) {
      const server = spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
        cwd: ROOT,
        env: { ...env, PORT: String(port), APP_URL: bases[index] },
        stdio: ["ignore", openSync(path.join(dir, `server-${index}.log`), "a"), "inherit"],
      });
      servers.push(server);
    }
    await Promise.all(bases.map((base, index) => waitForHealth(base, servers[index])));

    const signUp = await fetch(`${bases[0]}/api/v1/auth/register/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `limits-${Date.now()}@example.test`, password: "shared limit password", name: "Limits", tenant_name: "Shared limit" }),
    });
    if (signUp.status !== 201) throw new Error(`sign-up answered ${signUp.status}: ${await signUp.text()}`);
    const registered = (await signUp.json()) as { tenant: { id: string }; api_keys: { mode: string; type: string; key: string }[] };
    const key = registered.api_keys.find((k) => k.mode === "test" && k.type === "secret")!.key;
    const db = new Database(databaseFile);
    db.prepare(`UPDATE "Tenant" SET "apiRateLimitTest" = ? WHERE "id" = ?`).run(LIMIT, registered.tenant.id);
    db.close();

    const get = (base: string) => fetch(`${base}/api/v1/account/`, { headers: { authorization: `Bearer ${key}` } });
    // One request per server first: each connects to Redis and learns the key's limit. Then a fresh window.
    for (const base of bases) {
      const warm = await get(base);
      if (warm.status !== 200) throw new Error(`warm-up on ${base} answered ${warm.status}: ${await warm.text()}`);
      if (warm.headers.get("ratelimit-policy") !== `"key";q=${LIMIT};w=1`) throw new Error(`unexpected policy ${warm.headers.get("ratelimit-policy")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const total = RATE * SECONDS;
    const results: { server: number; status: number; answeredAt: number }[] = [];
    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const server = i % 2;
      inFlight.push(
        get(bases[server]).then(
          async (answer) => {
            await answer.arrayBuffer();
            results.push({ server, status: answer.status, answeredAt: performance.now() });
          },
          () => void results.push({ server, status: 0, answeredAt: performance.now() }),
        ),
      );
    }
    const sentIn = (performance.now() - started) / 1000;
    await Promise.all(inFlight);

    const count = (predicate: (r: { server: number; status: number }) => boolean) => results.filter(predicate).length;
    // How long the servers were receiving the requests, as the answers show it: a server that fell
    // behind (a cold start, a pause) receives the last ones after the sender is done.
    const answerTimes = results.map((r) => r.answeredAt);
    const answeredIn = (Math.max(...answerTimes) - Math.min(...answerTimes)) / 1000;
    const accepted = count((r) => r.status === 200);
    const refused = count((r) => r.status === 429);
    const other = total - accepted - refused;
    // A window opens with the first request after the last one closed. Requests that reached the
    // servers over more than SECONDS (a sender that could not keep the pace, or servers that fell
    // behind and took the last ones late) span more windows, and each lets LIMIT more through.
    const windows = Math.max(SECONDS, Math.ceil(Math.max(sentIn, answeredIn) - 0.05));
    const expected = LIMIT * windows;
    const low = Math.floor(expected * (1 - TOLERANCE));
    const high = Math.ceil(expected * (1 + TOLERANCE));
    say(`sent ${total} requests in ${sentIn.toFixed(2)} s (${(total / sentIn).toFixed(0)}/s) over two servers, answered over ${answeredIn.toFixed(2)} s, limit ${LIMIT}/s on one test key`);
    say(`accepted ${accepted} (server A ${count((r) => r.server === 0 && r.status === 200)}, server B ${count((r) => r.server === 1 && r.status === 200)}), refused 429 ${refused}, other ${other}`);
    say(`expected ${expected} accepted (${LIMIT} × ${windows} one-second windows${windows > SECONDS ? `: the requests reached the servers over ${Math.max(sentIn, answeredIn).toFixed(2)} s, not ${SECONDS}` : ""}), within ±${TOLERANCE * 100}% (${low}–${high})`);
    // What the servers logged at warn or worse (a Redis outage, a limiter failure) explains figures that are off.
    for (const index of [0, 1]) {
      const lines = readFileSync(path.join(dir, `server-${index}.log`), "utf8").split("\n").filter((line) => /"level":(40|50|60)/.test(line));
      for (const line of lines.slice(0, 5)) say(`server ${index === 0 ? "A" : "B"} logged: ${line}`);
    }
    if (other > 0) {
      say(`FAIL: ${other} answers were neither 200 nor 429`);
      return 1;
    }
    if (accepted < low || accepted > high) {
      say(`FAIL: ${accepted} accepted is outside ${low}–${high}`);
      return 1;
    }
    say("ok: the two servers shared one count");
    return 0;
  } finally {
    for (const server of servers) server.kill("SIGTERM");
    await Promise.all(servers.map((server) => (server.exitCode !== null ? null : new Promise((resolve) => server.once("exit", resolve)))));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`shared-rate-limit: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
