// Shared by the benchmarks: a throw-away database and `next start` on a free port.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

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

/** A fresh, migrated SQLite database (or BENCH_DATABASE_URL, a PostgreSQL database to migrate). */
export function prepareDatabase(): { url: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "portal-bench-"));
  const url = process.env.BENCH_DATABASE_URL ?? `file:${path.join(dir, "bench.db")}`;
  const migrate = spawnSync(
    process.execPath,
    ["--experimental-wasm-modules", "--disable-warning=ExperimentalWarning", "scripts/db/migrate.mjs"],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: "inherit" },
  );
  if (migrate.status !== 0) throw new Error("db:migrate failed");
  return { url, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
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

export async function startServer(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<{ baseUrl: string; stop: () => void }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
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
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      const response = await fetch(`${baseUrl}/api/health/`);
      if (response.ok) return { baseUrl, stop: () => child.kill("SIGTERM") };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGKILL");
  throw new Error("next start did not answer /api/health/ within 30 s");
}
