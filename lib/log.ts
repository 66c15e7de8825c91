import pino, { type DestinationStream, type LoggerOptions } from "pino";
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

export const REDACTED = "[redacted]";

/** Field names whose value is a secret wherever it is logged. */
const SECRET_FIELDS = new Set([
  "authorization",
  "cookie",
  "set-cookie",
  "password",
  "current_password",
  "new_password",
  "currentPassword",
  "newPassword",
  "secret",
  "token",
  "access_token",
  "accessToken",
  "api_key",
  "apiKey",
  "signing_secret",
  "signingSecret",
  "webhook_secret",
  "webhookSecret",
  "client_secret",
]);

const quoted = (field: string) => (/^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`);
const under = (prefix: string, field: string) => (/^[A-Za-z_$][\w$]*$/.test(field) ? `${prefix}.${field}` : `${prefix}["${field}"]`);

/**
 * pino's redact, on the paths where secrets are logged: the top level and the
 * headers of a request or response. Explicit paths only: wildcard paths cost
 * pino tens of microseconds a line (measured), on every line. Secret fields
 * anywhere else are caught by the formatter below.
 */
export const REDACT_PATHS = [...SECRET_FIELDS].flatMap((field) => [
  quoted(field),
  under("headers", field),
  under("req.headers", field),
  under("res.headers", field),
  under("request.headers", field),
]);

/**
 * Secret keys and signing secrets in free text (an error message that quotes
 * a header, a URL), which no path can name: the prefix stays, so a reader
 * still sees which kind of secret was there.
 */
const SECRET_TEXT = /\b((?:sk|rk)_(?:live|test)_|whsec_)[A-Za-z0-9+/=_-]+/g;

export function maskSecrets(text: string): string {
  // The test is cheaper than a replace that finds nothing, and almost every line has nothing.
  return text.includes("sk_") || text.includes("whsec_") ? text.replace(SECRET_TEXT, `$1${REDACTED}`) : text;
}

const MAX_MASK_DEPTH = 6;

/**
 * A copy of `value` with secret fields blanked (wherever redact's paths did
 * not reach) and secrets masked in its strings; untouched objects are
 * returned as they are, so a line without secrets allocates nothing.
 */
function maskDeep(value: unknown, depth: number): unknown {
  if (typeof value === "string") return maskSecrets(value);
  if (depth >= MAX_MASK_DEPTH || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item, index) => {
      const masked = maskDeep(item, depth + 1);
      if (masked !== item) (copy ??= [...value])[index] = masked;
    });
    return copy ?? value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  let copy: Record<string, unknown> | null = null;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    const masked = SECRET_FIELDS.has(key) && item !== undefined && item !== null ? REDACTED : maskDeep(item, depth + 1);
    if (masked !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = masked;
  }
  return copy ?? value;
}

/**
 * The logger's options: JSON lines at `level`, the request id of the request
 * being served, and secrets kept out twice over: pino's redact blanks secret
 * fields at the known paths, the formatter blanks them at any depth, and every
 * string (the message included) has secret keys and signing secrets masked.
 */
export function loggerOptions(level: Level = levelFromEnvironment()): LoggerOptions {
  return {
    level,
    base: undefined,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    mixin() {
      const requestId = currentRequestId();
      return requestId ? { request_id: requestId } : {};
    },
    formatters: {
      log: (object) => maskDeep(object, 0) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        for (let index = 0; index < args.length; index++) {
          if (typeof args[index] === "string") args[index] = maskSecrets(args[index] as string);
        }
        return method.apply(this, args);
      },
    },
  };
}

/** A logger with the one logger's options, writing to `destination` (tests read what it wrote). */
export const createLogger = (destination?: DestinationStream, level?: Level) =>
  destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));

/**
 * The one logger: JSON lines on stdout (pino), at LOG_LEVEL. A line logged
 * while a request is served carries that request's id as request_id.
 */
export const log = createLogger();

/** An error's message for a log line, whatever was thrown. */
export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
