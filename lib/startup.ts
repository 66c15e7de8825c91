import { ConfigError, env } from "@/lib/env";

/** The in-process webhook worker, unless WEBHOOK_WORKER=off (separate `npm run worker` processes). */
export async function startBackgroundWork(): Promise<void> {
  if (process.env.WEBHOOK_WORKER === "off" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { ensureInProcessWorker } = await import("@/lib/webhooks/worker");
  ensureInProcessWorker();
}

/**
 * A bad configuration stops the server here, with one line naming the
 * setting, instead of failing on the first request.
 */
export function checkConfigurationAtStartup(): void {
  try {
    const config = env();
    if (config.webhookAllowPrivateTargets) {
      console.warn(
        "WARNING: WEBHOOK_ALLOW_PRIVATE_TARGETS=1 lets webhook URLs use http:// and private or loopback addresses. Use it for local development and tests only.",
      );
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
