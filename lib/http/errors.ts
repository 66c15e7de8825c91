import { z } from "zod";

/**
 * The one error module. Every failure, wherever it starts, leaves the API as
 * {"error": {"code", "message", "details"?}} with the status below.
 */

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(400, code, message, details);
export const unauthorized = (code = "unauthorized", message = "Sign in, or send a valid Bearer token.") =>
  new AppError(401, code, message);
export const forbidden = (code = "forbidden", message = "Your role does not allow this action.") =>
  new AppError(403, code, message);
export const notFound = (message = "Not found.") => new AppError(404, "not_found", message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
/** Existed once, usable no more (a used, revoked or expired invitation link). */
export const gone = (code: string, message: string) => new AppError(410, code, message);
export const payloadTooLarge = (limitBytes: number) =>
  new AppError(413, "payload_too_large", `The request body is larger than ${limitBytes / 1024} KB.`);
export const tooManyRequests = (retryAfterSeconds: number, message: string) =>
  new AppError(429, "too_many_requests", message, { retry_after: retryAfterSeconds }, {
    "Retry-After": String(retryAfterSeconds),
  });

/** zod issues, trimmed to what a client can act on. */
export function zodIssues(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.map(String), code: issue.code, message: issue.message }));
}

export function validationError(error: z.ZodError) {
  return badRequest("validation_error", "The request is invalid; see details.", zodIssues(error));
}

/** Maps anything thrown to a status and the error shape; never leaks internals. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof z.ZodError) return toErrorResponse(validationError(error));
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    return Response.json(body, { status: error.status, headers: error.headers });
  }
  console.error("[api] unexpected error:", error instanceof Error ? error.stack ?? error.message : error);
  const body: ErrorBody = { error: { code: "internal_error", message: "Something went wrong on our side." } };
  return Response.json(body, { status: 500 });
}
