import Stripe from "stripe";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { POST as connect } from "@/app/api/v1/auth/tenants/stripe/connect/route";
import { GET as callback } from "@/app/api/v1/auth/tenants/stripe/callback/route";
import { GET as refresh } from "@/app/api/v1/auth/tenants/stripe/refresh/route";
import { GET as status } from "@/app/api/v1/auth/tenants/stripe/status/route";
import { POST as disconnect } from "@/app/api/v1/auth/tenants/stripe/disconnect/route";
import { POST as stripeWebhook } from "@/app/api/stripe/webhooks/route";
import { stripeSetup } from "@/lib/stripe/config";
import { handleSimulatorRequest } from "@/lib/stripe/simulator/api";
import { finishAccountLink, finishOAuthAuthorize, updateSimulatedAccount } from "@/lib/stripe/simulator/onboarding";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { encodeSessionToken } from "@/lib/auth/tokens";
import { simulatorApiKey } from "@/lib/stripe/config";
import { call, registerOwner, ANY_REQUEST_ID } from "./helpers/api";
import { addMember } from "./helpers/fixtures";
import { makeStripeUnreachable, setOnboardingMode, withStripeSimulator } from "./helpers/stripe-simulator";
import { chunkedBody, streamingRequest } from "./helpers/streams";

const simulator = withStripeSimulator();

const JSON_ACCEPT = { accept: "application/json" };

async function startConnect(token: string) {
  const result = await call(connect, "/api/v1/auth/tenants/stripe/connect/", { token, body: {} });
  expect(result.status).toBe(200);
  return result.body as { url: string; mode: string; expires_at: string };
}

/** Follows a redirect target back into the callback route, as the browser would, with the session cookie. */
async function followCallback(target: string, cookie: string, accept?: "json") {
  const url = new URL(target);
  const handler = url.pathname.includes("/refresh/") ? refresh : callback;
  return call(handler, url.pathname + url.search, { cookie, headers: accept ? JSON_ACCEPT : {} });
}

describe("callback without a session", () => {
  it("answers a JSON client 401 in the error shape, and sends a browser to sign in", async () => {
    const json = await call(callback, "/api/v1/auth/tenants/stripe/callback/?state=x", { headers: JSON_ACCEPT });
    expect(json.status).toBe(401);
    expect(json.body).toEqual({ error: { code: "unauthorized", message: "Sign in first.", request_id: ANY_REQUEST_ID } });
    const browser = await call(callback, "/api/v1/auth/tenants/stripe/callback/?state=x");
    expect(browser.status).toBeGreaterThanOrEqual(300);
    expect(browser.status).toBeLessThan(400);
    expect(browser.headers.get("location")).toMatch(/\/login\?callbackUrl=/);
  });
});

