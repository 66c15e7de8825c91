import Database from "better-sqlite3";
import path from "node:path";
import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import {
  confirmEmailFromMailbox,
  connectStripeViaSimulator,
  createPaymentViaApi,
  DEMO,
  DEMO_PASSWORD,
  expectNoSeriousViolations,
  freshTestSecretKey,
  keepScreenshot,
  registerViaApi,
  setCurrenciesViaApi,
  signIn,
  signInViaApi,
  startReceiver,
  startStripeOnboarding,
  streamedIn,
  uniqueEmail,
} from "./helpers";

/**
 * Every page, at desktop and phone width: settled, checked with axe (no
 * serious or critical WCAG 2.1 A/AA violations), no wider than the screen,
 * kept as a screenshot (e2e/artifacts/screenshots/page-<name>-<width>.png)
 * for a person to look at, and tabbed through (every stop on screen and
 * visibly focused); checked with axe and kept again in the dark theme
 * (page-<name>-<width>-dark.png). Dialogs are checked from the keyboard.
 */

type DemoPerson = keyof typeof DEMO;
type Visitor = "signed-out" | DemoPerson | "new-owner" | SharedTenant;
type Context = { page: Page; request: APIRequestContext; token: string | null; shared: SharedServer };
type WidthLabel = "desktop" | "phone";

type PageCase = {
  /** Names the screenshot: page-<name>-<width>.png. */
  name: string;
  /**
   * "new-owner" is a tenant registered for this test alone, for a case that
   * changes it (connecting Stripe); a shared tenant (SHARED_TENANTS) is
   * prepared once per worker for the cases that only look at it.
   */
  as: Visitor;
  path: string;
  /** The page's h1: the page counts as rendered once it is visible. */
  heading: string;
  /** Puts the tenant into the state the screenshot is meant to show, through the API. */
  prepare?: (context: Context) => Promise<unknown>;
  /** Reaching the page takes more than a visit (the simulator is only reachable through a connect). */
  open?: (page: Page, context: Context) => Promise<void>;
  /** What is on screen only in the intended state, so the screenshot shows what its name says. */
  shows?: (page: Page) => Locator;
  /** Only at these widths, for what exists at one width alone. */
  widths?: WidthLabel[];
  /** The state is a fixed overlay: a viewport screenshot shows it as a person sees it. */
  overlay?: boolean;
};

async function openNavigation(page: Page) {
  await page.goto("/dashboard");
  await page.getByRole("button", { name: "Open navigation" }).click();
  // All the way in: the drawer slides, and the screenshot should not catch it halfway.
  await expect(page.getByRole("navigation", { name: "Portal" })).toBeInViewport({ ratio: 1 });
}

/** Connects through the simulator, finishing onboarding or leaving Stripe's requirements due. */
const connectStripe = (outcome: "Complete onboarding" | "Leave requirements due") => (page: Page) => connectStripeViaSimulator(page, outcome);

/** An endpoint with one delivered and one refused test event, so the delivery log has rows of both kinds. */
async function configureWebhooks({ request, token }: Context) {
  const headers = { authorization: `Bearer ${token}` };
  const receiver = await startReceiver();
  try {
    expect((await request.post("/api/v1/auth/tenants/webhooks/config/", { headers, data: { url: receiver.url } })).ok()).toBe(true);
    const send = () => request.post("/api/v1/auth/tenants/webhooks/test/", { headers, data: { event_type: "webhook.test", payload: { message: "hello" } } });
    expect((await send()).status()).toBe(200);
    receiver.state.status = 500;
    await send();
  } finally {
    receiver.close();
  }
}

/** Several currencies with EUR as the default, so the platform fee card shows its per-currency table. */
async function enableCurrencies({ request, token }: Context) {
  await setCurrenciesViaApi(request, token!, ["usd", "eur", "gbp", "jpy", "kwd"], "eur");
}

/**
 * A connected tenant with test payments in three currencies (one declined, one
 * partly refunded), so the list, the detail and the chart have every kind of
 * row. Returns the partly refunded EUR payment's id.
 */
async function takePayments({ page, request, token }: Context): Promise<string> {
  await setCurrenciesViaApi(request, token!, ["usd", "eur", "jpy", "kwd"], "eur");
  await connectStripeViaSimulator(page);
  const key = await freshTestSecretKey(request, token!);
  const eur = await createPaymentViaApi(request, key, { amount: 2000, currency: "eur", description: "Order 1042", metadata: { order_id: "1042", customer: "cus_ada" } });
  await createPaymentViaApi(request, key, { amount: 1000, currency: "jpy", description: "Matcha tin" });
  await createPaymentViaApi(request, key, { amount: 3000, currency: "kwd", description: "Annual plan" });
  await createPaymentViaApi(request, key, { amount: 1500, currency: "eur", description: "Order 1043" }, "pm_card_chargeDeclined");
  const refund = await request.post(`/api/v1/auth/tenants/payments/${eur.id}/refund/`, {
    headers: { authorization: `Bearer ${token}` },
    data: { amount: 500, reason: "requested_by_customer" },
  });
  expect(refund.status()).toBe(201);
  return eur.id;
}

