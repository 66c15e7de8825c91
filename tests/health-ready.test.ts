// GET /api/health/ready/: ready while the database (and Redis, when configured)
// answer; 503 naming the failed check otherwise; 503 shutting_down once the
// process has its stop signal.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { GET as ready } from "@/app/api/health/ready/route";
import { replaceApiLimiters } from "@/lib/api-traffic/limiters";
import { disconnectPrisma, prisma } from "@/lib/db";
import { isShuttingDown, watchForShutdown } from "@/lib/health/shutdown";
import { BASE_URL } from "./helpers/api";

async function getReady() {
  const response = await ready();
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/**
 * Opens the database connection outside the 1 s readiness budget: a server has
 * its connection from its first requests on, while a test's first query also
 * pays for creating the client, which on a busy machine can take longer.
 */
const warmUp = () => prisma.$queryRaw`SELECT 1`;

describe("GET /api/health/ready/", () => {
  beforeAll(warmUp);
  afterEach(async () => {
    await replaceApiLimiters();
  });

  it("answers 200 ready when the database answers and Redis is not configured, never cached", async () => {
    const result = await getReady();
    expect(result).toMatchObject({ status: 200, body: { status: "ready", checks: { database: "ok", redis: "not_configured" } } });
    expect(result.headers.get("cache-control")).toBe("no-store");
    expect(result.headers.get("request-id")).toMatch(/^req_/);
  });

  it("answers 503 naming the database when it cannot be reached, and 200 again once it can", async () => {
    const url = process.env.DATABASE_URL;
    // Nothing listens on port 1: the client is created afresh from this URL and its connection is refused.
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/unreachable";
    await disconnectPrisma();
    try {
      const result = await getReady();
      // "failed" once the connection is refused; "timeout" when creating the client alone outlasts the budget (a busy machine).
      expect(result).toMatchObject({ status: 503, body: { status: "not_ready", checks: { database: expect.stringMatching(/^(failed|timeout)$/), redis: "not_configured" } } });
      expect(result.headers.get("cache-control")).toBe("no-store");
    } finally {
      process.env.DATABASE_URL = url;
      await disconnectPrisma();
    }
    await warmUp();
    expect((await getReady()).status).toBe(200);
  });

  it("answers 503 naming Redis when REDIS_URL points at a Redis that does not answer", async () => {
    await replaceApiLimiters({ redisUrl: "redis://127.0.0.1:1" });
    expect(await getReady()).toMatchObject({ status: 503, body: { status: "not_ready", checks: { database: "ok", redis: "failed" } } });
  });

  it.skipIf(!process.env.TEST_REDIS_URL)("checks Redis with a PING when it is configured (TEST_REDIS_URL)", async () => {
    const limiters = await replaceApiLimiters({ redisUrl: process.env.TEST_REDIS_URL, prefix: `ready-test:${Date.now()}` });
    for (let i = 0; i < 200 && limiters.store.state() !== "up"; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(await getReady()).toMatchObject({ status: 200, body: { status: "ready", checks: { database: "ok", redis: "ok" } } });
  });

  it("answers only GET (and HEAD, OPTIONS)", async () => {
    const { POST } = await import("@/app/api/health/ready/route");
    const response = await POST(new NextRequest(new URL("/api/health/ready/", BASE_URL), { method: "POST" }));
    expect(response.status).toBe(405);
  });

  // Last: the flag stays set for the rest of this process.
  it("answers 503 shutting_down once SIGTERM arrives, without checking anything", async () => {
    watchForShutdown();
    // Stands for `next start`'s own handler, which exits once requests in flight are done.
    const serverHandler = () => undefined;
    process.on("SIGTERM", serverHandler);
    try {
      expect(isShuttingDown()).toBe(false);
      process.emit("SIGTERM");
      expect(isShuttingDown()).toBe(true);
      const result = await getReady();
      expect(result).toMatchObject({ status: 503, body: { status: "shutting_down" } });
      expect(result.body).not.toHaveProperty("checks");
      expect(result.headers.get("cache-control")).toBe("no-store");
    } finally {
      process.off("SIGTERM", serverHandler);
    }
  });
});