describe("account_links mode", () => {
  it("connect → simulated onboarding → callback → status → disconnect", async () => {
    const owner = await registerOwner();
    const started = await startConnect(owner.token);
    expect(started.mode).toBe("account_links");
    expect(started.url).toMatch(new RegExp(`^${simulator.url}/stripe-simulator/onboard\\?link=link_sim`));
    expect(Date.parse(started.expires_at) - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    const pending = await prisma.stripeConnection.findUniqueOrThrow({ where: { tenantId: owner.tenantId } });
    expect(pending).toMatchObject({ status: "onboarding", mode: "account_links" });
    const stateRow = await prisma.oAuthState.findFirstOrThrow({ where: { tenantId: owner.tenantId } });
    expect(stateRow.stateHash).toMatch(/^[0-9a-f]{64}$/);

    const returnUrl = await finishAccountLink(new URL(started.url).searchParams.get("link")!, "complete");
    expect(returnUrl).toContain("/api/v1/auth/tenants/stripe/callback/?state=");
    expect(returnUrl).not.toContain(stateRow.stateHash);
    const back = await followCallback(returnUrl, owner.session);
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe("http://localhost:3000/stripe?connected=1");

    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { id: owner.tenantId } });
    expect(tenant.status).toBe("active");
    const live = await call(status, "/x", { token: owner.token });
    expect(live.body).toMatchObject({
      connected: true,
      account_id: pending.accountId,
      mode: "account_links",
      livemode: false,
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      requirements: { currently_due: [], past_due: [] },
      tenant_status: "active",
    });
    // One "connected" entry, whether Stripe's account.updated or the owner's return came first.
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: "stripe.account_connected" } })).toBe(1);

    // Connected and complete: a second connect is a conflict.
    const again = await call(connect, "/x", { token: owner.token, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_connected");

    const noConfirm = await call(disconnect, "/x", { token: owner.token, body: {} });
    expect(noConfirm.body.error.code).toBe("confirmation_required");
    const gone = await call(disconnect, "/x", { token: owner.token, body: { confirm: true } });
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ connected: false, tenant_status: "pending" });
    expect(await prisma.stripeConnection.count({ where: { tenantId: owner.tenantId } })).toBe(0);
    expect((await call(disconnect, "/x", { token: owner.token, body: { confirm: true } })).status).toBe(409);
  });

  it("lists requirements left due, lets the owner continue onboarding, and completes", async () => {
    const owner = await registerOwner();
    const first = await startConnect(owner.token);
    const back = await followCallback(await finishAccountLink(new URL(first.url).searchParams.get("link")!, "requirements_due"), owner.session, "json");
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ connected: true, charges_enabled: false, tenant_status: "pending" });
    expect(back.body.requirements.currently_due).toEqual(["external_account", "individual.verification.document"]);
    expect(back.body.requirements.current_deadline).toEqual(expect.any(Number));

    const second = await startConnect(owner.token); // continue onboarding: allowed while something is due
    const done = await followCallback(await finishAccountLink(new URL(second.url).searchParams.get("link")!, "complete"), owner.session, "json");
    expect(done.body).toMatchObject({ connected: true, charges_enabled: true, tenant_status: "active" });
  });

  it("sends an expired or used link back through refresh_url to a fresh one", async () => {
    const owner = await registerOwner();
    const started = await startConnect(owner.token);
    const link = new URL(started.url).searchParams.get("link")!;
    await finishAccountLink(link, "requirements_due"); // uses the link
    const refreshTarget = await finishAccountLink(link, "complete");
    expect(refreshTarget).toContain("/api/v1/auth/tenants/stripe/refresh/?state=");
    const fresh = await followCallback(refreshTarget, owner.session);
    expect(fresh.status).toBe(303);
    expect(fresh.headers.get("location")).toMatch(/\/stripe-simulator\/onboard\?link=link_sim/);
    expect(fresh.headers.get("location")).not.toContain(link);
  });

  it("refuses every bad state with 403 invalid_state and stores nothing", async () => {
    const owner = await registerOwner();
    const started = await startConnect(owner.token);
    const returnUrl = await finishAccountLink(new URL(started.url).searchParams.get("link")!, "complete");
    const state = new URL(returnUrl).searchParams.get("state")!;
    const base = "/api/v1/auth/tenants/stripe/callback/";
    const admin = await addMember(owner.tenantId, "admin");
    const stranger = await registerOwner();

    const attempts: [string, string, string][] = [
      ["missing", base, owner.session],
      ["wrong", `${base}?state=not-a-real-state`, owner.session],
      ["another user's (same tenant)", `${base}?state=${state}`, admin.session],
      ["another tenant's", `${base}?state=${state}`, stranger.session],
    ];
    for (const [label, path, cookie] of attempts) {
      const result = await call(callback, path, { cookie, headers: JSON_ACCEPT });
      expect(result.status, label).toBe(403);
      expect(result.body.error.code, label).toBe("invalid_state");
    }
    const browser = await call(callback, `${base}?state=nope`, { cookie: owner.session });
    expect(browser.status).toBe(303);
    expect(browser.headers.get("location")).toContain("/stripe?error=invalid_state");

    await prisma.oAuthState.updateMany({ where: { tenantId: owner.tenantId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await call(callback, `${base}?state=${state}`, { cookie: owner.session, headers: JSON_ACCEPT });
    expect(expired.status).toBe(403);
    // None of the refused callbacks spent the state or connected anything in anyone's name.
    expect((await prisma.oAuthState.findFirstOrThrow({ where: { tenantId: owner.tenantId } })).usedAt).toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "stripe.account_connected", actorType: "user", tenantId: { in: [owner.tenantId, stranger.tenantId] } } })).toBe(0);
    expect(await prisma.stripeConnection.count({ where: { tenantId: stranger.tenantId } })).toBe(0);

    // Reused: a fresh state works once, then never again.
    const second = await registerOwner();
    const next = await startConnect(second.token);
    const nextReturn = await finishAccountLink(new URL(next.url).searchParams.get("link")!, "requirements_due");
    expect((await followCallback(nextReturn, second.session, "json")).status).toBe(200);
    const reused = await followCallback(nextReturn, second.session, "json");
    expect(reused.status).toBe(403);
  });

  it("sends a signed-out browser to sign in and back", async () => {
    const result = await call(callback, "/api/v1/auth/tenants/stripe/callback/?state=abc");
    expect(result.status).toBe(303);
    expect(result.headers.get("location")).toBe(
      `http://localhost:3000/login?callbackUrl=${encodeURIComponent("/api/v1/auth/tenants/stripe/callback/?state=abc")}`,
    );
  });

  it("answers 502 when Stripe cannot be reached, and 503 when Stripe is not configured", async () => {
    const owner = await registerOwner();
    makeStripeUnreachable();
    const unreachable = await call(connect, "/x", { token: owner.token, body: {} });
    expect(unreachable.status).toBe(502);
    expect(unreachable.body.error.code).toBe("stripe_unreachable");
    expect(await prisma.stripeConnection.count({ where: { tenantId: owner.tenantId } })).toBe(0);

    process.env.STRIPE_SIMULATOR = "0";
    resetEnvCache();
    expect(stripeSetup()).toBeNull();
    const off = await call(connect, "/x", { token: owner.token, body: {} });
    expect(off.status).toBe(503);
    expect(off.body.error.code).toBe("stripe_not_configured");
  });
});

