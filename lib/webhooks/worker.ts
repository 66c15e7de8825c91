import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { deliverDueAttempts } from "./attempt-runner";
import { onWebhookWake } from "./worker-signal";
import { errorMessage, log } from "@/lib/log";

export type WorkerOptions = { workerId?: string; pollMs?: number; batchSize?: number; concurrency?: number };
export type WorkerHandle = { id: string; stop(): Promise<void> };

/**
 * Delivers due attempts until stopped: a batch at a time, then waits for the
 * next poll or a wake-up from emitEvent. Several workers (processes) may run
 * against one database; leases keep them from sending the same attempt.
 */
export function startWebhookWorker(options: WorkerOptions = {}): WorkerHandle {
  const id = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const pollMs = options.pollMs ?? 1_000;
  let running = true;
  let wake: (() => void) | null = null;
  const unsubscribe = onWebhookWake(() => wake?.());

  const loop = (async () => {
    let failures = 0;
    while (running) {
      let handled = 0;
      try {
        handled = await deliverDueAttempts(id, { batchSize: options.batchSize, concurrency: options.concurrency });
        failures = 0;
      } catch (error) {
        failures += 1;
        if (failures === 1) log.error({ error: errorMessage(error) }, "webhook worker pass failed");
      }
      if (handled > 0 || !running) continue;
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
      await loop;
    },
  };
}

const globalWorker = globalThis as typeof globalThis & { __portalWebhookWorker?: WorkerHandle };

/** The in-process worker, started once per server process (instrumentation.ts). */
export function ensureInProcessWorker(): WorkerHandle {
  globalWorker.__portalWebhookWorker ??= startWebhookWorker();
  return globalWorker.__portalWebhookWorker;
}
