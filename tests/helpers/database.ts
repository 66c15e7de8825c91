// Throw-away databases for integration tests.
//
// createTestDatabase() makes a fresh database (PostgreSQL when
// TEST_DATABASE_URL names a server, else a SQLite file in a temp dir) and
// applies the committed migrations to it by running the real `db:migrate`
// script (scripts/db/migrate.mjs) with that DATABASE_URL. Chosen over
// replaying the migration.sql files ourselves: every test database is
// migrated exactly as a deployment is, `_prisma_migrations` included, so the
// tests exercise the migration tooling too. A run migrates one such database
// once (tests/helpers/template-database.ts) and each test file gets a copy of
// it (cloneTestDatabase): a file copy on SQLite, CREATE DATABASE … TEMPLATE on
// PostgreSQL, instead of a second of engine start-up per file.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createPgDatabase, databaseName, dropPgDatabase } from "../../scripts/db/lib.mjs";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export type TestDatabase = {
  url: string;
  provider: "sqlite" | "postgresql";
  drop(): Promise<void>;
};

export type ScriptResult = { code: number; stdout: string; stderr: string };

/**
 * Runs one of scripts/db/*.mjs (e.g. "migrate", "check") with node directly,
 * as package.json's db:* entries do (skipping npm's start-up cost), from the
 * project root unless `cwd` says otherwise. Never throws for a non-zero exit:
 * the result carries the code.
 */
export async function runDbScript(
  script: string,
  { env = {}, args = [], cwd = ROOT }: { env?: Record<string, string | undefined>; args?: string[]; cwd?: string } = {},
): Promise<ScriptResult> {
  const nodeArgs = ["--experimental-wasm-modules", "--disable-warning=ExperimentalWarning"];
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [...nodeArgs, path.join(ROOT, "scripts/db", `${script}.mjs`), ...args],
      { cwd, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env }, timeout: 120_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string; message: string };
    if (typeof e.code !== "number") throw error; // could not run at all
    return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? e.message };
  }
}

const uniqueName = () => `portal_test_${process.pid}_${randomBytes(6).toString("hex")}`;

/** A fresh, empty, not yet migrated database. */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    // The server URL's own database (e.g. /postgres) is where we create and drop from.
    const url = await createPgDatabase(server, uniqueName());
    return { url, provider: "postgresql", drop: () => dropPgDatabase(url, server) };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "portal-test-db-"));
  return {
    url: `file:${path.join(dir, "test.db")}`,
    provider: "sqlite",
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A fresh database with every committed migration applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const database = await createEmptyTestDatabase();
  const result = await runDbScript("migrate", { env: { DATABASE_URL: database.url } });
  if (result.code !== 0) {
    await database.drop().catch(() => {});
    throw new Error(`db:migrate failed for the test database (exit ${result.code}):\n${result.stdout}${result.stderr}`);
  }
  return database;
}

/** A fresh database holding what `template` (a database nobody is connected to) holds. */
export async function cloneTestDatabase(template: TestDatabase): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_URL;
  if (template.provider === "postgresql") {
    if (!server) throw new Error("A PostgreSQL template needs TEST_DATABASE_URL.");
    const url = await createPgDatabase(server, uniqueName(), { template: databaseName(template.url) });
    return { url, provider: "postgresql", drop: () => dropPgDatabase(url, server) };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "portal-test-db-"));
  const file = path.join(dir, "test.db");
  const source = template.url.replace(/^file:/, "");
  await copyFile(source, file);
  // Only if the migrating connection did not checkpoint on close: the copy then recovers from the log.
  await copyFile(`${source}-wal`, `${file}-wal`).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  return { url: `file:${file}`, provider: "sqlite", drop: () => rm(dir, { recursive: true, force: true }) };
}
