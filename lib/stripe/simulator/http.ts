import type { z } from "zod";
import { AppError, validationError } from "@/lib/http/errors";
import { MAX_BODY_BYTES, readBodyText } from "@/lib/http/read-body";
import { handleSimulatorRequest } from "./api";
import { stripeError, type SimResponse } from "./responses";

async function answer(req: Request): Promise<SimResponse> {
  const url = new URL(req.url);
  let params: URLSearchParams;
  try {
    // stripe-node's requests are a few hundred bytes: the API's own limit is ample.
    params = req.method === "GET" ? url.searchParams : new URLSearchParams(await readBodyText(req, MAX_BODY_BYTES));
  } catch (error) {
    // Answered in Stripe's shape: the client on the other end is stripe-node.
    if (error instanceof AppError && error.code === "payload_too_large") return stripeError(413, "payload_too_large", error.message);
    throw error;
  }
  return handleSimulatorRequest({
    method: req.method,
    path: url.pathname.replace(/\/+$/, ""),
    params,
    authorization: req.headers.get("authorization"),
    idempotencyKey: req.headers.get("idempotency-key"),
    stripeAccount: req.headers.get("stripe-account"),
  });
}

/** Adapts a Fetch API request (a Next route, or a test's server) to the simulator. */
export async function simulatorResponse(req: Request): Promise<Response> {
  const { status, body, headers } = await answer(req);
  return Response.json(body, { status, headers: { "request-id": `req_sim${Date.now()}`, ...headers } });
}

/** The form a simulated page posts, read with the same limit, and checked against its schema. */
export async function readSimulatorForm<T>(req: Request, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(Object.fromEntries(new URLSearchParams(await readBodyText(req, MAX_BODY_BYTES))));
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
