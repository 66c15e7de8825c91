// npm run smoke -- [base-url] — a check of a running portal from the outside,
// as an API client sees it (default http://localhost:3000): it registers a
// fresh tenant and walks through API keys, the webhook endpoint and Stripe
// Connect over the public JSON API alone, one line per check, then a
// summary, the tenant's sign-in details and what to look at next.
// Exit code 0 only when every check passed. Webhooks need the portal to run
// with WEBHOOK_ALLOW_PRIVATE_TARGETS=1: the receiver listens on 127.0.0.1.
import { randomBytes, randomInt } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { z } from "zod";
import { redactSecrets } from "@/lib/audit/redact";

const DEFAULT_BASE_URL = "http://localhost:3000";
// The webhook test alone may wait 10 s for the receiver; argon2 at sign-up takes a moment too.
const REQUEST_TIMEOUT_MS = 30_000;
const DELIVERY_WAIT_MS = 5_000;
const TENANTS = "/api/v1/auth/tenants";

// A full secret key anywhere in a body is a leak; the list must show sk_{mode}_****...last4 only.
const FULL_SECRET_KEY = /sk_(live|test)_[0-9A-Za-z]{38}/;
const SECRET_KEY = /^sk_(live|test)_[0-9A-Za-z]{38}$/;
const MASKED_SECRET_KEY = /^sk_(live|test)_\*{4}\.\.\.[0-9A-Za-z]{4}$/;
const MASKED_WEBHOOK_SECRET = /^whsec_\*{4}\.\.\.\S{4}$/;

// ---------------------------------------------------------------------------
// Answers: only the fields the checks read; zod turns a contract drift into a
// readable failure instead of a TypeError further down.

const apiKey = z.object({
  mode: z.enum(["live", "test"]),
  type: z.enum(["publishable", "secret"]),
  key: z.string(),
  status: z.string(),
});
type ApiKey = z.infer<typeof apiKey>;

const registerAnswer = z.object({
  access_token: z.string().min(1),
  tenant: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
  api_keys: z.array(apiKey),
});
const keyListAnswer = z.object({ data: z.array(apiKey) });
const regenerateAnswer = z.object({ api_keys: z.array(apiKey), replaced: z.object({ count: z.number() }) });
const accountAnswer = z.object({ tenant: z.object({ id: z.string() }), mode: z.string() });
const webhookConfigAnswer = z.object({
  url: z.string().nullable(),
  secret_masked: z.string().nullable(),
  enabled: z.boolean(),
  secret: z.string().optional(),
});
const revealAnswer = z.object({ secret: z.string() });
const webhookTestAnswer = z.object({
  delivered: z.boolean(),
  status_code: z.number(),
  response_time_ms: z.number().nullable(),
  message_id: z.string(),
});
const connectAnswer = z.object({ url: z.string(), mode: z.string(), expires_at: z.string(), simulator: z.boolean() });
const stripeStatusAnswer = z.object({
  connected: z.boolean(),
  onboarding_started: z.boolean(),
  charges_enabled: z.boolean(),
  payouts_enabled: z.boolean(),
  tenant_status: z.string(),
  simulator: z.boolean(),
  configured: z.boolean(),
});
const errorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

// ---------------------------------------------------------------------------
// Checks and their report

/** A check's verdict; the message is the one-line reason shown after ✗. */
class CheckFailed extends Error {}
/** The portal did not answer at all: nothing after this can be checked. */
class ServerUnreachable extends Error {}

type Passed<T> = { value: T; detail: string };
type Result = { name: string; status: "pass" | "fail" | "skip"; detail: string };

const results: Result[] = [];

function record(result: Result): void {
  results.push(result);
  // Whatever a check quotes from an answer, no full API or webhook secret reaches the terminal or CI's log.
  console.log(`${result.status === "pass" ? "✓" : "✗"} ${result.name} — ${redactSecrets(result.detail)}`);
}

