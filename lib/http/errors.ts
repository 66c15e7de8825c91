import { z } from "zod";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { currentRequestId } from "@/lib/http/request-context";
import { log } from "@/lib/log";

/**
 * The one error module. Every failure, wherever it starts, leaves the API as
 * {"error": {"code", "message", "details"?, "request_id"?}}. A throw site names a code; the
 * status comes from this table, so one code always answers one status, and
 * docs/api.md's error table is checked against it by a test.
 */
export const ERROR_CODES = {
  // 400: the request itself is wrong
  invalid_json: { status: 400, message: "The request body is not valid JSON." },
  json_too_deep: { status: 400, message: "The request body nests arrays and objects too deeply." },
  validation_error: { status: 400, message: "The request is invalid; see details." },
  invalid_cursor: { status: 400, message: "The cursor does not belong to this list." },
  confirmation_required: { status: 400, message: 'Send "confirm": true. Nothing was changed.' },
  invalid_signature: { status: 400, message: "The signature does not match this payload." },
  invalid_grant: { status: 400, message: "Stripe refused the authorization code." },
  missing_code: { status: 400, message: "Stripe did not send an authorization code." },
  oauth_error: { status: 400, message: "Stripe reported an error." },
  invalid_redirect_uri: { status: 400, message: "The simulator only redirects to the portal's own Stripe callback." },
  webhook_url_invalid: { status: 400, message: "The webhook URL is not valid." },
  webhook_url_not_https: { status: 400, message: "The webhook URL must use https://." },
  webhook_url_forbidden: { status: 400, message: "The webhook URL resolves to an address we do not send to." },
  amount_invalid: { status: 400, message: "The amount is not a valid charge in this currency." },
  amount_too_small: { status: 400, message: "The amount is below the minimum charge for this currency." },
  currency_not_enabled: { status: 400, message: "This currency is not enabled for this tenant." },
  amount_exceeds_refundable: { status: 400, message: "The amount is more than what is left to refund on this payment." },
  unknown_event_type: { status: 400, message: "Unknown event type; GET /api/v1/auth/tenants/webhooks/event-types/ lists them." },
  range_too_large: { status: 400, message: "The range holds too many points at this granularity; narrow it or pick a coarser granularity." },
  email_unchanged: { status: 400, message: "That is already the account's email address." },
  // 401: who is calling is unknown
  unauthorized: { status: 401, message: "Sign in, or send a valid Bearer token." },
  invalid_token: { status: 401, message: "The access token is invalid or expired." },
  invalid_credentials: { status: 401, message: "Incorrect email or password." },
  invalid_api_key: { status: 401, message: "The API key is invalid, revoked or expired." },
  invalid_two_factor_code: { status: 401, message: "The authentication code or recovery code is not right, or was already used." },
  two_factor_challenge_invalid: { status: 401, message: "This sign-in expired or was already completed. Sign in again with your password." },
  // 402: the card was declined (Stripe's status for it)
  card_declined: { status: 402, message: "The card was declined." },
  // 403: known caller, not allowed
  forbidden: { status: 403, message: "Your role does not allow this action." },
  csrf_origin_mismatch: { status: 403, message: "This request did not come from the portal's own pages." },
  invalid_state: { status: 403, message: "This Stripe link is invalid, expired, already used, or was started by someone else." },
  invitation_email_mismatch: { status: 403, message: "This invitation is for another email address." },
  no_tenant: { status: 403, message: "Your account no longer belongs to any tenant." },
  publishable_key_not_allowed: { status: 403, message: "Publishable keys cannot call the platform API; use a secret key (sk_…)." },
  tenant_suspended: { status: 403, message: "This tenant is suspended." },
  two_factor_enrolment_required: { status: 403, message: "This tenant requires two-factor sign-in. Turn it on first: POST /api/v1/auth/two-factor/enrol/." },
  two_factor_sign_in_required: { status: 403, message: "This account uses two-factor sign-in: sign in first, then try again." },
  email_not_verified: { status: 403, message: "Confirm your email address first: follow the link we mailed to it." },
  current_password_incorrect: { status: 403, message: "The current password is not correct." },
  // 404
  not_found: { status: 404, message: "Not found." },
  invitation_not_found: { status: 404, message: "This invitation link is not valid." },
  reset_token_invalid: { status: 404, message: "This password reset link is not valid or was already used." },
  email_token_invalid: { status: 404, message: "This email confirmation link is not valid or was already used." },
  // 405: the path exists, the method does not (the Allow header lists the ones it has)
  method_not_allowed: { status: 405, message: "This path does not answer that method." },
  // 408: the tenant's webhook endpoint did not answer in time (a gateway-style status for a target we called)
  webhook_timeout: { status: 408, message: "Your endpoint did not answer in time." },
  // 409: the state does not allow it now
  account_exists: { status: 409, message: "An account with this email already exists." },
  account_in_use: { status: 409, message: "This Stripe account is already connected to another tenant." },
  already_connected: { status: 409, message: "This tenant is already connected to a Stripe account." },
  connect_in_progress: { status: 409, message: "Another connect for this tenant is still talking to Stripe. Try again in a moment." },
  already_member: { status: 409, message: "Already a member of this tenant." },
  delivery_in_progress: { status: 409, message: "This message is being sent right now." },
  email_taken: { status: 409, message: "An account with this email already exists." },
  invitation_not_pending: { status: 409, message: "This invitation is no longer pending." },
  last_owner: { status: 409, message: "A tenant needs at least one owner." },
  not_connected: { status: 409, message: "This tenant is not connected to Stripe." },
  tenant_already_suspended: { status: 409, message: "This tenant is already suspended." },
  tenant_not_suspended: { status: 409, message: "This tenant is not suspended." },
  tenant_changed: { status: 409, message: "The session has switched to another tenant. Reload the page." },
  email_already_verified: { status: 409, message: "This email address is already confirmed." },
  webhook_not_configured: { status: 409, message: "No webhook endpoint is configured." },
  secret_rotation_conflict: { status: 409, message: "Another rotation of the webhook secret finished first. Reload and try again." },
  webhook_endpoint_disabled: { status: 409, message: "The webhook endpoint is disabled. Save its URL again to re-enable it first." },
  login_link_unavailable: { status: 409, message: "This Stripe account has no Express dashboard: it was connected through OAuth. Sign in at dashboard.stripe.com." },
  stripe_not_connected: { status: 409, message: "This tenant has no Stripe account that can accept payments." },
  stripe_mode_unavailable: { status: 409, message: "The platform's Stripe key cannot create payments in this mode." },
  idempotency_key_reused: { status: 409, message: "This Idempotency-Key was used with another request." },
  idempotency_key_in_use: { status: 409, message: "A request with this Idempotency-Key is still running. Try again in a moment." },
  payment_not_confirmable: { status: 409, message: "This payment cannot be confirmed in its current state." },
  payment_not_refundable: { status: 409, message: "Only a succeeded payment can be refunded." },
  two_factor_already_enabled: { status: 409, message: "Two-factor sign-in is already on for this account." },
  two_factor_not_enabled: { status: 409, message: "Two-factor sign-in is not on for this account." },
  two_factor_enrolment_not_started: { status: 409, message: "Start two-factor enrolment first: POST /api/v1/auth/two-factor/enrol/." },
  // 410: existed once, usable no more
  invitation_used: { status: 410, message: "This invitation has already been used." },
  invitation_revoked: { status: 410, message: "This invitation was revoked." },
  invitation_expired: { status: 410, message: "This invitation has expired." },
  reset_token_expired: { status: 410, message: "This password reset link has expired." },
  email_token_expired: { status: 410, message: "This email confirmation link has expired." },
  // 413, 429
  payload_too_large: { status: 413, message: "The request body is too large." },
  too_many_requests: { status: 429, message: "Too many requests. Try again later." },
  rate_limited: { status: 429, message: "This API key is over its rate limit. Try again after Retry-After seconds." },
  // 5xx
  internal_error: { status: 500, message: "Something went wrong on our side." },
  stripe_error: { status: 502, message: "Stripe answered with an error." },
  stripe_misconfigured: { status: 502, message: "Stripe refused the platform's API key." },
  stripe_unreachable: { status: 502, message: "Stripe could not be reached. Try again in a moment." },
  webhook_unreachable: { status: 502, message: "Could not reach your endpoint." },
  stripe_not_configured: { status: 503, message: "Stripe is not configured on this platform." },
  service_unavailable: { status: 503, message: "The service is briefly unavailable. Try again in a moment." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown; request_id?: string } };

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code].message,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_CODES[code].status;
  }
}

