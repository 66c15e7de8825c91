import { stripeError, type SimResponse } from "./responses";

/**
 * Reading stripe-node's form-encoded parameters as Stripe does: a hash such
 * as `metadata` arrives as `metadata[key]=value` pairs, an array as
 * `name[0]=…`, integers and booleans as text. A malformed value is answered
 * with Stripe's invalid_request_error naming the parameter.
 */

export function hashParam(params: URLSearchParams, name: string): Record<string, string> {
  const result: Record<string, string> = {};
  const pattern = new RegExp(`^${name}\\[([^\\]]+)\\]$`);
  for (const [key, value] of params) {
    const match = pattern.exec(key);
    if (match) result[match[1]] = value;
  }
  return result;
}

/** A thrown answer, so parameter checks read top to bottom; the dispatcher turns it back into the response. */
export class SimulatorRefusal extends Error {
  constructor(readonly response: SimResponse) {
    super("refused");
  }
}

export const refuse = (...args: Parameters<typeof stripeError>): never => {
  throw new SimulatorRefusal(stripeError(...args));
};

export function requiredParam(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null || value === "") refuse(400, "parameter_missing", `Missing required param: ${name}.`, "invalid_request_error", { param: name });
  return value as string;
}

/** A non-negative integer, or null when absent. */
export function integerParam(params: URLSearchParams, name: string): number | null {
  const value = params.get(name);
  if (value === null || value === "") return null;
  if (!/^\d{1,15}$/.test(value)) refuse(400, "parameter_invalid_integer", `Invalid integer: ${value}`, "invalid_request_error", { param: name });
  return Number(value);
}

export function booleanParam(params: URLSearchParams, name: string): boolean {
  const value = params.get(name);
  if (value === null || value === "" || value === "false") return false;
  if (value === "true") return true;
  return refuse(400, "parameter_invalid_boolean", `Invalid boolean: ${value}`, "invalid_request_error", { param: name });
}

/** `limit` of a list: 1 to 100, 10 by default, as Stripe's lists. */
export function listLimit(params: URLSearchParams): number {
  const limit = integerParam(params, "limit") ?? 10;
  if (limit < 1 || limit > 100) refuse(400, "parameter_invalid_integer", "This value must be between 1 and 100 (it currently is " + limit + ").", "invalid_request_error", { param: "limit" });
  return limit;
}