describe("concurrent connects", () => {
  const accountsOfTenant = async (tenantId: string) =>
    (await prisma.stripeSimulatorObject.findMany({ where: { kind: "account" } }))
      .map((row) => row.data as { id: string; metadata?: { tenant_id?: string } })
      .filter((account) => account.metadata?.tenant_id === tenantId);

  it("five parallel Connect with Stripe clicks create one Stripe account, and every answer points at it", async () => {
    const owner = await registerOwner();
    const answers = await Promise.all(Array.from({ length: 5 }, () => call(connect, "/api/v1/auth/tenants/stripe/connect/", { token: owner.token, body: {} })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);

    const accounts = await accountsOfTenant(owner.tenantId);
    expect(accounts).toHaveLength(1);
    const connection = await prisma.stripeConnection.findUniqueOrThrow({ where: { tenantId: owner.tenantId } });
    expect(connection).toMatchObject({ accountId: accounts[0].id, status: "onboarding" });
    for (const answer of answers) {
      const link = await prisma.stripeSimulatorObject.findUniqueOrThrow({ where: { id: new URL(answer.body.url).searchParams.get("link")! } });
      expect((link.data as { account: string }).account).toBe(accounts[0].id);
    }
  });

  it("a reconnect after a disconnect gets a new account", async () => {
    const owner = await registerOwner();
    const first = await startConnect(owner.token);
    await followCallback(await finishAccountLink(new URL(first.url).searchParams.get("link")!, "complete"), owner.token);
    const { accountId: firstAccount } = await prisma.stripeConnection.findUniqueOrThrow({ where: { tenantId: owner.tenantId } });
    expect((await call(disconnect, "/x", { token: owner.token, body: { confirm: true } })).status).toBe(200);

    await startConnect(owner.token);
    const { accountId: secondAccount } = await prisma.stripeConnection.findUniqueOrThrow({ where: { tenantId: owner.tenantId } });
    expect(secondAccount).not.toBe(firstAccount);
    expect((await accountsOfTenant(owner.tenantId)).map((account) => account.id).sort()).toEqual([firstAccount, secondAccount].sort());
  });
});

describe("oauth mode", () => {
  beforeEach(() => setOnboardingMode("oauth"));

  it("authorize → callback with a code → connected; disconnect deauthorizes at Stripe", async () => {
    const owner = await registerOwner();
    const started = await startConnect(owner.token);
    const authorize = new URL(started.url);
    expect(authorize.pathname).toBe("/stripe-simulator/authorize");
    expect(authorize.searchParams.get("client_id")).toBe("ca_simulator");
    expect(authorize.searchParams.get("redirect_uri")).toBe("http://localhost:3000/api/v1/auth/tenants/stripe/callback/");
    const state = authorize.searchParams.get("state")!;
    const back = await finishOAuthAuthorize({ redirectUri: authorize.searchParams.get("redirect_uri")!, state, outcome: "complete" });
    const result = await followCallback(back, owner.session, "json");
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ connected: true, mode: "oauth", charges_enabled: true });
    const accountId = result.body.account_id as string;

    const gone = await call(disconnect, "/x", { token: owner.token, body: { confirm: true } });
    expect(gone.status).toBe(200);
    const lookup = await handleSimulatorRequest({ method: "GET", path: `/v1/accounts/${accountId}`, params: new URLSearchParams(), authorization: `Bearer ${simulatorApiKey()}` });
    expect(lookup.status).toBe(403); // deauthorized at the simulator
  });

  it("reports access_denied, a missing code and a spent code", async () => {
    const owner = await registerOwner();
    const redirectUri = "http://localhost:3000/api/v1/auth/tenants/stripe/callback/";
    const denied = new URL((await startConnect(owner.token)).url).searchParams.get("state")!;
    const deniedResult = await followCallback(await finishOAuthAuthorize({ redirectUri, state: denied, outcome: "deny" }), owner.session, "json");
    expect(deniedResult.status).toBe(400);
    expect(deniedResult.body.error).toMatchObject({ code: "oauth_error", message: "The user denied your request" });

    const noCode = new URL((await startConnect(owner.token)).url).searchParams.get("state")!;
    const missing = await call(callback, `/api/v1/auth/tenants/stripe/callback/?state=${noCode}`, { cookie: owner.session, headers: JSON_ACCEPT });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("missing_code");

    const first = new URL((await startConnect(owner.token)).url).searchParams.get("state")!;
    const firstBack = new URL(await finishOAuthAuthorize({ redirectUri, state: first, outcome: "complete" }));
    const code = firstBack.searchParams.get("code")!;
    expect((await followCallback(firstBack.toString(), owner.session, "json")).status).toBe(200);
    await call(disconnect, "/x", { token: owner.token, body: { confirm: true } });
    const second = new URL((await startConnect(owner.token)).url).searchParams.get("state")!;
    const spent = await call(callback, `/api/v1/auth/tenants/stripe/callback/?state=${second}&code=${code}`, { cookie: owner.session, headers: JSON_ACCEPT });
    expect(spent.status).toBe(400);
    expect(spent.body.error.code).toBe("invalid_grant");
    expect(await prisma.stripeConnection.count({ where: { tenantId: owner.tenantId } })).toBe(0);
  });

  it("cleans Stripe's error description of control and text-direction characters before storing or repeating it", async () => {
    const owner = await registerOwner();
    const description = "Denied\r\nby \u202egnp.exe\u0000 the user";
    const callbackWithError = (state: string) =>
      `/api/v1/auth/tenants/stripe/callback/?${new URLSearchParams({ state, error: "access_denied\u0000\n", error_description: description })}`;
    const unwanted = /[\u0000\r\n\u202e]/;

    const json = await call(callback, callbackWithError(new URL((await startConnect(owner.token)).url).searchParams.get("state")!), { cookie: owner.session, headers: JSON_ACCEPT });
    expect(json.status).toBe(400);
    expect(json.body.error).toEqual({ code: "oauth_error", message: "Denied by gnp.exe the user", details: { stripe_error: "access_denied" }, request_id: ANY_REQUEST_ID });
    const browser = await call(callback, callbackWithError(new URL((await startConnect(owner.token)).url).searchParams.get("state")!), { cookie: owner.session });
    expect(browser.headers.get("location")).toBe("http://localhost:3000/stripe?error=oauth_error&reason=access_denied");

    const entries = await prisma.auditLog.findMany({ where: { tenantId: owner.tenantId, action: "stripe.connect_failed" } });
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      expect(entry.reason).toBe("Denied by gnp.exe the user");
      expect(entry.metadata).toEqual({ error: "access_denied" });
      expect(Object.values(entry).filter((value) => typeof value === "string").join(" ")).not.toMatch(unwanted);
    }
  });

  it("spends the state only when the code exchange succeeds: a bad code leaves it usable, a used one is refused", async () => {
    const owner = await registerOwner();
    const authorize = new URL((await startConnect(owner.token)).url);
    const state = authorize.searchParams.get("state")!;
    const redirectUri = authorize.searchParams.get("redirect_uri")!;
    const base = "/api/v1/auth/tenants/stripe/callback/";

    const bad = await call(callback, `${base}?state=${state}&code=ac_not_a_real_code`, { cookie: owner.session, headers: JSON_ACCEPT });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_grant");
    expect((await prisma.oAuthState.findFirstOrThrow({ where: { tenantId: owner.tenantId } })).usedAt).toBeNull();
    expect(await prisma.stripeConnection.count({ where: { tenantId: owner.tenantId } })).toBe(0);

    const good = await followCallback(await finishOAuthAuthorize({ redirectUri, state, outcome: "complete" }), owner.session, "json");
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ connected: true, mode: "oauth" });
    expect((await prisma.oAuthState.findFirstOrThrow({ where: { tenantId: owner.tenantId } })).usedAt).not.toBeNull();

    const reused = await followCallback(await finishOAuthAuthorize({ redirectUri, state, outcome: "complete" }), owner.session, "json");
    expect(reused.status).toBe(403);
    expect(reused.body.error.code).toBe("invalid_state");
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: "stripe.account_connected" } })).toBe(1);
  });

  it("marks the connection disconnected when Stripe says the platform lost access", async () => {
    const owner = await registerOwner();
    const start = new URL((await startConnect(owner.token)).url);
    const connected = await followCallback(
      await finishOAuthAuthorize({ redirectUri: start.searchParams.get("redirect_uri")!, state: start.searchParams.get("state")!, outcome: "complete" }),
      owner.session,
      "json",
    );
    await handleSimulatorRequest({ method: "POST", path: "/oauth/deauthorize", params: new URLSearchParams({ stripe_user_id: connected.body.account_id, client_id: "ca_simulator" }), authorization: `Bearer ${simulatorApiKey()}` });
    const result = await call(status, "/x", { token: owner.token });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ connected: false, tenant_status: "pending" });
    expect(result.body.disconnected_reason).toMatch(/no longer has access/);
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: "stripe.access_lost" } })).toBe(1);
  });
});

