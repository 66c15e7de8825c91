// npm run worker — delivers webhooks in a process of its own, for deployments
// that scale out (run the web servers with WEBHOOK_WORKER=off), and sweeps the
// API traffic past retention. Several may run at once: leases keep them from
// sending the same attempt twice.
import { startApiTrafficSweep } from "@/lib/api-traffic/retention";
import { disconnectPrisma } from "@/lib/db";
import { env } from "@/lib/env";
import { startMetricsServer } from "@/lib/metrics/server";
import { checkConfigurationAtStartup } from "@/lib/startup";
import { startWebhookWorker } from "@/lib/webhooks/worker";

checkConfigurationAtStartup();
const concurrency = Number(process.env.WEBHOOK_WORKER_CONCURRENCY ?? 10);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 100) {
  console.error("Configuration error: WEBHOOK_WORKER_CONCURRENCY must be a whole number from 1 to 100");
  process.exit(1);
}
const worker = startWebhookWorker({ concurrency });
const sweep = startApiTrafficSweep();
console.log(`webhook worker ${worker.id} started`);
const { metricsToken, workerMetricsPort, workerMetricsHost } = env();
const metrics =
  workerMetricsPort === undefined ? null : await startMetricsServer({ port: workerMetricsPort, host: workerMetricsHost, token: metricsToken });
if (metrics) console.log(`webhook worker ${worker.id}: metrics on http://${workerMetricsHost}:${metrics.port}/metrics`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    console.log(`webhook worker ${worker.id}: ${signal}, finishing the current batch`);
    sweep.stop();
    await metrics?.close();
    await worker.stop();
    await disconnectPrisma();
    process.exit(0);
  });
}
