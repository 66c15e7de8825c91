import pino from "pino";
import { currentRequestId } from "@/lib/http/request-context";

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
type Level = (typeof LEVELS)[number];

// Read straight from the environment, not through env(): a logger must exist even while the
// configuration is being refused (lib/env.ts validates LOG_LEVEL and names it at start-up).
function levelFromEnvironment(): Level {
  const configured = process.env.LOG_LEVEL as Level | undefined;
  if (configured && LEVELS.includes(configured)) return configured;
  return process.env.NODE_ENV === "test" ? "silent" : "info";
}

/**
 * The one logger: JSON lines on stdout (pino), at LOG_LEVEL. A line logged
 * while a request is served carries that request's id as request_id.
 */
export const log = pino({
  level: levelFromEnvironment(),
  base: undefined,
  mixin() {
    const requestId = currentRequestId();
    return requestId ? { request_id: requestId } : {};
  },
});

/** An error's message for a log line, whatever was thrown. */
export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