describe("POST /api/stripe/webhooks", () => {
  async function connectedOwner() {
    const owner = await registerOwner();
    const started = await startConnect(owner.token);
    await followCallback(await finishAccountLink(new URL(started.url).searchParams.get("link")!, "requirements_due"), owner.session);
    const connection = await prisma.stripeConnection.findUniqueOrThrow({ where: { tenantId: owner.tenantId } });
    return { owner, accountId: connection.accountId };
  }

  function signedEvent(type: string, object: Record<string, unknown>, account: string, id = `evt_test_${Math.random().toString(36).slice(2)}`) {
    const payload = JSON.stringify({ id, object: "event", type, account, data: { object }, created: Math.floor(Date.now() / 1000) });
    const secret = stripeSetup()!.webhookSecret!;
    return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }) };
  }

  async function deliver(payload: string, signature: string) {
    return call(stripeWebhook as never, "/api/stripe/webhooks", { body: payload, headers: { "stripe-signature": signature } });
  }

  it("refuses a bad or missing signature with 400 and changes nothing", async () => {
    const { owner, accountId } = await connectedOwner();
    const { payload } = signedEvent("account.updated", { id: accountId, charges_enabled: true, payouts_enabled: true, details_submitted: true }, accountId);
    const bad = await deliver(payload, "t=1,v1=deadbeef");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_signature");
    const missing = await call(stripeWebhook as never, "/api/stripe/webhooks", { body: payload });
    expect(missing.status).toBe(400);
    expect(await prisma.stripeEvent.count({ where: { id: JSON.parse(payload).id } })).toBe(0);
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: owner.tenantId } })).status).toBe("pending");
  });

  it("cuts off a body over 512 KB with 413 in the error shape, whatever Content-Length says, without reading it all", async () => {
    const before = await prisma.stripeEvent.count();
    for (const contentLength of [undefined, 100]) {
      const { stream, seen } = chunkedBody(8 * 1024 * 1024, 64 * 1024);
      const response = await stripeWebhook(streamingRequest("/api/stripe/webhooks", stream, { "stripe-signature": "t=1,v1=deadbeef", "content-type": "application/json" }, contentLength));
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({ error: { code: "payload_too_large", message: "The request body is larger than 512 KB." } });
      expect(seen.cancelled).toBe(true);
      expect(seen.pulledBytes).toBeLessThanOrEqual(512 * 1024 + 64 * 1024);
    }
    const declared = await stripeWebhook(streamingRequest("/api/stripe/webhooks", chunkedBody(1024).stream, {}, 600 * 1024));
    expect(declared.status).toBe(413);
    expect(await prisma.stripeEvent.count()).toBe(before);
  });

  it("applies account.updated once per event id, and account.application.deauthorized disconnects", async () => {
    const { owner, accountId } = await connectedOwner();
    // Stripe's state changes first; the handler reads it live rather than trusting the snapshot.
    await updateSimulatedAccount(accountId, "complete");
    await prisma.tenant.update({ where: { id: owner.tenantId }, data: { status: "pending" } });
    const account = { id: accountId, object: "account", charges_enabled: true, payouts_enabled: true, details_submitted: true, requirements: { currently_due: [], eventually_due: [], past_due: [], pending_verification: [], disabled_reason: null, current_deadline: null } };
    const event = signedEvent("account.updated", account, accountId, "evt_test_dup");
    expect((await deliver(event.payload, event.signature)).body).toEqual({ received: true, duplicate: false });
    expect((await deliver(event.payload, event.signature)).body).toEqual({ received: true, duplicate: true });
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: owner.tenantId } })).status).toBe("active");
    expect(await prisma.stripeEvent.count({ where: { id: "evt_test_dup" } })).toBe(1);

    const deauthorized = signedEvent("account.application.deauthorized", { id: "ca_simulator", object: "application" }, accountId);
    expect((await deliver(deauthorized.payload, deauthorized.signature)).status).toBe(200);
    const stored = await prisma.stripeConnection.findUniqueOrThrow({ where: { tenantId: owner.tenantId } });
    expect(stored).toMatchObject({ status: "disconnected", chargesEnabled: false });
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: owner.tenantId } })).status).toBe("pending");
  });
});