/** Runs one check; its value is undefined when it failed, so dependent checks can skip. */
async function check<T>(name: string, run: () => Promise<Passed<T>>): Promise<T | undefined> {
  try {
    const { value, detail } = await run();
    record({ name, status: "pass", detail });
    return value;
  } catch (error) {
    if (error instanceof ServerUnreachable) throw error;
    // A bug here or a surprise from the server is still one line, not a stack trace.
    const detail = error instanceof CheckFailed ? error.message : `unexpected ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    record({ name, status: "fail", detail });
    return undefined;
  }
}

/** A check that needs an earlier one's value: reported as skipped when that check failed. */
async function checkWith<D, T>(name: string, dependency: D | undefined, missing: string, run: (dependency: D) => Promise<Passed<T>>): Promise<T | undefined> {
  if (dependency === undefined) {
    record({ name, status: "skip", detail: `skipped: ${missing}` });
    return undefined;
  }
  return check(name, () => run(dependency));
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

// ---------------------------------------------------------------------------
// HTTP

type ApiResponse = { status: number; text: string; json: unknown };
type RequestOptions = { bearer?: string; body?: unknown; headers?: Record<string, string> };

async function request(base: string, method: "GET" | "POST", path: string, options: RequestOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    return { status: response.status, text, json: parseJson(text) };
  } catch (error) {
    throw new ServerUnreachable(`${method} ${path}: ${describeNetworkError(error)}`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** fetch hides the reason in `cause` (ECONNREFUSED…); a refused "localhost" is an AggregateError with no message. */
function describeNetworkError(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error && cause.message) return cause.message;
  if (typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string") return cause.code;
  return error instanceof Error ? error.message : String(error);
}

/** "409 email_taken: …" from the portal's error shape, or the start of whatever else came back. */
function describeAnswer(response: ApiResponse): string {
  const parsed = errorAnswer.safeParse(response.json);
  if (parsed.success) return `HTTP ${response.status} ${parsed.data.error.code}: ${parsed.data.error.message}`;
  const snippet = redactSecrets(response.text.replace(/\s+/g, " ").trim()).slice(0, 120);
  return `HTTP ${response.status}${snippet ? ` ${snippet}` : ""}`;
}

function errorCode(response: ApiResponse): string | undefined {
  const parsed = errorAnswer.safeParse(response.json);
  return parsed.success ? parsed.data.error.code : undefined;
}

/** The answer's body, when the status is the expected one and the shape is the contract's. */
function expectAnswer<T>(response: ApiResponse, status: number, schema: z.ZodType<T>): T {
  assert(response.status === status, `expected HTTP ${status}, got ${describeAnswer(response)}`);
  const parsed = schema.safeParse(response.json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CheckFailed(`unexpected answer: ${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  return parsed.data;
}

// ---------------------------------------------------------------------------
// The webhook receiver: a plain node:http server on loopback that keeps what it gets.

type Delivery = { headers: Record<string, string>; body: string };
type Receiver = { url: string; deliveries: Delivery[]; close: () => Promise<void> };

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

async function startReceiver(): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      deliveries.push({ headers: flattenHeaders(req.headers), body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function waitForDelivery(receiver: Receiver, messageId: string): Promise<Delivery | undefined> {
  const deadline = Date.now() + DELIVERY_WAIT_MS;
  for (;;) {
    const delivery = receiver.deliveries.find((d) => d.headers["webhook-id"] === messageId);
    if (delivery || Date.now() > deadline) return delivery;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// ---------------------------------------------------------------------------
// The steps

// Each step hands the next what it needs; a failed step's undefined makes its dependants skip.
type Session = { token: string; email: string; password: string; tenantId: string; tenantName: string; testSecret: string };
type Rotation = { tenantId: string; oldSecret: string; newSecret: string };
/** The secret is in the configuration's answer only when that call created it (the first time). */
type Endpoint = { session: Session; issuedSecret: string | undefined };
type EndpointConfig = Endpoint & { maskedSecret: string };
type TestDelivery = { messageId: string; answerText: string };
type Onboarding = { url: string; simulator: boolean };
/** What the closing "Next steps" can point a person at. */
type Outcome = { session?: Session; endpoint?: Endpoint; onboarding?: Onboarding };

function maskKey(secret: string): string {
  return `${secret.slice(0, secret.indexOf("_", 3) + 1)}****...${secret.slice(-4)}`;
}

function secretKeyOf(keys: ApiKey[], mode: "live" | "test"): string | undefined {
  return keys.find((key) => key.type === "secret" && key.mode === mode && SECRET_KEY.test(key.key))?.key;
}

/** An address from 198.18.0.0/15 (benchmarking): sign-ups are throttled per client IP, and next start keeps a client's XFF. */
function randomClientIp(): string {
  return `198.18.${randomInt(256)}.${randomInt(1, 255)}`;
}

async function register(base: string): Promise<Passed<Session>> {
  const stamp = Date.now();
  const email = `smoke-${stamp}-${randomBytes(2).toString("hex")}@example.test`;
  const password = randomBytes(18).toString("base64url");
  const tenantName = `Smoke test ${new Date(stamp).toISOString()}`;
  const response = await request(base, "POST", "/api/v1/auth/register/", {
    body: { email, password, name: "Smoke Test", tenant_name: tenantName },
    headers: { "x-forwarded-for": randomClientIp() },
  });
  const answer = expectAnswer(response, 201, registerAnswer);
  const testSecret = secretKeyOf(answer.api_keys, "test");
  assert(testSecret, "the answer has no full sk_test_ secret key");
  return {
    value: { token: answer.access_token, email, password, tenantId: answer.tenant.id, tenantName: answer.tenant.name, testSecret },
    detail: `${email}, tenant "${answer.tenant.slug}", ${answer.api_keys.length} keys issued`,
  };
}

async function listKeysMasked(base: string, session: Session): Promise<Passed<true>> {
  const response = await request(base, "GET", `${TENANTS}/api-keys/`, { bearer: session.token });
  const { data } = expectAnswer(response, 200, keyListAnswer);
  assert(!FULL_SECRET_KEY.test(response.text), "a full sk_ secret is in the list");
  const secrets = data.filter((key) => key.type === "secret");
  assert(secrets.length >= 2, `expected a live and a test secret key, got ${secrets.length} secret keys`);
  const unmasked = secrets.find((key) => !MASKED_SECRET_KEY.test(key.key));
  assert(!unmasked, `a secret key is shown unmasked (…${unmasked?.key.slice(-4)}), not as sk_<mode>_****...<last4>`);
  return { value: true, detail: `${data.length} keys, every secret masked (${secrets.map((key) => key.key).join(", ")})` };
}

async function regenerateTestKeys(base: string, session: Session): Promise<Passed<Rotation>> {
  const response = await request(base, "POST", `${TENANTS}/api-keys/regenerate/`, {
    bearer: session.token,
    body: { key_type: "test", confirm: true },
  });
  const answer = expectAnswer(response, 201, regenerateAnswer);
  const newSecret = secretKeyOf(answer.api_keys, "test");
  assert(newSecret, "the answer has no new full sk_test_ secret key");
  assert(newSecret !== session.testSecret, "the \"new\" test secret is the old one");
  return {
    value: { tenantId: session.tenantId, oldSecret: session.testSecret, newSecret },
    detail: `new ${maskKey(newSecret)} issued, ${answer.replaced.count} old test keys replaced`,
  };
}

async function newKeyWorks(base: string, rotation: Rotation): Promise<Passed<true>> {
  const response = await request(base, "GET", "/api/v1/account/", { bearer: rotation.newSecret });
  const answer = expectAnswer(response, 200, accountAnswer);
  assert(answer.tenant.id === rotation.tenantId, "the key answered for another tenant");
  assert(answer.mode === "test", `expected mode "test", got "${answer.mode}"`);
  return { value: true, detail: `HTTP 200 with ${maskKey(rotation.newSecret)}, mode test, our tenant` };
}

async function oldKeyRefused(base: string, rotation: Rotation): Promise<Passed<true>> {
  const response = await request(base, "GET", "/api/v1/account/", { bearer: rotation.oldSecret });
  assert(response.status === 401, `the replaced key still answers: ${describeAnswer(response)}`);
  return { value: true, detail: `${maskKey(rotation.oldSecret)} answered HTTP 401 ${errorCode(response) ?? ""}`.trimEnd() };
}

async function configureWebhook(base: string, session: Session, receiver: Receiver): Promise<Passed<Endpoint>> {
  const response = await request(base, "POST", `${TENANTS}/webhooks/config/`, { bearer: session.token, body: { url: receiver.url } });
  const code = errorCode(response);
  if (code?.startsWith("webhook_url_")) {
    // http:// and loopback targets are development settings, off unless asked for.
    throw new CheckFailed(
      `the portal refused the loopback receiver ${receiver.url} (${describeAnswer(response)}); start the portal with WEBHOOK_ALLOW_PRIVATE_TARGETS=1`,
    );
  }
  const answer = expectAnswer(response, 200, webhookConfigAnswer);
  assert(answer.url === receiver.url, `the endpoint was stored as ${answer.url}, not ${receiver.url}`);
  return {
    value: { session, issuedSecret: answer.secret },
    detail: `${receiver.url} accepted${answer.secret ? `, signing secret issued (${answer.secret_masked})` : ""}`,
  };
}

async function readWebhookConfig(base: string, endpoint: Endpoint, receiver: Receiver): Promise<Passed<EndpointConfig>> {
  const response = await request(base, "GET", `${TENANTS}/webhooks/config/`, { bearer: endpoint.session.token });
  const answer = expectAnswer(response, 200, webhookConfigAnswer);
  assert(answer.url === receiver.url, `url is ${answer.url}, expected ${receiver.url}`);
  assert(answer.enabled, "the endpoint is not enabled");
  const leaked = answer.secret !== undefined || (endpoint.issuedSecret !== undefined && response.text.includes(endpoint.issuedSecret));
  assert(!leaked, "the configuration read back carries the full secret");
  const masked = answer.secret_masked;
  assert(masked && MASKED_WEBHOOK_SECRET.test(masked), `secret shown as "${masked}", not whsec_****...<last4>`);
  return { value: { ...endpoint, maskedSecret: masked }, detail: `url ${answer.url}, enabled, secret ${masked}` };
}

/** The full secret comes from the audited reveal endpoint (admin+), the way a receiver's owner would get it. */
async function revealSigningSecret(base: string, config: EndpointConfig): Promise<Passed<string>> {
  const response = await request(base, "POST", `${TENANTS}/webhooks/secret/reveal/`, { bearer: config.session.token });
  const { secret } = expectAnswer(response, 200, revealAnswer);
  const issued = config.issuedSecret;
  assert(secret.startsWith("whsec_"), "the revealed secret is not a whsec_ secret");
  assert(config.maskedSecret.endsWith(secret.slice(-4)), `the revealed secret does not end like ${config.maskedSecret}`);
  assert(issued === undefined || issued === secret, "the revealed secret differs from the one issued at configuration");
  return {
    value: secret,
    detail: `POST …/webhooks/secret/reveal/ returned whsec_****...${secret.slice(-4)}${issued ? ", the one issued at configuration" : ""}`,
  };
}

async function sendTestDelivery(base: string, endpoint: Endpoint): Promise<Passed<TestDelivery>> {
  const response = await request(base, "POST", `${TENANTS}/webhooks/test/`, { bearer: endpoint.session.token, body: {} });
  const answer = expectAnswer(response, 200, webhookTestAnswer);
  assert(answer.delivered, `not delivered: the receiver answered ${answer.status_code}`);
  return {
    value: { messageId: answer.message_id, answerText: response.text },
    detail: `${answer.message_id} delivered, receiver answered ${answer.status_code} in ${answer.response_time_ms ?? "?"} ms`,
  };
}

async function signatureVerifies(receiver: Receiver, test: TestDelivery, secret: string): Promise<Passed<Delivery>> {
  const delivery = await waitForDelivery(receiver, test.messageId);
  assert(delivery, `the receiver got no request with webhook-id ${test.messageId} (${receiver.deliveries.length} other requests)`);
  try {
    new Webhook(secret).verify(delivery.body, delivery.headers);
  } catch (error) {
    throw new CheckFailed(`the signature does not verify: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { value: delivery, detail: `webhook-id ${test.messageId}, ${delivery.headers["webhook-signature"]?.slice(0, 12)}… verified with standardwebhooks` };
}

function secretNeverSent(delivery: Delivery, test: TestDelivery, secret: string): Promise<Passed<true>> {
  // The base64 part alone is the key material too: a secret sent without its whsec_ prefix is still leaked.
  const forms = [secret, secret.slice("whsec_".length)];
  const leaks = (text: string) => forms.some((form) => text.includes(form));
  const header = Object.entries(delivery.headers).find(([, value]) => leaks(value));
  assert(!header, `the secret is in the delivery's ${header?.[0]} header`);
  assert(!leaks(delivery.body), "the secret is in the delivery's body");
  assert(!leaks(test.answerText), "the secret is in the test endpoint's answer");
  return Promise.resolve({ value: true, detail: `not in the delivery's ${Object.keys(delivery.headers).length} headers or body, nor in the test answer` });
}

async function stripeConnectUrl(base: string, session: Session): Promise<Passed<Onboarding>> {
  const response = await request(base, "POST", `${TENANTS}/stripe/connect/`, { bearer: session.token, body: {} });
  const answer = expectAnswer(response, 200, connectAnswer);
  let url: URL;
  try {
    url = new URL(answer.url);
  } catch {
    throw new CheckFailed(`not a URL: ${answer.url}`);
  }
  assert(url.protocol === "https:" || url.protocol === "http:", `not a web URL: ${answer.url}`);
  return { value: { url: answer.url, simulator: answer.simulator }, detail: `${answer.mode}${answer.simulator ? " (simulator)" : ""}: ${answer.url}` };
}

async function stripeStatus(base: string, session: Session): Promise<Passed<true>> {
  const response = await request(base, "GET", `${TENANTS}/stripe/status/`, { bearer: session.token });
  const answer = expectAnswer(response, 200, stripeStatusAnswer);
  const state = answer.connected ? "connected" : answer.onboarding_started ? "onboarding started" : "not connected";
  const where = !answer.configured ? ", Stripe not configured" : answer.simulator ? ", simulator" : "";
  return {
    value: true,
    detail: `${state}, charges ${answer.charges_enabled ? "enabled" : "disabled"}, payouts ${answer.payouts_enabled ? "enabled" : "disabled"}, tenant ${answer.tenant_status}${where}`,
  };
}

// ---------------------------------------------------------------------------

function printSummary(base: string, { session, endpoint, onboarding }: Outcome): void {
  const passed = results.filter((r) => r.status === "pass").length;
  const skipped = results.filter((r) => r.status === "skip").length;
  const failed = results.length - passed;
  console.log(`\nSummary: ${passed} passed, ${failed} failed${skipped ? ` (${skipped} of them skipped)` : ""}`);
  if (!session) return;

  console.log(`\nSign-in details (tenant "${session.tenantName}"):`);
  console.log(`  email:    ${session.email}`);
  console.log(`  password: ${session.password}`);
  console.log("\nNext steps:");
  console.log(`  1. Sign in at ${base}/login with the email and password above.`);
  // The onboarding state is bound to the user who asked for it and lives 10 minutes.
  console.log(
    onboarding
      ? `  2. In that browser, within 10 minutes, open the Connect URL to finish onboarding${onboarding.simulator ? ' (in the simulator: "Complete onboarding")' : ""}:\n     ${onboarding.url}\n     Later, start again from ${base}/stripe.`
      : `  2. Connect Stripe from ${base}/stripe.`,
  );
  console.log(
    endpoint
      ? `  3. See the test delivery on ${base}/webhooks and every step in ${base}/audit-log.\n     The endpoint still points at this script's receiver, which has stopped: set your own URL there.`
      : `  3. Set a webhook endpoint on ${base}/webhooks (https://; loopback targets need WEBHOOK_ALLOW_PRIVATE_TARGETS=1), and see every step in ${base}/audit-log.`,
  );
  console.log(`  4. The regenerated keys are on ${base}/api-keys (secrets masked; regenerate again to see one).`);
}

function parseBaseUrl(arg: string | undefined): string {
  const raw = arg ?? DEFAULT_BASE_URL;
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http(s)");
    return url.toString().replace(/\/+$/, "");
  } catch {
    console.error(`✗ Not a base URL: ${raw}. Usage: npm run smoke -- [base-url, default ${DEFAULT_BASE_URL}]`);
    process.exit(2);
  }
}

const NO_SESSION = "registration failed";
const NO_ROTATION = "the test keys were not regenerated";
const NO_ENDPOINT = "the webhook endpoint was not configured";

async function main(): Promise<number> {
  const base = parseBaseUrl(process.argv[2]);
  console.log(`Smoke test against ${base}\n`);
  const receiver = await startReceiver();
  const outcome: Outcome = {};
  try {
    const session = await check("register a fresh tenant", () => register(base));
    outcome.session = session;
    await checkWith("API keys listed with secrets masked", session, NO_SESSION, (s) => listKeysMasked(base, s));
    const rotation = await checkWith("regenerate the test keys", session, NO_SESSION, (s) => regenerateTestKeys(base, s));
    await checkWith("the new test secret works on GET /api/v1/account/", rotation, NO_ROTATION, (r) => newKeyWorks(base, r));
    await checkWith("the old test secret is refused", rotation, NO_ROTATION, (r) => oldKeyRefused(base, r));

    const endpoint = await checkWith("configure the webhook endpoint", session, NO_SESSION, (s) => configureWebhook(base, s, receiver));
    outcome.endpoint = endpoint;
    const config = await checkWith("read the webhook configuration back", endpoint, NO_ENDPOINT, (e) => readWebhookConfig(base, e, receiver));
    const secret = await checkWith("get the signing secret", config, "the configuration could not be read", (c) => revealSigningSecret(base, c));
    const test = await checkWith("send a test delivery", endpoint, NO_ENDPOINT, (e) => sendTestDelivery(base, e));
    const signed = test && secret ? { test, secret } : undefined;
    const delivery = await checkWith("the receiver got it, its signature verifies", signed, "no test delivery or no signing secret", (d) =>
      signatureVerifies(receiver, d.test, d.secret),
    );
    await checkWith("the secret itself is never sent", signed && delivery ? { ...signed, delivery } : undefined, "no verified delivery", (d) =>
      secretNeverSent(d.delivery, d.test, d.secret),
    );

    outcome.onboarding = await checkWith("ask for the Stripe Connect URL", session, NO_SESSION, (s) => stripeConnectUrl(base, s));
    await checkWith("read the Stripe status", session, NO_SESSION, (s) => stripeStatus(base, s));
  } catch (error) {
    if (!(error instanceof ServerUnreachable)) throw error;
    console.error(`✗ Cannot reach the portal at ${base} (${error.message}). Is it running? Start it with npm run dev, or pass its URL: npm run smoke -- <base-url>`);
    return 1;
  } finally {
    await receiver.close();
  }
  printSummary(base, outcome);
  return results.every((r) => r.status === "pass") ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`✗ smoke test crashed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
