import { AsyncLocalStorage } from "node:async_hooks";
import { newPublicId } from "@/lib/ids";

/**
 * What every line logged while serving one request carries: its id, the one
 * the response's Request-Id header and error body name, so a developer who
 * quotes it leads straight to the server's log lines.
 */
export type RequestContext = { requestId: string };

const storage = new AsyncLocalStorage<RequestContext>();

export const REQUEST_ID_HEADER = "Request-Id";

/** req_ and 24 base62 characters: unguessable, so a shared id reveals nothing. */
export const newRequestId = () => newPublicId("req");

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * Runs `serve` with a fresh request id in context and stamps the id on its
 * response. Every /api/v1 answer goes through here: the route wrapper, the
 * 405 fillers and the unknown-path answer.
 */
export async function withRequestId(serve: (requestId: string) => Response | Promise<Response>): Promise<Response> {
  const requestId = newRequestId();
  const response = await storage.run({ requestId }, () => serve(requestId));
  return withHeaders(response, { [REQUEST_ID_HEADER]: requestId });
}

/**
 * Sets headers on a response. Some responses have immutable headers
 * (Response.redirect, a fetched response): those are copied first.
 */
export function withHeaders(response: Response, headers: Record<string, string>): Response {
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    return copy;
  }
}
