import type Stripe from "stripe";
import { afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { GET as overviewRoute } from "@/app/api/v1/auth/tenants/stripe/overview/route";
import { POST as loginLinkRoute } from "@/app/api/v1/auth/tenants/stripe/login-link/route";
import { POST as connect } from "@/app/api/v1/auth/tenants/stripe/connect/route";
import { GET as callback } from "@/app/api/v1/auth/tenants/stripe/callback/route";
import { stripeSetup } from "@/lib/stripe/config";
import { saveOwned } from "@/lib/stripe/simulator/connected";
import { PENDING_SECONDS } from "@/lib/stripe/simulator/balance";
import { openLoginLink } from "@/lib/stripe/simulator/login-links";
import { finishOAuthAuthorize } from "@/lib/stripe/simulator/onboarding";
import { ANY_REQUEST_ID, call, registerOwner } from "./helpers/api";
import { addMember } from "./helpers/fixtures";
import { createRefund, paymentTenant, succeededPayment, type PaymentTenant } from "./helpers/payments";
import { makeStripeUnreachable, setOnboardingMode, withStripeSimulator } from "./helpers/stripe-simulator";

const simulator = withStripeSimulator();
const stripe = () => stripeSetup()!.stripe;

const OVERVIEW = "/api/v1/auth/tenants/stripe/overview/";
const LOGIN_LINK = "/api/v1/auth/tenants/stripe/login-link/";
const ORIGIN = "http://localhost:3000";

const overview = (token: string) => call(overviewRoute, OVERVIEW, { token });
const loginLink = (token: string) => call(loginLinkRoute, LOGIN_LINK, { token, method: "POST" });

/** The calls that reached Stripe (the simulator) for an account's figures. */
const figureCalls = () => simulator.requests.filter((request) => request === "GET /v1/balance" || request === "GET /v1/payouts");

const errorBody = (code: string, extra: object = {}) => ({ error: { code, message: expect.any(String), ...extra, request_id: ANY_REQUEST_ID } });

/** Moves a payment's charge back in time, so the simulator counts its funds as available. */
async function ageCharge(tenant: PaymentTenant, paymentIntentId: string, seconds: number) {
  const intent = await stripe().paymentIntents.retrieve(paymentIntentId, {}, { stripeAccount: tenant.accountId! });
  const row = await prisma.stripeSimulatorObject.findUniqueOrThrow({ where: { id: `${tenant.accountId}/${intent.latest_charge}` } });
  const data = row.data as { created: number };
  await prisma.stripeSimulatorObject.update({ where: { id: row.id }, data: { data: { ...data, created: data.created - seconds } } });
}

/** A payout Stripe has under way (the simulator pays its own at once), stored as Stripe would list it. */
async function payoutInTransit(accountId: string, amount: number, arrivesInDays: number) {
  const created = Math.floor(Date.now() / 1000);
  const payout = { id: `po_simtransit${created}${amount}`, object: "payout", amount, currency: "usd", status: "in_transit", created, arrival_date: created + arrivesInDays * 86_400 };
  await saveOwned("payout", accountId, payout.id, payout as unknown as Stripe.Payout);
  return payout;
}

/** Today and the 29 UTC days before it, as the volume lists them. */
function last30Days(): string[] {
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  return Array.from({ length: 30 }, (_, index) => new Date(today - (29 - index) * 86_400_000).toISOString().slice(0, 10));
}

afterEach(() => {
  vi.useRealTimers();
});

describe("GET /api/v1/auth/tenants/stripe/overview/", () => {
  it("answers the account's balance and payouts from Stripe, and the latest payments and 30-day volume from the portal", async () => {
    const tenant = await paymentTenant();
    const older = await succeededPayment(tenant.testKey, { amount: 5000, currency: "usd" });
    const newer = await succeededPayment(tenant.testKey, { amount: 2000, currency: "usd" });
    expect((await createRefund(tenant.testKey, { payment: newer.id, amount: 500 })).status).toBe(201);
    await ageCharge(tenant, older.stripe_payment_intent, PENDING_SECONDS);
    const paid = await stripe().payouts.create({ amount: 1000, currency: "usd" }, { stripeAccount: tenant.accountId! });
    const transit = await payoutInTransit(tenant.accountId!, 700, 2);

    const result = await overview(tenant.token);
    expect(result.status).toBe(200);
    const olderNet = older.amount - older.application_fee_amount;
    const newerNet = newer.amount - newer.application_fee_amount - 500;
    expect(result.body).toEqual({
      account_id: tenant.accountId,
      livemode: false,
      fetched_at: expect.any(String),
      stale: false,
      stale_reason: null,
      balance: {
        // The simulator takes every payout from the available funds, the one under way too.
        available: [{ currency: "usd", amount: olderNet - 1000 - 700 }],
        pending: [{ currency: "usd", amount: newerNet }],
      },
      payouts: {
        next: { id: transit.id, amount: 700, currency: "usd", arrival_date: new Date(transit.arrival_date * 1000).toISOString(), status: "in_transit" },
        last: { id: paid.id, amount: 1000, currency: "usd", arrival_date: new Date(paid.arrival_date * 1000).toISOString(), status: "paid" },
      },
      latest_payments: [newer, older].map((payment) => ({
        id: payment.id,
        amount: payment.amount,
        currency: "usd",
        application_fee_amount: payment.application_fee_amount,
        net_amount: payment.amount - payment.application_fee_amount,
        refunded_amount: payment === newer ? 500 : 0,
        status: "succeeded",
        livemode: false,
        created_at: payment.created_at,
      })),
      volume_30d: { currency: "usd", points: last30Days().map((date, index) => ({ date, amount: index === 29 ? 7000 : 0 })) },
    });
    expect(Date.now() - Date.parse(result.body.fetched_at)).toBeGreaterThanOrEqual(0);
    const snapshot = await prisma.stripeAccountSnapshot.findUniqueOrThrow({ where: { tenantId: tenant.tenantId } });
    expect(snapshot).toMatchObject({ accountId: tenant.accountId, balance: result.body.balance, payouts: result.body.payouts, lastError: null, lastErrorAt: null });
    expect(snapshot.fetchedAt.toISOString()).toBe(result.body.fetched_at);
  });

  it("lists the five newest payments of both modes, and the volume of the account's mode in the default currency only", async () => {
    const tenant = await paymentTenant({ currencies: ["eur", "usd"] });
    const payments = [];
    for (const amount of [1000, 1100, 1200, 1300, 1400]) payments.push(await succeededPayment(tenant.testKey, { amount, currency: "eur" }));
    payments.push(await succeededPayment(tenant.testKey, { amount: 900, currency: "usd" }));
    payments.push(await succeededPayment(tenant.liveKey, { amount: 5000, currency: "eur" }));

    const result = await overview(tenant.token);
    expect(result.body.latest_payments.map((payment: { id: string }) => payment.id)).toEqual(payments.slice(-5).reverse().map((payment) => payment.id));
    expect(result.body.latest_payments.map((payment: { livemode: boolean }) => payment.livemode)).toEqual([true, false, false, false, false]);
    // The simulator's account is a test-mode account: its volume is the test payments in eur.
    expect(result.body.volume_30d.currency).toBe("eur");
    expect(result.body.volume_30d.points.at(-1)).toEqual({ date: last30Days()[29], amount: 1000 + 1100 + 1200 + 1300 + 1400 });
  });

  it("reuses Stripe's answer for 60 seconds, for every instance, then asks Stripe again", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const tenant = await paymentTenant();
    const first = await overview(tenant.token);
    expect(first.body.stale).toBe(false);
    expect(figureCalls()).toEqual(expect.arrayContaining(["GET /v1/balance", "GET /v1/payouts"]));
    expect(figureCalls()).toHaveLength(2);

    await succeededPayment(tenant.testKey, { amount: 2000, currency: "usd" });
    simulator.requests.length = 0;
    vi.setSystemTime(Date.now() + 59_000);
    const cached = await overview(tenant.token);
    expect(figureCalls()).toEqual([]);
    // Stripe's figures are the stored ones; the portal's own payments are read on every request.
    expect(cached.body).toMatchObject({ fetched_at: first.body.fetched_at, stale: false, balance: first.body.balance });
    expect(cached.body.latest_payments).toHaveLength(1);

    vi.setSystemTime(Date.now() + 2_000);
    const refetched = await overview(tenant.token);
    expect(figureCalls()).toHaveLength(2);
    expect(Date.parse(refetched.body.fetched_at)).toBeGreaterThan(Date.parse(first.body.fetched_at));
    expect(refetched.body.balance.pending[0].amount).toBeGreaterThan(first.body.balance.pending[0].amount);
  });

  it("makes one pair of Stripe calls for concurrent requests", async () => {
    const tenant = await paymentTenant();
    const admin = await addMember(tenant.tenantId, "admin");
    const answers = await Promise.all([tenant.token, admin.token, tenant.token, admin.token, tenant.token].map((token) => overview(token)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((answer) => answer.body.fetched_at)).size).toBe(1);
    expect(figureCalls()).toHaveLength(2);
  });

  it("answers the last figures as stale when Stripe is unreachable, notes the failure, asks again only after a minute", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const tenant = await paymentTenant();
    await succeededPayment(tenant.testKey, { amount: 2000, currency: "usd" });
    const known = await overview(tenant.token);

    vi.setSystemTime(Date.now() + 61_000);
    makeStripeUnreachable();
    const stale = await overview(tenant.token);
    expect(stale.status).toBe(200);
    expect(stale.body).toEqual({ ...known.body, stale: true, stale_reason: "stripe_unreachable" });
    const noted = await prisma.stripeAccountSnapshot.findUniqueOrThrow({ where: { tenantId: tenant.tenantId } });
    expect(noted).toMatchObject({ lastError: "stripe_unreachable", balance: known.body.balance });
    expect(noted.fetchedAt.toISOString()).toBe(known.body.fetched_at);
    expect(noted.lastErrorAt!.getTime()).toBeGreaterThan(noted.fetchedAt.getTime());

    // Stripe is back, but it failed less than a minute ago: the stale figures are answered without asking.
    process.env.STRIPE_SIMULATOR_URL = simulator.url;
    simulator.requests.length = 0;
    vi.setSystemTime(Date.now() + 30_000);
    expect((await overview(tenant.token)).body).toMatchObject({ stale: true, stale_reason: "stripe_unreachable", fetched_at: known.body.fetched_at });
    expect(figureCalls()).toEqual([]);

    vi.setSystemTime(Date.now() + 31_000);
    const recovered = await overview(tenant.token);
    expect(recovered.body).toMatchObject({ stale: false, stale_reason: null, balance: known.body.balance });
    expect(figureCalls()).toHaveLength(2);
    expect(await prisma.stripeAccountSnapshot.findUniqueOrThrow({ where: { tenantId: tenant.tenantId } })).toMatchObject({ lastError: null, lastErrorAt: null });
  });

  it("answers 200 with null figures, stale, when Stripe is unreachable before any figures were read", async () => {
    const tenant = await paymentTenant();
    const payment = await succeededPayment(tenant.testKey, { amount: 2000, currency: "usd" });
    makeStripeUnreachable();
    const result = await overview(tenant.token);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      account_id: tenant.accountId,
      fetched_at: null,
      stale: true,
      stale_reason: "stripe_unreachable",
      balance: null,
      payouts: null,
      latest_payments: [{ id: payment.id }],
    });
    expect(result.body.volume_30d.points.at(-1).amount).toBe(2000);
    expect(await prisma.stripeAccountSnapshot.count({ where: { tenantId: tenant.tenantId } })).toBe(0);
  });

  it("marks the connection disconnected when Stripe says the platform lost access, and answers 409 not_connected", async () => {
    const tenant = await paymentTenant();
    expect((await overview(tenant.token)).status).toBe(200);
    const account = await prisma.stripeSimulatorObject.findUniqueOrThrow({ where: { id: tenant.accountId! } });
    await prisma.stripeSimulatorObject.update({ where: { id: account.id }, data: { data: { ...(account.data as object), deauthorized: true } } });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });

    const result = await overview(tenant.token);
    expect(result.status).toBe(409);
    expect(result.body).toEqual(errorBody("not_connected"));
    expect(await prisma.stripeConnection.findUniqueOrThrow({ where: { tenantId: tenant.tenantId } })).toMatchObject({ status: "disconnected" });
    expect(await prisma.auditLog.count({ where: { tenantId: tenant.tenantId, action: "stripe.access_lost" } })).toBe(1);
    expect(await prisma.stripeAccountSnapshot.count({ where: { tenantId: tenant.tenantId } })).toBe(0);
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: tenant.tenantId } })).status).toBe("pending");
  });

  it("answers 409 not_connected without a connected account, calling nobody", async () => {
    const owner = await registerOwner();
    const result = await overview(owner.token);
    expect(result.status).toBe(409);
    expect(result.body).toEqual(errorBody("not_connected"));

    // An onboarding under way is not a connection yet.
    expect((await call(connect, "/api/v1/auth/tenants/stripe/connect/", { token: owner.token, body: {} })).status).toBe(200);
    simulator.requests.length = 0;
    expect((await overview(owner.token)).body).toEqual(errorBody("not_connected"));
    expect(simulator.requests).toEqual([]);
  });

  it("answers 503 stripe_not_configured when Stripe is no longer configured", async () => {
    const tenant = await paymentTenant();
    process.env.STRIPE_SIMULATOR = "0";
    resetEnvCache();
    const result = await overview(tenant.token);
    expect(result.status).toBe(503);
    expect(result.body).toEqual(errorBody("stripe_not_configured"));
  });

  it("lets admins and owners read it and refuses members with 403", async () => {
    const tenant = await paymentTenant();
    const admin = await addMember(tenant.tenantId, "admin");
    const member = await addMember(tenant.tenantId, "member");
    expect((await overview(admin.token)).status).toBe(200);
    const refused = await overview(member.token);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(errorBody("forbidden"));
    expect((await call(overviewRoute, OVERVIEW)).status).toBe(401);
  });

  it("shows each tenant only its own account, figures and payments", async () => {
    const a = await paymentTenant();
    const b = await paymentTenant();
    const paidA = await succeededPayment(a.testKey, { amount: 3000, currency: "usd" });
    const paidB = await succeededPayment(b.testKey, { amount: 1500, currency: "usd" });
    const [seenByA, seenByB] = [await overview(a.token), await overview(b.token)];
    expect(seenByA.body).toMatchObject({ account_id: a.accountId, latest_payments: [{ id: paidA.id }] });
    expect(seenByB.body).toMatchObject({ account_id: b.accountId, latest_payments: [{ id: paidB.id }] });
    expect(seenByA.body.latest_payments).toHaveLength(1);
    expect(seenByB.body.latest_payments).toHaveLength(1);
    expect(seenByA.body.balance.pending[0].amount).toBe(3000 - paidA.application_fee_amount);
    expect(seenByB.body.balance.pending[0].amount).toBe(1500 - paidB.application_fee_amount);
    const snapshots = await prisma.stripeAccountSnapshot.findMany({ where: { tenantId: { in: [a.tenantId, b.tenantId] } } });
    expect(new Map(snapshots.map((row) => [row.tenantId, row.accountId]))).toEqual(new Map([[a.tenantId, a.accountId], [b.tenantId, b.accountId]]));
  });
});

