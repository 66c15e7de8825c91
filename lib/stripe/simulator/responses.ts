/** One answer of the simulator's HTTP API, in the shape Stripe's API gives it. */
export type SimResponse = { status: number; body: unknown; headers?: Record<string, string> };

/** Stripe's error object; `extra` carries what some errors add (param, decline_code, payment_intent, charge). */
export const stripeError = (status: number, code: string | undefined, message: string, type = "invalid_request_error", extra: object = {}): SimResponse => ({
  status,
  body: { error: { type, ...(code ? { code } : {}), message, ...extra } },
});

export const ok = (body: unknown): SimResponse => ({ status: 200, body });

/** Connect OAuth answers errors in OAuth 2.0's shape, not in the API's. */
export const oauthError = (code: string, description: string): SimResponse => ({ status: 400, body: { error: code, error_description: description } });
