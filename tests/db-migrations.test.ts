// The migration tooling (scripts/db): the committed migrations match the
// schema for both providers, db:check notices when they do not, and
// db:migrate is idempotent and records every migration like
// `prisma migrate deploy`.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { databaseTarget } from "@/lib/database-url.mjs";
import { pgExec } from "@/scripts/db/lib.mjs";
import { createEmptyTestDatabase, ROOT, runDbScript, type TestDatabase } from "./helpers/database";

const TABLES = ["AuditLog", "Membership", "Tenant", "User", "_prisma_migrations"];

async function committedMigrations(provider: "sqlite" | "postgresql"): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, "prisma/migrations", provider), { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Table names and `_prisma_migrations` rows of a migrated database. */
async function inspect(db: TestDatabase) {
  if (db.provider === "sqlite") {
    const conn = new Database(db.url.slice("file:".length), { readonly: true });
    try {
      const tables = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      const rows = conn
        .prepare("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name")
        .all() as { migration_name: string; finished_at: string | null; rolled_back_at: string | null }[];
      return { tables: tables.map((t) => t.name), rows };
    } finally {
      conn.close();
    }
  }
  const [tables, rows] = await pgExec(
    db.url,
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
    "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name",
  );
  return { tables: tables.rows.map((t) => t.name as string), rows: rows.rows };
}

describe("db:check", () => {
  it("passes on the committed schema and migrations", async () => {
    const result = await runDbScript("check", { env: { PRISMA_DIR: undefined } });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("migrations match the schema (sqlite, postgresql)");
  });

  it("fails when the schema has a field that no migration creates", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "portal-prisma-"));
    try {
      await cp(path.join(ROOT, "prisma/schema.prisma"), path.join(dir, "schema.prisma"));
      await cp(path.join(ROOT, "prisma/migrations"), path.join(dir, "migrations"), { recursive: true });
      const schema = await readFile(path.join(dir, "schema.prisma"), "utf8");
      const changed = schema.replace(/^model User \{\n/m, "$&  favouriteColour String?\n");
      expect(changed).not.toBe(schema);
      await writeFile(path.join(dir, "schema.prisma"), changed);

      const result = await runDbScript("check", { env: { PRISMA_DIR: dir } });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("the sqlite migrations do not match the schema");
      expect(result.stderr).toContain("the postgresql migrations do not match the schema");
      expect(result.stderr).toContain("favouriteColour");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("db:migrate", () => {
  const providers = [
    { provider: "sqlite", serverUrl: undefined },
    { provider: "postgresql", serverUrl: process.env.TEST_DATABASE_URL },
  ] as const;

  for (const { provider, serverUrl } of providers) {
    it.skipIf(provider === "postgresql" && !serverUrl)(`is idempotent on a fresh ${provider} database`, async () => {
      const db = await createEmptyTestDatabaseFor(provider);
      try {
        const migrations = await committedMigrations(provider);
        expect(migrations.length).toBeGreaterThan(0);

        const first = await runDbScript("migrate", { env: { DATABASE_URL: db.url, PRISMA_DIR: undefined } });
        expect(first.stderr).toBe("");
        expect(first.code).toBe(0);
        expect(first.stdout).toContain(`applied ${migrations.length} migration(s)`);

        const second = await runDbScript("migrate", { env: { DATABASE_URL: db.url, PRISMA_DIR: undefined } });
        expect(second.code).toBe(0);
        expect(second.stdout).toContain(`no pending migrations (${migrations.length} applied)`);

        const { tables, rows } = await inspect(db);
        expect(tables).toEqual(expect.arrayContaining(TABLES));
        expect(rows.map((r) => r.migration_name)).toEqual(migrations);
        for (const row of rows) {
          expect(row.finished_at).not.toBeNull();
          expect(row.rolled_back_at).toBeNull();
        }
      } finally {
        await db.drop();
      }
    });
  }
});

describe("a relative file: DATABASE_URL", () => {
  it("names the same file under the project root for db:migrate, from any working directory, and for the app", async () => {
    const folder = `.data/test-relative-${randomBytes(6).toString("hex")}`;
    const url = `file:./${folder}/portal.db`;
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), "portal-cwd-"));
    try {
      const result = await runDbScript("migrate", { cwd: elsewhere, env: { DATABASE_URL: url, PRISMA_DIR: undefined } });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);

      const file = path.join(ROOT, folder, "portal.db");
      expect(result.stdout).toContain(`to sqlite ${file} (created)`);
      expect(existsSync(file)).toBe(true);
      expect(existsSync(path.join(elsewhere, folder))).toBe(false);
      // The app's parser (lib/db opens this path), started from the same other folder, names the file the script migrated.
      vi.spyOn(process, "cwd").mockReturnValue(elsewhere);
      expect(databaseTarget(url)).toEqual({ provider: "sqlite", url, file });
      vi.restoreAllMocks();
      const { rows } = await inspect({ url: `file:${file}`, provider: "sqlite", drop: async () => {} });
      expect(rows.map((r) => r.migration_name)).toEqual(await committedMigrations("sqlite"));
    } finally {
      vi.restoreAllMocks();
      await rm(elsewhere, { recursive: true, force: true });
      await rm(path.join(ROOT, folder), { recursive: true, force: true });
    }
  });
});

/** A fresh empty database of the given provider, whatever TEST_DATABASE_URL says. */
async function createEmptyTestDatabaseFor(provider: "sqlite" | "postgresql"): Promise<TestDatabase> {
  const saved = process.env.TEST_DATABASE_URL;
  if (provider === "sqlite") delete process.env.TEST_DATABASE_URL;
  try {
    return await createEmptyTestDatabase();
  } finally {
    if (saved !== undefined) process.env.TEST_DATABASE_URL = saved;
  }
}

it("rejects a DATABASE_URL of another kind with one clear line", async () => {
  const result = await runDbScript("migrate", { env: { DATABASE_URL: "mysql://root@localhost/portal" } });
  expect(result.code).toBe(1);
  expect(result.stderr.trim()).toBe(
    'db:migrate: DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL, got "mysql://root@localhost/portal"',
  );
});
