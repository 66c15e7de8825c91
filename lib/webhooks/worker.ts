import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { deliverDueAttempts } from "./attempt-runner";
import { expirePreviousSecrets } from "./secret-rotation";
import { onWebhookWake } from "./worker-signal";
import { listenForDueAttempts } from "./due-notifications";
import { errorMessage, log } from "@/lib/log";
import { countWorkerBatch } from "@/lib/metrics/registry";

export type WorkerOptions = { workerId?: string; pollMs?: number; batchSize?: number; concurrency?: number };
export type WorkerHandle = { id: string; stop(): Promise<void> };

/** How often a worker deletes rotated-out secrets whose grace period has ended. */
const SECRET_SWEEP_INTERVAL_MS = 60_000;

/** Runs the secret sweep when it is due; a failure is logged and waits for the next interval. */
async function sweepSecretsIfDue(state: { nextAt: number }) {
  if (Date.now() < state.nextAt) return;
  state.nextAt = Date.now() + SECRET_SWEEP_INTERVAL_MS;
  try {
    await expirePreviousSecrets(new Date());
  } catch (error) {
    log.warn({ error: errorMessage(error) }, "webhook previous-secret sweep failed; retrying at the next one");
  }
}

/**
 * Delivers due attempts until stopped: a batch at a time, then waits for the
 * next poll or a wake-up: emitEvent's in this process, or PostgreSQL's
 * notification from any process (due-notifications). Several workers (processes) may run
 * against one database; leases keep them from sending the same attempt.
 * About once a minute it also deletes expired previous secrets.
 */
export function startWebhookWorker(options: WorkerOptions = {}): WorkerHandle {
  const id = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const pollMs = options.pollMs ?? 1_000;
  let running = true;
  let wake: (() => void) | null = null;
  // A wake-up that arrives mid-batch is kept, so the worker looks again instead of sleeping.
  let nudged = false;
  const nudge = () => {
    nudged = true;
    wake?.();
  };
  const unsubscribe = onWebhookWake(nudge);
  const stopListening = listenForDueAttempts(nudge);

  const loop = (async () => {
    let failures = 0;
    const secretSweep = { nextAt: 0 };
    while (running) {
      await sweepSecretsIfDue(secretSweep);
      let handled = 0;
      nudged = false;
      try {
        handled = await deliverDueAttempts(id, { batchSize: options.batchSize, concurrency: options.concurrency });
        failures = 0;
        // Empty polls (one a second when idle) are not batches.
        if (handled > 0) countWorkerBatch("processed");
      } catch (error) {
        countWorkerBatch("failed");
        failures += 1;
        if (failures === 1) log.error({ error: errorMessage(error) }, "webhook worker pass failed");
      }
      if (handled > 0 || !running || (nudged && failures === 0)) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, failures > 0 ? Math.min(30_000, pollMs * 2 ** failures) : pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();

  return {
    id,
    async stop() {
      running = false;
      wake?.();
      unsubscribe();
      await Promise.all([loop, stopListening()]);
    },
  };
}

const globalWorker = globalThis as typeof globalThis & { __portalWebhookWorker?: WorkerHandle };

/** The in-process worker, started once per server process (instrumentation.ts). */
export function ensureInProcessWorker(): WorkerHandle {
  globalWorker.__portalWebhookWorker ??= startWebhookWorker();
  return globalWorker.__portalWebhookWorker;
}
