// The portal as a fleet on one machine, with the pieces a production
// deployment uses: nginx (round-robin) in front of several `next start`
// instances (WEBHOOK_WORKER=off) and several `npm run worker` processes, on
// one PostgreSQL database and one Redis. Used by `npm run fleet`,
// `npm run test:fleet` and `npm run bench:fleet`.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureBuild, freePort, ROOT } from "../bench/server";

export { freePort, ROOT };
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

export type FleetOptions = {
  /** How many `next start` instances. */
  web: number;
  /** How many `npm run worker` processes. */
  workers: number;
  /** The port nginx listens on (127.0.0.1). */
  port: number;
  /** A PostgreSQL URL naming the fleet's own database; created and migrated when missing. */
  databaseUrl: string;
  redisUrl: string;
  /** Where logs, the nginx configuration and its temp files go. */
  dir: string;
  /** Secrets shared by every process; generated into `dir` once when not given. */
  authSecret?: string;
  encryptionKey?: string;
  metricsToken?: string;
  /** Added to every process's environment (e.g. LOG_LEVEL, WEBHOOK_LEASE_SECONDS). */
  env?: Record<string, string>;
  /** Writes the demo tenant (owner@demo.test …): with this password, or with `npm run db:seed`'s own when true. */
  demo?: { password?: string } | false;
};

export type FleetProcess = {
  name: string;
  port: number;
  child: ChildProcess | null;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
};

export type Fleet = {
  url: string;
  /** What the demo seed printed (the logins), when the demo was asked for. */
  demoLogins: string;
  metricsToken: string;
  web: FleetProcess[];
  workers: FleetProcess[];
  /** Every process's environment but its own port. */
  env: NodeJS.ProcessEnv;
  log: (name: string) => string;
  startWeb(index: number): Promise<void>;
  stopWeb(index: number, signal?: NodeJS.Signals): Promise<number | string>;
  startWorker(index: number): Promise<void>;
  stopWorker(index: number, signal?: NodeJS.Signals): Promise<number | string>;
  /** Stops everything the fleet started (SIGTERM, then SIGKILL after 15 s). */
  stop(): Promise<void>;
};

