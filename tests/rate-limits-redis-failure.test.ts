// When Redis goes away mid-run, the platform API keeps answering under each
// instance's own count (the insurance limiter), logs one warning, and goes
// back to the shared count once Redis is back. Runs a redis-server of its own
// on a free port, so killing it disturbs nobody else.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import net from "node:net";
import { afterAll, describe, expect, it, vi } from "vitest";
import { GET as account } from "@/app/api/v1/account/route";
import { PUT as putRateLimits } from "@/app/api/v1/platform/tenants/[tenantId]/rate-limits/route";
import { hashKey } from "@/lib/api-keys/key-format";
import { createLimiterStore, type LimiterStore } from "@/lib/api-traffic/limiter-store";
import { replaceApiLimiters } from "@/lib/api-traffic/limiters";
import { log } from "@/lib/log";
import { call } from "./helpers/api";
import { addPlatformOperator } from "./helpers/fixtures";
import { paymentTenant } from "./helpers/payments";

const REDIS_SERVER = "/usr/bin/redis-server";
const haveRedis = existsSync(REDIS_SERVER);
if (!haveRedis) console.warn(`rate-limits-redis-failure: skipped, ${REDIS_SERVER} is missing (apt-get install redis-server)`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function startRedis(port: number): ChildProcess {
  return spawn(REDIS_SERVER, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

/** Polls `condition` (the connection's state changes on its own, off the test's clock) for at most ~10 s. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!condition()) throw new Error(`gave up waiting until ${what}`);
}

const connected = (store: LimiterStore) => until(() => store.state() === "up", "Redis is connected");

const remaining = (headers: Headers) => Number(/;r=(\d+)/.exec(headers.get("ratelimit") ?? "")?.[1]);

describe.skipIf(!haveRedis)("when Redis fails", () => {
  let redis: ChildProcess | null = null;

  afterAll(async () => {
    await replaceApiLimiters();
    if (redis) await stopRedis(redis);
  });

  it("keeps serving under the per-process insurance limit, warns once, and shares counts again once Redis is back", async () => {
    const port = await freePort();
    const redisUrl = `redis://127.0.0.1:${port}`;
    const prefix = `portal-test:${randomUUID()}`;
    redis = startRedis(port);
    const limiters = await replaceApiLimiters({ redisUrl, prefix, keyWindowSeconds: 60 });
    await connected(limiters.store);

    const operator = await addPlatformOperator();
    const tenant = await paymentTenant({ connect: false });
    const saved = await call(putRateLimits, `/api/v1/platform/tenants/${tenant.tenantId}/rate-limits/`, {
      token: operator.token,
      method: "PUT",
      body: { live_per_second: 5, test_per_second: null },
      params: { tenantId: tenant.tenantId },
    });
    expect(saved.status).toBe(200);
    const get = () => call(account, "/api/v1/account/", { token: tenant.liveKey });
    const hash = hashKey(tenant.liveKey);
    const warn = vi.spyOn(log, "warn");
    const info = vi.spyOn(log, "info");

    // Redis up: counted in Redis, where another instance sees the count.
    for (const expected of [4, 3, 2]) {
      const answer = await get();
      expect(answer.status).toBe(200);
      expect(remaining(answer.headers)).toBe(expected);
    }
    const observer = createLimiterStore({ redisUrl, prefix });
    await connected(observer);
    expect((await observer.counter("key", 60).peek(hash))?.consumed).toBe(3);
    await observer.close();

    // Redis killed: answers keep coming, counted in this process under the same limit.
    await stopRedis(redis);
    await until(() => limiters.store.state() === "down", "the store notices Redis is gone");
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await get()).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const unknownKey = await call(account, "/api/v1/account/", { token: "sk_live_nope" });
    expect(unknownKey.status).toBe(401);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][1])).toMatch(/Redis/);

    // Redis back on the same port (empty): counts go to Redis again, shared with other instances.
    redis = startRedis(port);
    await connected(limiters.store);
    expect(info.mock.calls.filter((args) => /Redis is back/.test(String(args[0])))).toHaveLength(1);
    const back = await get();
    expect(back.status).toBe(200);
    expect(remaining(back.headers)).toBe(4);
    const again = createLimiterStore({ redisUrl, prefix });
    try {
      await connected(again);
      expect((await again.counter("key", 60).hit(hash)).consumed).toBe(2);
      expect(remaining((await get()).headers)).toBe(2);
    } finally {
      await again.close();
    }
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    info.mockRestore();
  });

  it("treats a Redis that stops answering on an open connection the same way: served, one warning, shared again once it answers", async () => {
    const port = await freePort();
    const redisUrl = `redis://127.0.0.1:${port}`;
    if (redis) await stopRedis(redis);
    const server = startRedis(port);
    redis = server;
    const keyPrefix = `portal-test:${randomUUID()}`;
    const limiters = await replaceApiLimiters({ redisUrl, prefix: keyPrefix, keyWindowSeconds: 60 });
    await connected(limiters.store);
    const tenant = await paymentTenant({ connect: false });
    const get = () => call(account, "/api/v1/account/", { token: tenant.liveKey });
    expect(remaining((await get()).headers)).toBe(99);
    const warn = vi.spyOn(log, "warn");
    const info = vi.spyOn(log, "info");

    // Paused, not killed: the connection stays open and commands time out.
    server.kill("SIGSTOP");
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await get()).status);
      expect(statuses).toEqual([200, 200, 200]);
      expect(limiters.store.state()).toBe("down");
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      server.kill("SIGCONT");
    }
    await connected(limiters.store);
    expect(info.mock.calls.filter((args) => /Redis is back/.test(String(args[0])))).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
    // Counted in Redis again: another instance sees the count this one announces.
    // (The commands that timed out ran once Redis resumed, so the count is not simply 2.)
    const back = await get();
    expect(back.status).toBe(200);
    const observer = createLimiterStore({ redisUrl, prefix: keyPrefix });
    try {
      await connected(observer);
      expect((await observer.counter("key", 60).peek(hashKey(tenant.liveKey)))?.consumed).toBe(100 - remaining(back.headers));
    } finally {
      await observer.close();
    }
    warn.mockRestore();
    info.mockRestore();
  });
});
