import { expect } from "vitest";
import { NextRequest } from "next/server";
import { POST as registerRoute } from "@/app/api/v1/auth/register/route";
import { encodeSessionToken } from "@/lib/auth/tokens";
import { stampSocketPeer } from "@/lib/http/socket-peer";

export const BASE_URL = "http://localhost:3000";

/** Every /api/v1 error body names the request's id (the Request-Id header's value). */
export const ANY_REQUEST_ID = expect.stringMatching(/^req_[0-9A-Za-z]{24}$/);

/** The documented error body for `code`, whatever the message says. */
export const errorBody = (code: string) => ({ error: { code, message: expect.any(String), request_id: ANY_REQUEST_ID } });

type Handler = (req: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type CallOptions = {
  method?: string;
  /** An object is sent as JSON; a string is sent as-is (for malformed bodies). */
  body?: unknown;
  /** An access token, sent as `Authorization: Bearer`. */
  token?: string;
  /** A session token (see `session` of registerOwner / addMember), sent as the session cookie. */
  cookie?: string;
  origin?: string | null;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  /** The address the request comes from: recorded as the socket peer, as the server does for a real connection. */
  ip?: string;
};

export type CallResult<T = any> = { status: number; body: T; headers: Headers }; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON

/** Calls a route handler the way Next would, with a real NextRequest. */
export async function call<T = any>(handler: Handler, path: string, options: CallOptions = {}): Promise<CallResult<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any -- see CallResult
  const headers = new Headers(options.headers);
  headers.set("user-agent", headers.get("user-agent") ?? "vitest");
  stampSocketPeer(headers, options.ip ?? "203.0.113.10");
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.cookie) headers.set("cookie", `next-auth.session-token=${options.cookie}`);
  if (options.origin) headers.set("origin", options.origin);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers.set("content-type", "application/json");
  }
  const method = options.method ?? (body === undefined ? "GET" : "POST");
  const request = new NextRequest(new URL(path, BASE_URL), { method, headers, body });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** An address no other test uses. */
export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;

let counter = 0;
let ipCounter = 0;

/** A fresh documentation-range address, for sign-ups: they are throttled per IP. */
export function nextTestIp(): string {
  ipCounter += 1;
  return `198.18.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
}

/** Registers a fresh tenant through the API and returns its owner's token and ids. */
export async function registerOwner(overrides: Partial<{ email: string; password: string; name: string; tenant_name: string }> = {}) {
  counter += 1;
  const input = {
    email: `owner${counter}-${Date.now()}@example.test`,
    password: "correct horse battery",
    name: `Owner ${counter}`,
    tenant_name: `Tenant ${counter}`,
    ...overrides,
  };
  const result = await call(registerRoute, "/api/v1/auth/register/", { body: input, ip: nextTestIp() });
  if (result.status !== 201) throw new Error(`register failed: ${result.status} ${JSON.stringify(result.body)}`);
  const userId = result.body.user.id as string;
  const tenantId = result.body.tenant.id as string;
  return {
    input,
    token: result.body.access_token as string,
    session: await encodeSessionToken({ id: userId, email: input.email, name: input.name, sessionVersion: 0 }, tenantId),
    userId,
    tenantId,
    /** The first keys, secrets in full: the sign-up answer is their one reveal. */
    apiKeys: result.body.api_keys as { id: string; mode: "live" | "test"; type: "publishable" | "secret"; key: string }[],
  };
}
