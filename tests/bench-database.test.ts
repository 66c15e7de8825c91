// The benchmarks' throw-away database (scripts/bench/server.ts): whatever
// happens to the run, cleanup leaves nothing behind on the server or on disk.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { pgExec } from "@/scripts/db/lib.mjs";
import { prepareDatabase } from "@/scripts/bench/server";

const server = process.env.TEST_DATABASE_URL;
const saved = { BENCH_DATABASE_URL: process.env.BENCH_DATABASE_URL, PRISMA_DIR: process.env.PRISMA_DIR };

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function benchDatabases(): Promise<string[]> {
  const [result] = await pgExec(server!, "SELECT datname FROM pg_database WHERE datname LIKE 'portal\\_bench\\_%'");
  return result.rows.map((row: { datname: string }) => row.datname);
}

/** The bench databases that appeared since `before` (another run's are not this test's business). */
async function createdSince(before: string[]): Promise<string[]> {
  return (await benchDatabases()).filter((name) => !before.includes(name));
}

describe("the benchmarks' database", () => {
  it("on SQLite lives in a temp folder that cleanup removes", async () => {
    delete process.env.BENCH_DATABASE_URL;
    const database = await prepareDatabase();
    expect(database.provider).toBe("sqlite");
    const file = database.url.slice("file:".length);
    expect(existsSync(file)).toBe(true);
    await database.cleanup();
    expect(existsSync(path.dirname(file))).toBe(false);
  });

  describe.skipIf(!server)("on PostgreSQL (BENCH_DATABASE_URL)", () => {
    it("is a database of its own, migrated, and dropped by cleanup even while a client still holds it", async () => {
      process.env.BENCH_DATABASE_URL = server;
      const before = await benchDatabases();
      const database = await prepareDatabase();
      expect(database.provider).toBe("postgresql");
      const [created] = await createdSince(before);
      expect(database.url).toContain(`/${created}`);
      const [migrations] = await pgExec(database.url, 'SELECT count(*)::int AS n FROM "_prisma_migrations"');
      expect(migrations.rows[0].n).toBeGreaterThan(0);

      // A seed that throws midway leaves its connection open inside a transaction: the drop must not wait for it.
      const seed = new pg.Client({ connectionString: database.url });
      seed.on("error", () => {}); // the drop ends this connection from the server's side
      await seed.connect();
      await seed.query("BEGIN");
      await seed.query(`INSERT INTO "Tenant" ("id", "name", "slug", "updatedAt") VALUES ('bench-t', 'Bench', 'bench-0', now())`);
      await database.cleanup();
      await seed.end().catch(() => {});
      expect(await createdSince(before)).toEqual([]);
      // Cleanup runs once, however often it is called (finally, then a signal).
      await database.cleanup();
    });

    it("is dropped when migrating it fails, and the failure is reported", async () => {
      process.env.BENCH_DATABASE_URL = server;
      const emptyPrismaDir = mkdtempSync(path.join(os.tmpdir(), "portal-bench-prisma-"));
      process.env.PRISMA_DIR = emptyPrismaDir;
      const before = await benchDatabases();
      try {
        await expect(prepareDatabase()).rejects.toThrow("db:migrate failed");
      } finally {
        rmSync(emptyPrismaDir, { recursive: true, force: true });
      }
      expect(await createdSince(before)).toEqual([]);
    });
  });
});