/** The payments list as shown at this width (table rows on desktop, the same rows as cards on a phone). */
const visiblePayments = (page: Page) => page.locator('[data-testid="payment-row"]:visible');

const SUSPENSION_REASON = "Chargebacks under review <b>not markup</b> & more";

/** The new tenant suspended by the demo operator through the operator API, with a reason that looks like markup. */
async function suspendByOperator({ request, token, shared }: Context) {
  const me = await request.get("/api/v1/auth/me/", { headers: { authorization: `Bearer ${token}` } });
  const tenantId = ((await me.json()) as { tenant: { id: string } }).tenant.id;
  const headers = { authorization: `Bearer ${await shared.apiToken("operator")}` };
  const response = await request.post(`/api/v1/platform/tenants/${tenantId}/suspend/`, { headers, data: { reason: SUSPENSION_REASON } });
  expect(response.status()).toBe(200);
}

/** The banner shows the reason as the operator typed it: as text, not as HTML. */
function suspensionBanner(page: Page) {
  const banner = page.getByTestId("suspension-banner");
  return banner.filter({ has: page.getByTestId("suspension-reason").getByText(SUSPENSION_REASON, { exact: true }) }).filter({ hasNot: page.locator("b") });
}

const CONSOLE_TENANT = "Harbour Coffee Roasters";

/**
 * Live payments written straight into the e2e server's database: the console
 * only reads them, and what it shows (sums per currency, the 30-day window,
 * live mode only) does not depend on how they were created.
 */
function insertPayments(tenantId: string, payments: { amount: number; currency: string; fee: number; status?: string; livemode?: boolean; daysAgo?: number }[]) {
  const db = new Database(path.join(process.env.E2E_DATA_DIR!, "portal.db"), { timeout: 10_000 });
  try {
    const insert = db.prepare(
      `INSERT INTO "Payment" ("id", "tenantId", "livemode", "amount", "currency", "applicationFeeAmount", "status", "stripePaymentIntentId", "stripeAccountId", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'acct_pages', ?, ?)`,
    );
    for (const payment of payments) {
      const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
      // Stored as Prisma writes DateTime on SQLite.
      const at = new Date(Date.now() - (payment.daysAgo ?? 1) * 86_400_000).toISOString().replace("Z", "+00:00");
      insert.run(`pay_${id}`, tenantId, payment.livemode === false ? 0 : 1, payment.amount, payment.currency, payment.fee, payment.status ?? "succeeded", `pi_${id}`, at, at);
    }
  } finally {
    db.close();
  }
}

/** A tenant an operator has something to look at on: three currencies, a custom fee, and live volume in two of them. */
async function consoleTenant(request: APIRequestContext, operatorToken: string): Promise<string> {
  const registered = await registerViaApi(request, { email: uniqueEmail("console-owner"), password: "console owner password", name: "Hana Harbour", tenant_name: CONSOLE_TENANT });
  expect(registered.status()).toBe(201);
  const { access_token: token, tenant } = (await registered.json()) as { access_token: string; tenant: { id: string } };
  const settings = await request.put("/api/v1/auth/tenants/settings/", {
    headers: { authorization: `Bearer ${token}` },
    data: { currencies: ["usd", "eur", "jpy"], default_currency: "usd" },
  });
  expect(settings.status()).toBe(200);
  const headers = { authorization: `Bearer ${operatorToken}` };
  const fees = await request.put(`/api/v1/platform/tenants/${tenant.id}/fees/`, {
    headers,
    data: { percent_bps: 150, fixed: { usd: 20, eur: 25, jpy: 20 }, maximum: { usd: 500 } },
  });
  expect(fees.status()).toBe(200);
  insertPayments(tenant.id, [
    { amount: 125_000, currency: "usd", fee: 1895 },
    { amount: 4_250, currency: "usd", fee: 84, daysAgo: 12 },
    { amount: 20_000, currency: "eur", fee: 325, daysAgo: 3 },
    { amount: 99_000, currency: "usd", fee: 500, livemode: false },
  ]);
  return tenant.id;
}

/** The console tenant's page (the tenant is made once per worker; the console cases only look at it). */
const openConsoleTenant = (then?: (page: Page) => Promise<void>) => async (page: Page, { shared }: Pick<Context, "shared">) => {
  const tenantId = await shared.consoleTenantId();
  await page.goto(`/platform/tenants/${tenantId}`);
  await then?.(page);
};