describe("more of the callback's rules", () => {
  it("refuses a state used from another tenant even by the same person", async () => {
    const owner = await registerOwner();
    const other = await registerOwner();
    await prisma.membership.create({ data: { userId: owner.userId, tenantId: other.tenantId, role: "owner" } });
    const started = await startConnect(owner.token);
    const returnUrl = await finishAccountLink(new URL(started.url).searchParams.get("link")!, "complete");
    const otherTenantSession = await encodeSessionToken({ id: owner.userId, email: owner.input.email, name: owner.input.name, sessionVersion: 0 }, other.tenantId);
    const crossTenant = await call(callback, new URL(returnUrl).pathname + new URL(returnUrl).search, { cookie: otherTenantSession, headers: JSON_ACCEPT });
    expect(crossTenant.status).toBe(403);
    expect(crossTenant.body.error.code).toBe("invalid_state");
    expect(await prisma.stripeConnection.count({ where: { tenantId: other.tenantId } })).toBe(0);
  });

  it("sends stripe.account.connected and stripe.account.disconnected to the tenant's webhook", async () => {
    const owner = await registerOwner();
    await prisma.webhookEndpoint.create({ data: { tenantId: owner.tenantId, url: "https://example.com/hooks", secretEncrypted: encryptSecret("whsec_dGVzdA=="), secretLast4: "dA==" } });
    const started = await startConnect(owner.token);
    await followCallback(await finishAccountLink(new URL(started.url).searchParams.get("link")!, "complete"), owner.session);
    await call(disconnect, "/x", { token: owner.token, body: { confirm: true } });
    const types = (await prisma.webhookMessage.findMany({ where: { tenantId: owner.tenantId }, orderBy: { createdAt: "asc" } })).map((m) => m.eventType);
    expect(types).toEqual(expect.arrayContaining(["stripe.account.connected", "stripe.account.disconnected"]));
    const connected = await prisma.webhookMessage.findFirstOrThrow({ where: { tenantId: owner.tenantId, eventType: "stripe.account.connected" } });
    expect(JSON.parse(connected.body).data).toMatchObject({ charges_enabled: true, payouts_enabled: true });
  });

  it("clears an oauth connection locally when Stripe already considers it disconnected", async () => {
    setOnboardingMode("oauth");
    const owner = await registerOwner();
    const start = new URL((await startConnect(owner.token)).url);
    const connected = await followCallback(
      await finishOAuthAuthorize({ redirectUri: start.searchParams.get("redirect_uri")!, state: start.searchParams.get("state")!, outcome: "complete" }),
      owner.session,
      "json",
    );
    await handleSimulatorRequest({ method: "POST", path: "/oauth/deauthorize", params: new URLSearchParams({ stripe_user_id: connected.body.account_id, client_id: "ca_simulator" }), authorization: `Bearer ${simulatorApiKey()}` });
    const result = await call(disconnect, "/x", { token: owner.token, body: { confirm: true } });
    expect(result.status).toBe(200);
    expect(await prisma.stripeConnection.count({ where: { tenantId: owner.tenantId } })).toBe(0);
  });

  it("the simulator refuses to send a browser anywhere but the portal's callbacks", async () => {
    await expect(finishOAuthAuthorize({ redirectUri: "https://evil.example/steal", state: "x", outcome: "complete" })).rejects.toThrow(/only redirects/);
  });
});

