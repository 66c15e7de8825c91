// npm run fleet — the portal as a fleet on this machine, from the production
// build: nginx round-robin in front of FLEET_WEB `next start` instances and
// FLEET_WORKERS webhook workers, on a PostgreSQL database of its own and
// Redis. Prints the URL and the demo logins; Ctrl-C stops everything it
// started.
//
//   npm run fleet -- --web 3 --workers 2 --port 8080
//
// Flags win over variables: --web (FLEET_WEB, 2), --workers (FLEET_WORKERS, 2),
// --port (FLEET_PORT, 8080), --database (FLEET_DATABASE_URL,
// postgresql://postgres@127.0.0.1:5432/portal_fleet), --redis (FLEET_REDIS_URL,
// else REDIS_URL, else redis://127.0.0.1:6379).
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT, startFleet } from "./fleet";

const say = (line: string) => console.log(`fleet: ${line}`);

function count(value: string, name: string, min: number, max: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new Error(`${name} must be a whole number from ${min} to ${max} (got ${value})`);
  return parsed;
}

async function main() {
  const { values } = parseArgs({
    options: { web: { type: "string" }, workers: { type: "string" }, port: { type: "string" }, database: { type: "string" }, redis: { type: "string" } },
  });
  const options = {
    web: count(values.web ?? process.env.FLEET_WEB ?? "2", "--web (FLEET_WEB)", 1, 16),
    workers: count(values.workers ?? process.env.FLEET_WORKERS ?? "2", "--workers (FLEET_WORKERS)", 0, 16),
    port: count(values.port ?? process.env.FLEET_PORT ?? "8080", "--port (FLEET_PORT)", 1, 65535),
    databaseUrl: values.database ?? process.env.FLEET_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/portal_fleet",
    redisUrl: values.redis ?? process.env.FLEET_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    dir: path.join(ROOT, ".data", "fleet"),
    demo: {},
  };
  if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) throw new Error("the fleet runs on PostgreSQL: --database (FLEET_DATABASE_URL) must be a postgresql:// URL");

  say(`starting ${options.web} web instance(s) and ${options.workers} worker(s) behind nginx on port ${options.port}`);
  const fleet = await startFleet(options, say);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping nginx, the instances and the workers`);
    await fleet.stop();
    say("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  const rows = [
    ...fleet.web.map((instance) => `    ${instance.name}: http://127.0.0.1:${instance.port} (pid ${instance.child?.pid}, log ${path.relative(ROOT, fleet.log(instance.name))})`),
    ...fleet.workers.map((worker) => `    ${worker.name}: metrics on http://127.0.0.1:${worker.port}/metrics (pid ${worker.child?.pid}, log ${path.relative(ROOT, fleet.log(worker.name))})`),
  ];
  console.log(
    [
      "",
      `  The fleet answers at ${fleet.url}/ (nginx, round-robin)`,
      ...rows,
      `    database: ${options.databaseUrl.replace(/\/\/[^@/]*@/, "//…@")}, Redis: ${options.redisUrl.replace(/\/\/[^@/]*@/, "//…@")}`,
      // Each process counts its own: through nginx a scrape reaches whichever instance is next.
      `    metrics, per process: curl -H "Authorization: Bearer ${fleet.metricsToken}" http://127.0.0.1:${fleet.web[0]?.port}/api/metrics/ (a worker's: its /metrics above)`,
      fleet.demoLogins.replace(/^\s+Demo tenant/m, "  Demo tenant"),
      "",
      "  Ctrl-C stops everything the fleet started.",
      "",
    ].join("\n"),
  );
  // A process the fleet started that ends on its own is said at once (a crash shows in its log).
  for (const process_ of [...fleet.web, ...fleet.workers]) {
    const child = process_.child;
    void process_.exited.then((code) => {
      if (!stopping && process_.child === child) say(`${process_.name} exited (${code}); see ${path.relative(ROOT, fleet.log(process_.name))}`);
    });
  }
}

main().catch((error: unknown) => {
  console.error(`fleet: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
