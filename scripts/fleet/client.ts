// What the fleet's test and benchmark say to the portal: plain HTTP, as any
// client would, through nginx or to one instance.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { ROOT } from "./fleet";

export type Answer = { status: number; body: Record<string, unknown>; headers: Headers };
type Call = { headers?: Record<string, string>; method?: string; bearer?: string; cookie?: string; origin?: string; body?: unknown; form?: Record<string, string> };

export async function call(base: string, route: string, options: Call = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.cookie) headers.cookie = options.cookie;
  if (options.origin) headers.origin = options.origin;
  let body: string | undefined;
  if (options.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(options.form).toString();
  } else if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${base}${route}`, { method: options.method ?? (body ? "POST" : "GET"), headers, body, redirect: "manual", signal: AbortSignal.timeout(60_000) });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { text };
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

export function expectStatus(answer: Answer, status: number, what: string): Answer {
  assert.equal(answer.status, status, `${what}: answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  return answer;
}

/** A cookie jar of one: the name=value pairs the server set, replacing earlier ones. */
export function mergeCookies(jar: string, headers: Headers): string {
  const cookies = new Map(jar ? jar.split("; ").map((pair) => [pair.slice(0, pair.indexOf("=")), pair] as const) : []);
  for (const line of headers.getSetCookie()) {
    const pair = line.split(";", 1)[0];
    cookies.set(pair.slice(0, pair.indexOf("=")), pair);
  }
  return [...cookies.values()].join("; ");
}

/** Signs in as the browser's form does (next-auth credentials), at one instance; answers the cookie header. */
export async function browserSignIn(base: string, email: string, password: string): Promise<string> {
  const csrf = expectStatus(await call(base, "/api/auth/csrf"), 200, "next-auth csrf");
  let jar = mergeCookies("", csrf.headers);
  const signIn = await call(base, "/api/auth/callback/credentials", { cookie: jar, form: { csrfToken: String(csrf.body.csrfToken), email, password, json: "true" } });
  assert.ok(signIn.status === 200 || signIn.status === 302, `credentials sign-in answered ${signIn.status}`);
  jar = mergeCookies(jar, signIn.headers);
  assert.match(jar, /next-auth\.session-token=/, "the sign-in set a session cookie");
  return jar;
}

export async function register(base: string, label: string): Promise<{ token: string; tenantId: string; email: string; secretTestKey: string; secretTestKeyId: string }> {
  const email = `${label}-${randomBytes(4).toString("hex")}@fleet.test`;
  const answer = expectStatus(
    await call(base, "/api/v1/auth/register/", { body: { email, password: "fleet test password", name: `Fleet ${label}`, tenant_name: `Fleet ${label}` } }),
    201,
    `sign-up of ${label}`,
  );
  const keys = answer.body.api_keys as { id: string; mode: string; type: string; key: string }[];
  const secret = keys.find((key) => key.mode === "test" && key.type === "secret")!;
  return { token: String(answer.body.access_token), tenantId: (answer.body.tenant as { id: string }).id, email, secretTestKey: secret.key, secretTestKeyId: secret.id };
}

export async function login(base: string, email: string, password: string): Promise<string> {
  return String(expectStatus(await call(base, "/api/v1/auth/login/", { body: { email, password } }), 200, `sign-in of ${email}`).body.access_token);
}

/** Invites `email` into the caller's tenant and answers the invitation token. */
export async function invite(base: string, ownerToken: string, email: string, role: string): Promise<string> {
  const answer = expectStatus(await call(base, "/api/v1/auth/tenants/invitations/", { bearer: ownerToken, body: { email, role } }), 201, `invitation of ${email}`);
  return String(answer.body.invite_url).split("/").pop()!;
}

/** The verifying webhook receiver (scripts/bench/webhook-receiver.mjs) in a process of its own. */
export async function startReceiver(): Promise<{ base: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(ROOT, "scripts/bench/webhook-receiver.mjs")], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve) => child.stdout!.once("data", (chunk: Buffer) => resolve(Number(/PORT (\d+)/.exec(chunk.toString())![1]))));
  return { base: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}
export type ReceiverStats = { count: number; verified: number; rejected: number; duplicates: number; unique: number };
export const receiverStats = async (base: string) => (await (await fetch(`${base}/_stats`)).json()) as ReceiverStats;