describe("the simulator", () => {
  it("sends a correctly signed account.updated to the portal when onboarding completes", async () => {
    const owner = await registerOwner();
    const started = await startConnect(owner.token);
    const sent: { url: string; body: string; signature: string }[] = [];
    const intercepting = globalThis.fetch;
    globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      sent.push({ url: String(input), body: String(init?.body), signature: new Headers(init?.headers).get("stripe-signature") ?? "" });
      return new Response("{}", { status: 200 });
    }) as typeof fetch;
    try {
      await finishAccountLink(new URL(started.url).searchParams.get("link")!, "complete");
    } finally {
      globalThis.fetch = intercepting;
    }
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe("http://localhost:3000/api/stripe/webhooks");
    const event = Stripe.webhooks.constructEvent(sent[0].body, sent[0].signature, stripeSetup()!.webhookSecret!);
    expect(event.type).toBe("account.updated");
    expect(event.data.object).toMatchObject({ charges_enabled: true, payouts_enabled: true });
  });

  it("answers nothing when the simulator is off", async () => {
    process.env.STRIPE_SIMULATOR = "0";
    resetEnvCache();
    const answer = await handleSimulatorRequest({ method: "POST", path: "/v1/accounts", params: new URLSearchParams(), authorization: `Bearer ${simulatorApiKey()}` });
    expect(answer.status).toBe(404);
  });
});

describe("roles and isolation", () => {
  it("lets only owners connect and disconnect, admins read status, and keeps tenants apart", async () => {
    const owner = await registerOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const member = await addMember(owner.tenantId, "member");
    expect((await call(connect, "/x", { token: admin.token, body: {} })).status).toBe(403);
    expect((await call(disconnect, "/x", { token: admin.token, body: { confirm: true } })).status).toBe(403);
    expect((await call(status, "/x", { token: member.token })).status).toBe(403);
    expect((await call(status, "/x", { token: admin.token })).status).toBe(200);
    const started = await startConnect(owner.token);
    await followCallback(await finishAccountLink(new URL(started.url).searchParams.get("link")!, "complete"), owner.session);
    const stranger = await registerOwner();
    const theirs = await call(status, "/x", { token: stranger.token });
    expect(theirs.body).toMatchObject({ connected: false, account_id: null });
  });
});