/** Two pending invitations on the demo tenant, so the team page shows its invitations table. */
async function inviteTwo({ request, shared }: Context) {
  const headers = { authorization: `Bearer ${await shared.apiToken("owner")}` };
  for (const role of ["admin", "member"]) {
    const response = await request.post("/api/v1/auth/tenants/invitations/", { headers, data: { email: uniqueEmail(`invited-${role}`), role } });
    expect(response.status()).toBe(201);
  }
}

/** Opens a fresh invitation link to the demo tenant, for a new person or for one who already has an account. */
const openInvitation = (who: "new" | "existing" | "unconfirmed") => async (page: Page, { shared }: Context) => {
  let email = uniqueEmail("invitee");
  if (who !== "new") {
    const registered = await registerViaApi(page.request, { email, password: "existing invitee password", name: "Ezra Existing", tenant_name: "Ezra's Elsewhere" });
    expect(registered.status()).toBe(201);
    // Only a confirmed account is asked for its password; an unconfirmed one is told how to get in.
    if (who === "existing") await confirmEmailFromMailbox(page, email);
  } else {
    email = email.replace("invitee", "newcomer");
  }
  const headers = { authorization: `Bearer ${await shared.apiToken("owner")}` };
  const invitation = await page.request.post("/api/v1/auth/tenants/invitations/", { headers, data: { email, role: "admin" } });
  expect(invitation.status()).toBe(201);
  await page.goto(((await invitation.json()) as { invite_url: string }).invite_url);
};