/** A tenant connected through Connect OAuth (a Standard account in the simulator). */
async function oauthTenant() {
  setOnboardingMode("oauth");
  const owner = await registerOwner();
  const started = await call(connect, "/api/v1/auth/tenants/stripe/connect/", { token: owner.token, body: {} });
  const authorize = new URL(started.body.url as string);
  const back = new URL(
    await finishOAuthAuthorize({ redirectUri: authorize.searchParams.get("redirect_uri")!, state: authorize.searchParams.get("state")!, outcome: "complete" }),
  );
  const done = await call(callback, back.pathname + back.search, { cookie: owner.session, headers: { accept: "application/json" } });
  expect(done.body).toMatchObject({ connected: true, mode: "oauth" });
  return { ...owner, accountId: done.body.account_id as string };
}

describe("POST /api/v1/auth/tenants/stripe/login-link/", () => {
  it("answers a single-use link to the simulator's Express dashboard for owners and admins, audited per link", async () => {
    const tenant = await paymentTenant();
    const admin = await addMember(tenant.tenantId, "admin");
    const forOwner = await loginLink(tenant.token);
    expect(forOwner.status).toBe(200);
    expect(forOwner.body).toEqual({ url: expect.stringMatching(new RegExp(`^${simulator.url}/stripe-simulator/express/ll_sim[0-9a-f]+$`)) });
    const forAdmin = await loginLink(admin.token);
    expect(forAdmin.status).toBe(200);
    expect(forAdmin.body.url).not.toBe(forOwner.body.url);

    const entries = await prisma.auditLog.findMany({ where: { tenantId: tenant.tenantId, action: "stripe.dashboard_opened" }, orderBy: { createdAt: "asc" } });
    expect(entries.map((entry) => [entry.actorUserId, entry.targetType, entry.targetId])).toEqual([
      [tenant.userId, "stripe_account", tenant.accountId],
      [admin.userId, "stripe_account", tenant.accountId],
    ]);

    const linkId = new URL(forOwner.body.url).pathname.split("/").at(-1)!;
    // The link is a credential: no audit entry holds it.
    const auditText = JSON.stringify(entries);
    expect(auditText).not.toContain(linkId);
    expect(auditText).not.toContain(new URL(forAdmin.body.url).pathname.split("/").at(-1)!);
    const opened = await openLoginLink(linkId);
    expect(opened).toMatchObject({ account: tenant.accountId, balance: { object: "balance" }, payouts: [] });
    expect(await openLoginLink(linkId)).toBeNull();
  });

  it("answers 409 login_link_unavailable with the dashboard's address for an account connected through OAuth, auditing nothing", async () => {
    const owner = await oauthTenant();
    simulator.requests.length = 0;
    const result = await loginLink(owner.token);
    expect(result.status).toBe(409);
    expect(result.body).toEqual(errorBody("login_link_unavailable", { details: { dashboard_url: "https://dashboard.stripe.com/" } }));
    expect(simulator.requests).toEqual([]);
    expect(await prisma.auditLog.count({ where: { tenantId: owner.tenantId, action: "stripe.dashboard_opened" } })).toBe(0);
  });

  it("refuses members (403), tenants without a connection (409) and cookie callers without the portal's Origin (403), creating nothing", async () => {
    const tenant = await paymentTenant();
    const member = await addMember(tenant.tenantId, "member");
    const refused = await loginLink(member.token);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(errorBody("forbidden"));
    const unconnected = await registerOwner();
    expect((await loginLink(unconnected.token)).body).toEqual(errorBody("not_connected"));
    const crossSite = await call(loginLinkRoute, LOGIN_LINK, { cookie: tenant.session, method: "POST" });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body).toEqual(errorBody("csrf_origin_mismatch"));
    expect(simulator.requests.filter((request) => request.endsWith("/login_links"))).toEqual([]);
    expect(await prisma.auditLog.count({ where: { tenantId: { in: [tenant.tenantId, unconnected.tenantId] }, action: "stripe.dashboard_opened" } })).toBe(0);

    const sameSite = await call(loginLinkRoute, LOGIN_LINK, { cookie: tenant.session, method: "POST", origin: ORIGIN });
    expect(sameSite.status).toBe(200);
  });

  it("answers 502 stripe_unreachable when Stripe cannot be reached, auditing nothing", async () => {
    const tenant = await paymentTenant();
    makeStripeUnreachable();
    const result = await loginLink(tenant.token);
    expect(result.status).toBe(502);
    expect(result.body).toEqual(errorBody("stripe_unreachable"));
    expect(await prisma.auditLog.count({ where: { tenantId: tenant.tenantId, action: "stripe.dashboard_opened" } })).toBe(0);
  });
});

describe("the simulator's Express dashboard login links", () => {
  it("refuses a Standard account as Stripe does, and an expired link opens nothing", async () => {
    const tenant = await paymentTenant();
    const owner = await oauthTenant();
    await expect(stripe().accounts.createLoginLink(owner.accountId)).rejects.toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError" });

    const link = await stripe().accounts.createLoginLink(tenant.accountId!);
    expect(link).toMatchObject({ object: "login_link", url: expect.stringContaining("/stripe-simulator/express/") });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 301_000 });
    expect(await openLoginLink(new URL(link.url).pathname.split("/").at(-1)!)).toBeNull();
  });
});