/** nginx from Debian's package; installed with apt-get when missing (as root). */
export function ensureNginx(say: (line: string) => void): string {
  const found = ["/usr/sbin/nginx", "/usr/local/sbin/nginx"].find((file) => existsSync(file));
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error("nginx is not installed: run `sudo apt-get install -y nginx` (the fleet installs it itself when run as root)");
  say("nginx is missing: installing Debian's package (apt-get install nginx)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  const install = update.status === 0 ? spawnSync("apt-get", ["install", "-y", "-qq", "nginx"], { stdio: "inherit", env }) : update;
  if (install.status !== 0 || !existsSync("/usr/sbin/nginx")) throw new Error("apt-get install nginx failed");
  return "/usr/sbin/nginx";
}

/** Runs a setup command to its end; answers what it printed. */
function runOrThrow(what: string, command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): string {
  const result = spawnSync(command, args, { cwd: ROOT, env, encoding: "utf8" });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  writeFileSync(logFile, `$ ${what}\n${output}`, { flag: "a" });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${output.slice(-2_000)}`);
  return result.stdout ?? "";
}

/** The secrets every process must share, kept in `dir` so a restarted fleet keeps its sessions and encrypted secrets readable. */
function sharedSecrets(dir: string, options: FleetOptions) {
  const file = path.join(dir, "secrets.json");
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>) : {};
  const secrets = {
    authSecret: options.authSecret ?? kept.authSecret ?? randomBytes(32).toString("base64url"),
    encryptionKey: options.encryptionKey ?? kept.encryptionKey ?? randomBytes(32).toString("base64"),
    metricsToken: options.metricsToken ?? kept.metricsToken ?? randomBytes(24).toString("hex"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  return secrets;
}

/**
 * The nginx site: round-robin over the instances. It overwrites
 * X-Forwarded-For with the address it saw (the instances trust exactly this
 * hop: TRUSTED_PROXIES=127.0.0.1), so a client cannot forge its address. No
 * keep-alive to the instances: a stopping instance closes its listener and
 * nginx's next connection attempt fails at once and goes to another
 * instance (`proxy_next_upstream error`), where a reused connection could
 * fail after a POST was sent, which nginx must not retry. `max_fails=0`: an
 * instance that refused a connection is tried again on the next request, so
 * a restarted one gets traffic as soon as it listens.
 */
export function nginxConfig(options: { port: number; dir: string; upstreams: number[]; user: string | null }): string {
  const temp = (name: string) => path.join(options.dir, "nginx-temp", name);
  return `# Written by scripts/fleet/fleet.ts; the same site serves a real deployment (README, "Deploying").
${options.user ? `user ${options.user};\n` : ""}worker_processes 1;
daemon off;
pid ${path.join(options.dir, "nginx.pid")};
error_log ${path.join(options.dir, "nginx-error.log")} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${temp("body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};
  upstream portal {
${options.upstreams.map((port) => `    server 127.0.0.1:${port} max_fails=0;`).join("\n")}
  }
  server {
    listen 127.0.0.1:${options.port};
    client_max_body_size 1m;
    location / {
      proxy_pass http://portal;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
    }
  }
}
`;
}

async function waitForUrl(url: string, child: ChildProcess, what: string, headers: Record<string, string> = {}, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it answered`);
    try {
      const answer = await fetch(url, { headers, signal: AbortSignal.timeout(2_000) });
      await answer.arrayBuffer();
      if (answer.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function launch(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): { child: ChildProcess; exited: Promise<number | string> } {
  const out = openSync(logFile, "a");
  // Its own process group: a Ctrl-C in the terminal reaches the fleet script, which stops each process in order.
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", out, out], detached: true });
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  child.once("error", (error) => writeFileSync(logFile, `${name}: ${error.message}\n`, { flag: "a" }));
  return { child, exited };
}

async function stopProcess(process_: FleetProcess, signal: NodeJS.Signals, graceMs = 15_000): Promise<number | string> {
  const child = process_.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return process_.exited;
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  const code = await process_.exited;
  clearTimeout(timer);
  return code;
}

/**
 * Prepares the database (created and migrated when missing; the demo tenant
 * when asked) and starts nginx, the instances and the workers. Resolves once
 * every instance answers /api/health/ready/ and nginx answers through them.
 */
export async function startFleet(options: FleetOptions, say: (line: string) => void = () => undefined): Promise<Fleet> {
  mkdirSync(options.dir, { recursive: true });
  for (const name of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(options.dir, "nginx-temp", name), { recursive: true });
  const nginx = ensureNginx(say);
  ensureBuild();
  const secrets = sharedSecrets(options.dir, options);
  const url = `http://127.0.0.1:${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    APP_URL: url,
    AUTH_SECRET: secrets.authSecret,
    ENCRYPTION_KEY: secrets.encryptionKey,
    METRICS_TOKEN: secrets.metricsToken,
    TRUSTED_PROXIES: "127.0.0.1",
    WEBHOOK_WORKER: "off",
    // A fleet on one machine has no real Stripe account or mail server: the simulator and the file mailbox.
    STRIPE_SIMULATOR: "1",
    MAIL_DEV_MAILBOX: "1",
    ...options.env,
  };
  const log = (name: string) => path.join(options.dir, `${name}.log`);

  say(`database: migrating ${options.databaseUrl.replace(/\/\/[^@/]*@/, "//…@")}`);
  runOrThrow("db:migrate", "npm", ["run", "--silent", "db:migrate"], env, log("setup"));
  let demoLogins = "";
  if (options.demo) {
    // The seed writes development data and refuses NODE_ENV=production.
    const seedEnv: NodeJS.ProcessEnv = { ...env, NODE_ENV: "development" as const, ...(options.demo.password ? { SEED_DEMO_PASSWORD: options.demo.password } : {}) };
    demoLogins = runOrThrow("db:seed", "npm", ["run", "--silent", "db:seed"], seedEnv, log("setup")).trim();
  }

  const web: FleetProcess[] = [];
  for (let index = 0; index < options.web; index++) web.push({ name: `web-${index + 1}`, port: await freePort(), child: null, exited: Promise.resolve(0) });
  const workers: FleetProcess[] = [];
  for (let index = 0; index < options.workers; index++) workers.push({ name: `worker-${index + 1}`, port: await freePort(), child: null, exited: Promise.resolve(0) });

  const startWeb = async (index: number) => {
    const instance = web[index];
    const { child, exited } = launch(instance.name, process.execPath, [NEXT_BIN, "start", "-p", String(instance.port), "-H", "127.0.0.1"], { ...env, PORT: String(instance.port) }, log(instance.name));
    Object.assign(instance, { child, exited });
    await waitForUrl(`http://127.0.0.1:${instance.port}/api/health/ready/`, child, instance.name);
  };
  const startWorker = async (index: number) => {
    const worker = workers[index];
    // `npm run worker` without npm and tsx's own launcher between: the signals reach the worker itself.
    const { child, exited } = launch(worker.name, process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "worker.ts")], { ...env, WORKER_METRICS_PORT: String(worker.port) }, log(worker.name));
    Object.assign(worker, { child, exited });
    // The worker answers its metrics once it runs (its loop starts before the metrics server).
    await waitForUrl(`http://127.0.0.1:${worker.port}/metrics`, child, worker.name, { authorization: `Bearer ${secrets.metricsToken}` });
  };

  const configFile = path.join(options.dir, "nginx.conf");
  writeFileSync(configFile, nginxConfig({ port: options.port, dir: options.dir, upstreams: web.map((instance) => instance.port), user: process.getuid?.() === 0 ? "root" : null }));
  const proxy: FleetProcess = { name: "nginx", port: options.port, child: null, exited: Promise.resolve(0) };

  const fleet: Fleet = {
    url,
    demoLogins,
    metricsToken: secrets.metricsToken,
    web,
    workers,
    env,
    log,
    startWeb,
    startWorker,
    stopWeb: (index, signal = "SIGTERM") => stopProcess(web[index], signal),
    stopWorker: (index, signal = "SIGTERM") => stopProcess(workers[index], signal),
    async stop() {
      await Promise.all([proxy, ...web, ...workers].map((process_) => stopProcess(process_, "SIGTERM")));
    },
  };
  try {
    await Promise.all([...web.map((_, index) => startWeb(index)), ...workers.map((_, index) => startWorker(index))]);
    const started = launch("nginx", nginx, ["-c", configFile, "-p", options.dir], env, log("nginx"));
    Object.assign(proxy, started);
    await waitForUrl(`${url}/api/health/ready/`, started.child, "nginx");
  } catch (error) {
    await fleet.stop();
    throw error;
  }
  return fleet;
}