// One line per page or state; each runs at both widths unless it names one.
const PAGES: PageCase[] = [
  { name: "login", as: "signed-out", path: "/login", heading: "Sign in" },
  { name: "signup", as: "signed-out", path: "/signup", heading: "Create your account" },
  { name: "forgot-password", as: "signed-out", path: "/forgot-password", heading: "Reset your password" },
  { name: "reset-password", as: "signed-out", path: "/reset-password/not-a-real-reset-token", heading: "Choose a new password" },
  { name: "dev-mailbox", as: "signed-out", path: "/dev/mailbox", heading: "Development mailbox", prepare: inviteTwo, shows: (page) => page.getByTestId("dev-mail").first() },
  { name: "stripe-simulator-onboarding", as: "new-owner", path: "/stripe", heading: "Set up payments for your business", open: startStripeOnboarding },
  { name: "dashboard", as: "owner", path: "/dashboard", heading: "Dashboard" },
  { name: "stripe", as: "owner", path: "/stripe", heading: "Stripe" },
  { name: "api-keys", as: "owner", path: "/api-keys", heading: "API keys" },
  { name: "webhooks", as: "owner", path: "/webhooks", heading: "Webhooks" },
  { name: "audit-log", as: "owner", path: "/audit-log", heading: "Audit log" },
  { name: "navigation-open", as: "owner", path: "/dashboard", heading: "Dashboard", open: openNavigation, widths: ["phone"], overlay: true },
  { name: "api-keys-admin", as: "admin", path: "/api-keys", heading: "API keys", shows: (page) => page.getByTestId("owner-only-note") },
  { name: "api-keys-member-denied", as: "member", path: "/api-keys", heading: "API keys", shows: (page) => page.getByText("You do not have access to API keys") },
  { name: "dashboard-member", as: "member", path: "/dashboard", heading: "Dashboard", shows: (page) => page.getByText("Only admins and owners can see the audit log.") },
  { name: "dashboard-new-tenant", as: "unconfigured-tenant", path: "/dashboard", heading: "Dashboard", shows: (page) => page.getByText("No Stripe account is connected yet.") },
  { name: "stripe-connected", as: "new-owner", path: "/stripe", heading: "Stripe", open: connectStripe("Complete onboarding"), shows: (page) => page.getByTestId("stripe-notice") },
  { name: "stripe-requirements-due", as: "new-owner", path: "/stripe", heading: "Stripe", open: connectStripe("Leave requirements due"), shows: (page) => page.getByTestId("stripe-requirements") },
  { name: "webhooks-empty", as: "unconfigured-tenant", path: "/webhooks", heading: "Webhooks", shows: (page) => page.getByText("No deliveries yet") },
  { name: "webhooks-configured", as: "tenant-with-webhooks", path: "/webhooks", heading: "Webhooks", shows: (page) => page.getByTestId("delivery-row").nth(1) },
  { name: "webhooks-events", as: "owner", path: "/webhooks/events", heading: "Event catalog", shows: (page) => page.getByTestId("catalog-event").first() },
  { name: "team", as: "owner", path: "/team", heading: "Team", prepare: inviteTwo, shows: (page) => page.locator('[data-testid^="invitation-invited-"]').first() },
  { name: "team-admin", as: "admin", path: "/team", heading: "Team", shows: (page) => page.getByTestId("team-owner-only-note") },
  { name: "team-member", as: "member", path: "/team", heading: "Team", shows: (page) => page.getByText("Members see only themselves.", { exact: false }) },
  { name: "team-new-tenant", as: "unconfigured-tenant", path: "/team", heading: "Team", shows: (page) => page.getByTestId("invitations-empty") },
  { name: "invite-new-account", as: "signed-out", path: "/invite", heading: "Join Acme Demo", open: openInvitation("new"), shows: (page) => page.getByLabel("Choose a password") },
  { name: "invite-existing-account", as: "signed-out", path: "/invite", heading: "Join Acme Demo", open: openInvitation("existing"), shows: (page) => page.getByText("already has an account") },
  { name: "invite-unconfirmed-account", as: "signed-out", path: "/invite", heading: "Join Acme Demo", open: openInvitation("unconfirmed"), shows: (page) => page.getByTestId("unconfirmed-account") },
  { name: "verify-email", as: "signed-out", path: "/verify-email/not-a-real-confirmation-token", heading: "Confirm your email address" },
  { name: "invite-invalid", as: "signed-out", path: "/invite/not-a-real-invitation-token", heading: "This invitation cannot be used" },
  { name: "audit-log-new-tenant", as: "unconfigured-tenant", path: "/audit-log", heading: "Audit log", shows: (page) => page.locator('[data-testid="audit-row"][data-action="auth.signed_up"]') },
  { name: "organization", as: "tenant-with-currencies", path: "/settings/organization", heading: "Organization", shows: (page) => page.getByTestId("fee-table") },
  { name: "organization-admin", as: "admin", path: "/settings/organization", heading: "Organization", shows: (page) => page.getByTestId("owner-only-note") },
  { name: "organization-member-denied", as: "member", path: "/settings/organization", heading: "Organization", shows: (page) => page.getByText("You do not have access to the organization's settings") },
  { name: "profile", as: "owner", path: "/settings/profile", heading: "Profile", shows: (page) => page.getByTestId("session-row").first() },
  { name: "profile-unconfirmed", as: "unconfigured-tenant", path: "/settings/profile", heading: "Profile", shows: (page) => page.getByText("Not confirmed", { exact: true }) },
  { name: "payments-empty", as: "unconfigured-tenant", path: "/payments?mode=test", heading: "Payments", shows: (page) => page.getByTestId("payments-empty") },
  { name: "payments", as: "tenant-with-payments", path: "/payments?mode=test", heading: "Payments", shows: (page) => visiblePayments(page).nth(3) },
  {
    name: "payments-filtered-empty",
    as: "unconfigured-tenant",
    path: "/payments?mode=test&status=processing&currency=eur&from=2026-01-01&to=2026-01-31",
    heading: "Payments",
    shows: (page) => page.getByTestId("payments-empty-filtered"),
  },
  { name: "dashboard-payments", as: "tenant-with-payments", path: "/dashboard?mode=test", heading: "Dashboard", shows: (page) => page.getByTestId("volume-summary") },
  { name: "dashboard-suspended", as: "suspended-tenant", path: "/dashboard", heading: "Dashboard", shows: suspensionBanner },
  {
    name: "platform",
    as: "operator",
    path: "/platform",
    heading: "Platform",
    prepare: ({ shared }) => shared.consoleTenantId(),
    shows: (page) => page.getByRole("link", { name: CONSOLE_TENANT, exact: true }).first(),
  },
  {
    name: "platform-tenant",
    as: "operator",
    path: "/platform/tenants",
    heading: CONSOLE_TENANT,
    open: openConsoleTenant(),
    // $1,250.00 + $42.50 live; the test-mode payment is left out.
    shows: (page) => page.getByText("$1,292.50", { exact: true }).filter({ visible: true }),
  },
  {
    name: "platform-tenant-fee-form",
    as: "operator",
    path: "/platform/tenants",
    heading: CONSOLE_TENANT,
    open: openConsoleTenant(async (page) => {
      await page.getByRole("button", { name: "Edit fee schedule" }).click();
      await expect(page.getByTestId("tenant-fees-form")).toBeVisible();
      // The click scrolled the page; a full-page screenshot would catch the phone's sticky bar halfway down.
      await page.evaluate(() => window.scrollTo(0, 0));
    }),
    shows: (page) => page.getByTestId("tenant-fees-preview"),
  },
  { name: "platform-denied", as: "owner", path: "/platform", heading: "Platform", shows: (page) => page.getByText("You do not have access to the platform console") },
];

const WIDTHS: { label: WidthLabel; viewport: { width: number; height: number } }[] = [
  { label: "desktop", viewport: { width: 1280, height: 800 } },
  { label: "phone", viewport: { width: 390, height: 844 } },
];

type Cookies = Awaited<ReturnType<BrowserContext["cookies"]>>;