/** The error for `code`, with a message for this case (the table's default otherwise). */
export const apiError = (code: ErrorCode, message?: string, details?: unknown) => new AppError(code, message, details);

export const payloadTooLarge = (limitBytes: number) =>
  new AppError("payload_too_large", `The request body is larger than ${limitBytes / 1024} KB.`);

/** "Try again in 3 seconds." under a minute, whole minutes (rounded up) from there. */
export function tryAgainIn(seconds: number): string {
  const [count, unit] = seconds < 60 ? [seconds, "second"] : [Math.ceil(seconds / 60), "minute"];
  return `Try again in ${count} ${unit}${count === 1 ? "" : "s"}.`;
}

/** 429 with Retry-After; `what` names what there was too much of ("failed sign-in attempts"). */
export const tooManyRequests = (retryAfterSeconds: number, what: string) =>
  new AppError("too_many_requests", `Too many ${what}. ${tryAgainIn(retryAfterSeconds)}`, { retry_after: retryAfterSeconds }, {
    "Retry-After": String(retryAfterSeconds),
  });

/** zod issues, trimmed to what a client can act on. */
export function zodIssues(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.map(String), code: issue.code, message: issue.message }));
}

export function validationError(error: z.ZodError) {
  return new AppError("validation_error", ERROR_CODES.validation_error.message, zodIssues(error));
}

/** What a 503 for an unreachable database tells the client to wait: a restart takes seconds. */
const DATABASE_RETRY_AFTER_SECONDS = 2;

/**
 * Maps anything thrown to a status and the error shape; never leaks internals.
 * Inside a request (lib/http/request-context.ts) the body names its request id.
 */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof z.ZodError) return toErrorResponse(validationError(error));
  const requestId = currentRequestId();
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    if (requestId) body.error.request_id = requestId;
    return Response.json(body, { status: error.status, headers: error.headers });
  }
  // A database that does not answer (restarting, failing over) is not a bug: 503, and the client may retry.
  if (isDatabaseUnavailable(error)) {
    log.warn({ error: error instanceof Error ? error.message : String(error) }, "the database did not answer");
    return toErrorResponse(new AppError("service_unavailable", undefined, undefined, { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) }));
  }
  log.error({ error: error instanceof Error ? error.stack ?? error.message : String(error) }, "unexpected error");
  const body: ErrorBody = { error: { code: "internal_error", message: ERROR_CODES.internal_error.message } };
  if (requestId) body.error.request_id = requestId;
  return Response.json(body, { status: 500 });
}
