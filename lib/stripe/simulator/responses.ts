/** One answer of the simulator's HTTP API, in the shape Stripe's API gives it. */
export type SimResponse = { status: number; body: unknown; headers?: Record<string, string> };

export const stripeError = (status: number, code: string | undefined, message: string, type = "invalid_request_error"): SimResponse => ({
  status,
  body: { error: { type, ...(code ? { code } : {}), message } },
});

/** Connect OAuth answers errors in OAuth 2.0's shape, not in the API's. */
export const oauthError = (code: string, description: string): SimResponse => ({ status: 400, body: { error: code, error_description: description } });