/**
 * Tenants prepared once per worker, each for the cases that only look at it.
 * No case changes them, so the cases pass in any order and on their own. The
 * owner registers through the API, signs in through the form in a browser of
 * their own, and the preparation runs as them; the cases reuse the session.
 */
const SHARED_TENANTS = {
  /** Registered, nothing configured yet. */
  "unconfigured-tenant": async () => {},
  "tenant-with-payments": takePayments,
  "tenant-with-webhooks": configureWebhooks,
  "tenant-with-currencies": enableCurrencies,
  "suspended-tenant": suspendByOperator,
} satisfies Record<string, (context: Context) => Promise<unknown>>;
type SharedTenant = keyof typeof SHARED_TENANTS;
type PreparedTenant<K extends SharedTenant> = { cookies: Cookies; token: string; prepared: Awaited<ReturnType<(typeof SHARED_TENANTS)[K]>> };

/** What a worker keeps for one e2e server, each made on first use. */
type SharedServer = {
  /**
   * A demo person's session cookies, from signing in through the form once:
   * every case as that person starts signed in, so it renders only the page
   * it checks, not the sign-in form and the dashboard before it.
   */
  demoSession(person: DemoPerson): Promise<Cookies>;
  /** A demo person's bearer token, for preparing through the API. */
  apiToken(person: DemoPerson): Promise<string>;
  tenant<K extends SharedTenant>(kind: K): Promise<PreparedTenant<K>>;
  /** The operator console's tenant (consoleTenant): the console cases only look at it. */
  consoleTenantId(): Promise<string>;
};

function sharedServer(browser: Browser, api: APIRequestContext, baseURL: string): SharedServer {
  const made = new Map<string, Promise<unknown>>();
  function once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let value = made.get(key) as Promise<T> | undefined;
    if (!value) {
      // The test that happens to come first makes it: it gets the time on top of its own.
      base.info().setTimeout(base.info().timeout + 60_000);
      value = make();
      made.set(key, value);
      // A failed preparation fails the test that needed it; the next one tries again.
      value.catch(() => made.delete(key));
    }
    return value;
  }

  /** Signs in through the form in a browser context of its own, does `then` as that person, and keeps the cookies. */
  async function sessionOf(email: string, password: string, then?: (page: Page) => Promise<unknown>): Promise<Cookies> {
    const context = await browser.newContext({ baseURL });
    try {
      const page = await context.newPage();
      await signIn(page, email, password);
      await then?.(page);
      return await context.cookies();
    } finally {
      await context.close();
    }
  }

  const shared: SharedServer = {
    demoSession: (person) => once(`session ${person}`, () => sessionOf(DEMO[person], DEMO_PASSWORD)),
    apiToken: (person) =>
      once(`token ${person}`, async () => {
        const login = await api.post("/api/v1/auth/login/", { data: { email: DEMO[person], password: DEMO_PASSWORD } });
        expect(login.status()).toBe(200);
        return ((await login.json()) as { access_token: string }).access_token;
      }),
    tenant: <K extends SharedTenant>(kind: K) =>
      once(`tenant ${kind}`, async (): Promise<PreparedTenant<K>> => {
        const email = uniqueEmail(`pages-${kind}`);
        const password = "pages owner password";
        const response = await registerViaApi(api, { email, password, name: "Nora Newcomer", tenant_name: "Newcomer Goods" });
        expect(response.status()).toBe(201);
        const { access_token: token } = (await response.json()) as { access_token: string };
        let prepared: unknown;
        const cookies = await sessionOf(email, password, async (page) => {
          prepared = await SHARED_TENANTS[kind]({ page, request: api, token, shared });
        });
        return { cookies, token, prepared: prepared as PreparedTenant<K>["prepared"] };
      }),
    consoleTenantId: () => once("console tenant", async () => consoleTenant(api, await shared.apiToken("operator"))),
  };
  return shared;
}

/** Per worker: the shared state of each e2e server (the default one, the one in Stripe's OAuth mode), by base URL. */
const test = base.extend<object, { sharedOn: (baseURL: string) => Promise<SharedServer> }>({
  sharedOn: [
    async ({ browser, playwright }, use) => {
      const apis = new Map<string, Promise<APIRequestContext>>();
      const servers = new Map<string, Promise<SharedServer>>();
      await use((baseURL) => {
        let server = servers.get(baseURL);
        if (!server) {
          const api = playwright.request.newContext({ baseURL });
          apis.set(baseURL, api);
          server = api.then((context) => sharedServer(browser, context, baseURL));
          servers.set(baseURL, server);
        }
        return server;
      });
      for (const api of apis.values()) await (await api).dispose();
    },
    { scope: "worker" },
  ],
});

// Each case arrives on its own (a fresh tenant, or its worker's shared ones), so the cases of this
// long file are spread over every worker rather than kept in one.
test.describe.configure({ mode: "parallel" });

