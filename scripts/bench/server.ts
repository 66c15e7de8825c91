// Shared by the benchmarks: a throw-away database and `next start` on a free port.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPgDatabase, dropPgDatabase } from "../db/lib.mjs";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export type BenchDatabase = { url: string; provider: "sqlite" | "postgresql"; cleanup: () => Promise<void> };

/**
 * A fresh, migrated database that the run leaves nothing of: SQLite in a
 * temp folder, or, with BENCH_DATABASE_URL (a PostgreSQL server URL, e.g.
 * postgresql://postgres@127.0.0.1:5432/postgres), a database of its own
 * created on that server. `cleanup` removes the folder or drops the database
 * (WITH (FORCE): a server still winding down may hold connections); it also
 * runs on Ctrl-C or SIGTERM, which would otherwise end the process before
 * any `finally`.
 */
export async function prepareDatabase(): Promise<BenchDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), "portal-bench-"));
  const server = process.env.BENCH_DATABASE_URL;
  let url = `file:${path.join(dir, "bench.db")}`;
  let dropDatabase = async () => {};
  if (server) {
    // The server URL's own database (e.g. /postgres) is where we create and drop from.
    const created = await createPgDatabase(server, `portal_bench_${randomBytes(6).toString("hex")}`);
    url = created;
    dropDatabase = () => dropPgDatabase(created, server);
  }
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      process.off("SIGINT", interrupted);
      process.off("SIGTERM", interrupted);
      rmSync(dir, { recursive: true, force: true });
      await dropDatabase();
    })());
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(`${signal}: dropping the benchmark's database`);
    cleanup().then(
      () => process.exit(130),
      (error: unknown) => {
        console.error("could not clean up:", error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);

  const migrate = spawnSync(
    process.execPath,
    ["--experimental-wasm-modules", "--disable-warning=ExperimentalWarning", "scripts/db/migrate.mjs"],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: "inherit" },
  );
  if (migrate.status !== 0) {
    await cleanup();
    throw new Error("db:migrate failed");
  }
  return { url, provider: server ? "postgresql" : "sqlite", cleanup };
}

export function ensureBuild(): void {
  if (existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  console.log("no production build yet: running next build");
  const build = spawnSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error("next build failed");
}

/** `next start` on a free port; `stop` resolves once the server has exited (its connections closed). */
export async function startServer(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<{ baseUrl: string; stop: () => Promise<void>; pid: number | undefined }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const next = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  // BENCH_CPU_PROFILE=<dir>: the server writes a V8 CPU profile there as it stops, to see where a figure goes.
  const profile = process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, next, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      APP_URL: baseUrl,
      AUTH_SECRET: "benchmark-auth-secret-that-is-long-enough",
      ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      const response = await fetch(`${baseUrl}/api/health/`);
      if (response.ok) return { baseUrl, stop, pid: child.pid };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGKILL");
  throw new Error("next start did not answer /api/health/ within 30 s");
}