const isDemoPerson = (visitor: Visitor): visitor is DemoPerson => Object.hasOwn(DEMO, visitor);

/** Signs in as the visitor. Returns the tenant owner's bearer token for preparing through the API (null for the demo people). */
async function arrive({ page, request, shared }: Omit<Context, "token">, as: Visitor): Promise<string | null> {
  if (as === "signed-out") return null;
  if (isDemoPerson(as)) {
    await page.context().addCookies(await shared.demoSession(as));
    return null;
  }
  if (as !== "new-owner") {
    const tenant = await shared.tenant(as);
    await page.context().addCookies(tenant.cookies);
    return tenant.token;
  }
  const email = uniqueEmail("pages-owner");
  const password = "pages owner password";
  const response = await registerViaApi(request, { email, password, name: "Nora Newcomer", tenant_name: "Newcomer Goods" });
  expect(response.status()).toBe(201);
  const { access_token: token } = (await response.json()) as { access_token: string };
  await signInViaApi(page.request, email, password);
  return token;
}

/** Rendered and done loading: the page's h1 is there and no button or list is still pending. */
async function settled(page: Page, heading: string) {
  await expect(page.getByRole("heading", { level: 1, name: heading, exact: true })).toBeVisible();
  await expect(page.locator(".animate-spin")).toHaveCount(0);
  await streamedIn(page);
}

/** What the walk notes at a Tab stop: null when focus is on nothing (the body). */
type FocusStop = { key: string; shows: boolean; onScreen: boolean } | null;
type FocusWalk = { stops: FocusStop[]; done: boolean; pending: boolean; note: () => void };

/** Presses of Tab between two reads of the walk's notes. */
const TABS_PER_READ = 8;

/**
 * Tabs through the whole page: every stop must be on screen and look different
 * from when it is not focused (an outline, a ring, a border or background change).
 * The page notes each stop itself, when the next Tab goes down (the press before
 * has moved focus and scrolled it into view by then) or when the test reads the
 * notes, so the test asks the page once every few presses instead of after each.
 */
async function expectVisibleFocus(page: Page) {
  await page.evaluate((limit) => {
    const walk: FocusWalk = {
      stops: [],
      done: false,
      /** A press has moved focus and where it went is not noted yet. */
      pending: false,
      note() {
        walk.pending = false;
        if (walk.done) return;
        const element = document.activeElement;
        if (!(element instanceof HTMLElement) || element === document.body) {
          walk.stops.push(null);
        } else {
          const look = () => {
            const style = getComputedStyle(element);
            return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow, style.borderColor, style.backgroundColor].join("|");
          };
          const focused = look();
          element.blur();
          const unfocused = look();
          element.focus();
          const box = element.getBoundingClientRect();
          const onScreen = box.width > 1 && box.height > 1 && box.right > 0 && box.bottom > 0 && box.left < window.innerWidth && box.top < window.innerHeight;
          const name = element.getAttribute("aria-label") ?? element.textContent?.trim().slice(0, 40) ?? "";
          const key = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""} "${name}"`;
          // Back at a stop already noted: the walk has gone all the way round.
          if (walk.stops.some((stop) => stop?.key === key)) walk.done = true;
          walk.stops.push({ key, shows: focused !== unfocused, onScreen });
        }
        if (walk.stops.length >= limit) walk.done = true;
      },
    };
    window.addEventListener(
      "keydown",
      (event) => {
        if (event.key !== "Tab") return;
        if (walk.pending) walk.note();
        walk.pending = true;
      },
      { capture: true },
    );
    (window as unknown as { focusWalk: FocusWalk }).focusWalk = walk;
  }, 100);

  // The presses of a batch go to Chromium in one go, not each after the one before has come back:
  // the browser still handles them one after another, and the page notes each stop.
  const session = await page.context().newCDPSession(page);
  const tab = { key: "Tab", code: "Tab", windowsVirtualKeyCode: 9 };
  let walk: { stops: FocusStop[]; done: boolean } = { stops: [], done: false };
  while (!walk.done) {
    const presses: Promise<unknown>[] = [];
    for (let press = 0; press < TABS_PER_READ; press += 1) {
      presses.push(session.send("Input.dispatchKeyEvent", { type: "rawKeyDown", ...tab }), session.send("Input.dispatchKeyEvent", { type: "keyUp", ...tab }));
    }
    await Promise.all(presses);
    walk = await page.evaluate(() => {
      const { focusWalk } = window as unknown as { focusWalk: FocusWalk };
      if (focusWalk.pending) focusWalk.note();
      return { stops: focusWalk.stops, done: focusWalk.done };
    });
  }
  await session.detach();

  const problems: string[] = [];
  const seen = new Set<string>();
  for (const focus of walk.stops) {
    if (!focus) continue;
    if (seen.has(focus.key)) break;
    seen.add(focus.key);
    if (!focus.onScreen) problems.push(`${focus.key} is focused off screen`);
    else if (!focus.shows) problems.push(`${focus.key} shows no focus indicator`);
  }
  expect(problems, "keyboard focus").toEqual([]);
}

/** Nothing is wider than the screen: wide tables scroll inside their card. */
async function expectNoHorizontalOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/**
 * The same state in the dark theme, without a reload: the page follows the
 * system, so emulating a dark system turns it over. Axe again, and a
 * screenshot beside the light one (<name>-dark.png).
 */
async function checkDark(page: Page, { screenshot, what, fullPage = true }: { screenshot: string; what: string; fullPage?: boolean }) {
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveCSS("color-scheme", "dark");
  // Buttons fade their colours: axe must see where the fade ends, not a frame of it.
  await page.evaluate(() => {
    for (const animation of document.getAnimations()) if (animation instanceof CSSTransition) animation.finish();
  });
  await expectNoSeriousViolations(page, `${what}, dark`);
  await keepScreenshot(page, `${screenshot}-dark`, { fullPage });
}

/**
 * Opens a dialog from the keyboard and checks what a keyboard user relies on:
 * focus moves in and cannot Tab out, axe finds nothing serious with it open,
 * and Escape closes it with focus back on the button that opened it.
 */
async function expectDialogByKeyboard(page: Page, { trigger, dialog, screenshot }: { trigger: Locator; dialog: Locator; screenshot: string }) {
  await trigger.focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  // Where each press leaves focus is noted by the page, when the next press goes down and when the
  // notes are read: one read for all the presses, instead of one after each.
  expect(
    await dialog.evaluate((element) => {
      const notes = { inside: [] as boolean[], pending: false };
      window.addEventListener(
        "keydown",
        (event) => {
          if (event.key !== "Tab") return;
          if (notes.pending) notes.inside.push(element.contains(document.activeElement));
          notes.pending = true;
        },
        { capture: true },
      );
      (window as unknown as { dialogFocus: typeof notes }).dialogFocus = notes;
      return element.contains(document.activeElement);
    }),
    "focus moved into the dialog",
  ).toBe(true);
  // More presses than the dialog has stops, both ways: focus wraps around inside it.
  const keys = ["Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"];
  for (const key of keys) await page.keyboard.press(key);
  const inside = await dialog.evaluate((element) => {
    const notes = (window as unknown as { dialogFocus: { inside: boolean[]; pending: boolean } }).dialogFocus;
    if (notes.pending) notes.inside.push(element.contains(document.activeElement));
    notes.pending = false;
    return notes.inside;
  });
  expect(inside).toHaveLength(keys.length);
  keys.forEach((key, index) => expect(inside[index], `focus after ${key} (press ${index + 1})`).toBe(true));

  await expectNoSeriousViolations(page, screenshot);
  // Dialogs are fixed overlays: the viewport is what a person sees.
  await keepScreenshot(page, screenshot, { fullPage: false });
  await checkDark(page, { screenshot, what: screenshot, fullPage: false });

  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(trigger).toBeFocused();
}

for (const width of WIDTHS) {
  test.describe(`every page at ${width.label} width`, () => {
    test.use({ viewport: width.viewport });

    for (const entry of PAGES.filter((candidate) => !candidate.widths || candidate.widths.includes(width.label))) {
      test(`${entry.name}: accessible and kept as a screenshot`, async ({ page, request, baseURL, sharedOn }) => {
        // Axe runs twice, in the light theme and in the dark one, on a long page too.
        test.info().setTimeout(test.info().timeout + 30_000);
        const shared = await sharedOn(baseURL!);
        const token = await arrive({ page, request, shared }, entry.as);
        const context = { page, request, token, shared };
        await entry.prepare?.(context);
        if (entry.open) await entry.open(page, context);
        else await page.goto(entry.path);
        await settled(page, entry.heading);
        if (entry.shows) await expect(entry.shows(page)).toBeVisible();

        await expectNoSeriousViolations(page, `${entry.name} (${width.label})`);
        await expectNoHorizontalOverflow(page);
        await keepScreenshot(page, `page-${entry.name}-${width.label}`, { fullPage: !entry.overlay });
        // Before tabbing, which scrolls the page and its tables: the dark screenshot shows what the light one does.
        await checkDark(page, { screenshot: `page-${entry.name}-${width.label}`, what: `${entry.name} (${width.label})`, fullPage: !entry.overlay });
        await page.emulateMedia({ colorScheme: "light" });
        await expectVisibleFocus(page);
      });
    }

    test.describe("on the server in Stripe's OAuth mode", () => {
      test.use({ baseURL: `http://127.0.0.1:${process.env.E2E_OAUTH_PORT}` });

      test("stripe-simulator-authorize: accessible and kept as a screenshot", async ({ page, request, baseURL, sharedOn }) => {
        await arrive({ page, request, shared: await sharedOn(baseURL!) }, "new-owner");
        await page.goto("/stripe");
        await page.getByRole("button", { name: "Connect with Stripe" }).click();
        await expect(page).toHaveURL(/\/stripe-simulator\/authorize\?/);
        await settled(page, "Connect your Stripe account");
        await expectNoSeriousViolations(page, `stripe-simulator-authorize (${width.label})`);
        await expectNoHorizontalOverflow(page);
        await keepScreenshot(page, `page-stripe-simulator-authorize-${width.label}`);
        await checkDark(page, { screenshot: `page-stripe-simulator-authorize-${width.label}`, what: `stripe-simulator-authorize (${width.label})` });
        await page.emulateMedia({ colorScheme: "light" });
        await expectVisibleFocus(page);
      });
    });

    test("the regenerate keys dialog: accessible, keeps focus inside, closes on Escape back to its button", async ({ page, request, baseURL, sharedOn }) => {
      await arrive({ page, request, shared: await sharedOn(baseURL!) }, "owner");
      await page.goto("/api-keys");
      await settled(page, "API keys");
      await expectDialogByKeyboard(page, {
        trigger: page.getByRole("button", { name: "Regenerate", exact: true }),
        dialog: page.getByRole("dialog", { name: "Regenerate API keys" }),
        screenshot: `page-api-keys-regenerate-dialog-${width.label}`,
      });
    });

    test("the remove member dialog: accessible, keeps focus inside, closes on Escape back to its button", async ({ page, request, baseURL, sharedOn }) => {
      await arrive({ page, request, shared: await sharedOn(baseURL!) }, "owner");
      await page.goto("/team");
      await settled(page, "Team");
      const trigger = page.getByRole("button", { name: /^Remove / }).last();
      const name = (await trigger.getAttribute("aria-label"))!;
      await expectDialogByKeyboard(page, {
        trigger,
        dialog: page.getByRole("dialog", { name }),
        screenshot: `page-team-remove-dialog-${width.label}`,
      });
    });

    test("the suspend tenant dialog: accessible, keeps focus inside, closes on Escape back to its button", async ({ page, request, baseURL, sharedOn }) => {
      const shared = await sharedOn(baseURL!);
      await arrive({ page, request, shared }, "operator");
      await openConsoleTenant()(page, { shared });
      await settled(page, CONSOLE_TENANT);
      await expectDialogByKeyboard(page, {
        trigger: page.getByRole("button", { name: "Suspend tenant" }),
        dialog: page.getByRole("dialog", { name: `Suspend ${CONSOLE_TENANT}` }),
        screenshot: `page-platform-suspend-dialog-${width.label}`,
      });
    });

    test("a payment's detail panel and its refund dialog: accessible, focus kept inside, Escape closes each back to its button", async ({ page, request, baseURL, sharedOn }) => {
      const shared = await sharedOn(baseURL!);
      await arrive({ page, request, shared }, "tenant-with-payments");
      const { prepared: paymentId } = await shared.tenant("tenant-with-payments");
      await page.goto("/payments?mode=test");
      await settled(page, "Payments");
      const details = page.getByRole("button", { name: `Details of ${paymentId}` });
      await details.focus();
      await page.keyboard.press("Enter");
      const panel = page.getByRole("dialog", { name: "Payment" });
      await expect(panel.getByTestId("payment-timeline")).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`[?&]payment=${paymentId}$`));
      await streamedIn(page);
      await expectNoSeriousViolations(page, `payments-detail (${width.label})`);
      await keepScreenshot(page, `page-payments-detail-${width.label}`, { fullPage: false });

      await expectDialogByKeyboard(page, {
        trigger: panel.getByRole("button", { name: "Refund", exact: true }),
        dialog: page.getByRole("dialog", { name: `Refund ${paymentId}` }),
        screenshot: `page-payments-refund-dialog-${width.label}`,
      });
      await page.keyboard.press("Escape");
      await expect(panel).toHaveCount(0);
      await expect(details).toBeFocused();
      await expect(page).toHaveURL(/\/payments\?mode=test$/);
    });

    test("a delivery's details dialog: accessible, keeps focus inside, closes on Escape back to its row's button", async ({ page, request, baseURL, sharedOn }) => {
      await arrive({ page, request, shared: await sharedOn(baseURL!) }, "tenant-with-webhooks");
      await page.goto("/webhooks");
      await settled(page, "Webhooks");
      await expectDialogByKeyboard(page, {
        trigger: page.getByTestId("delivery-row").first().getByRole("button", { name: /^Details of/ }),
        dialog: page.getByRole("dialog", { name: "webhook.test" }),
        screenshot: `page-webhooks-delivery-dialog-${width.label}`,
      });
    });
  });
}
