import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Browser, type Locator, type Page } from "@playwright/test";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Webhook } from "standardwebhooks";

export const DEMO_PASSWORD = "e2e demo password";
export const DEMO = { owner: "owner@demo.test", admin: "admin@demo.test", member: "member@demo.test", operator: "pat@demo.test" };

const SCREENSHOT_DIR = path.join(process.cwd(), "e2e", "artifacts", "screenshots");

/** Keeps a full-page screenshot of what the person sees, among the test artifacts. */
export async function keepScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Dialogs are fixed overlays: a viewport shot shows them as a person sees them.
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: options.fullPage ?? true });
}

/**
 * A section's link in the sidebar. Scoped to the navigation: other links on a
 * page may contain the same words (the dashboard's "Details of API keys
 * regenerated"), and a role query matches names by substring.
 */
export const sidebarLink = (page: Page, name: string) => page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name });

/** One of the account menu's links (Profile, Organization, API documentation), opened as a person does. */
export async function openFromAccountMenu(page: Page, name: string) {
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name }).click();
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await submitSignIn(page, email, password);
}

/** Fills in and sends the sign-in form already on screen, and waits for the dashboard. */
export async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The first sign-in on a just-started server loads the auth code and checks an argon2 hash, on a
  // machine that may be running other suites too: seconds, not a hang.
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
}

/**
 * Signs a browser context in through next-auth's credentials endpoint, the
 * request the sign-in form sends, for tests whose subject is a page behind the
 * sign-in rather than signing in: it leaves out rendering the form and the
 * dashboard it leads to. Pass the context's own request (`page.request`), which
 * shares its cookies.
 */
export async function signInViaApi(request: APIRequestContext, email: string, password: string) {
  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.status()).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  expect(response.status(), await response.text()).toBe(200);
  const { url } = (await response.json()) as { url: string };
  expect(url, "next-auth answers with its error page when the sign-in fails").not.toContain("error");
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/**
 * The audit log's actions as listed, newest first. Read only once the page
 * itself is on screen, never a snapshot taken earlier: the previous page, or
 * a list still loading, has no rows, and for a moment even after `page.goto`
 * resolves, since React reveals streamed content in batches on a timer. The
 * page's h1 arrives in the same render as its rows.
 */
/**
 * Waits until React has finished streaming the page in. A streamed Suspense
 * boundary arrives as a hidden `<div id="S:…">` beside its fallback
 * (`<template id="B:…">`) and is moved into place by a script React may delay
 * (it batches reveals), so for a moment the page holds the content twice, or
 * only the fallback. Assertions made before then read a page that is not the
 * one a person sees.
 */
export async function streamedIn(page: Page) {
  await expect(page.locator('div[hidden][id^="S:"], template[id^="B:"]')).toHaveCount(0);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

export async function auditActions(page: Page): Promise<(string | null)[]> {
  await expect(page.getByRole("heading", { level: 1, name: "Audit log", exact: true })).toBeVisible();
  await streamedIn(page);
  return page.getByTestId("audit-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-action")));
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
}

let signupCounter = 0;

/**
 * Registers through the API as if from its own address: sign-ups are throttled
 * per IP, and the whole suite runs from 127.0.0.1. The e2e servers trust
 * 127.0.0.1 as a proxy (TRUSTED_PROXIES in playwright.config.ts), so the
 * X-Forwarded-For sent here is believed, as a real proxy's would be.
 */
export async function registerViaApi(request: APIRequestContext, data: { email: string; password: string; name: string; tenant_name: string }) {
  signupCounter += 1;
  return request.post("/api/v1/auth/register/", {
    data,
    headers: { "x-forwarded-for": `198.18.${process.pid % 250}.${signupCounter % 250}` },
  });
}

/**
 * Adds a person with a new account to the owner's tenant through the API: the
 * owner invites, the person accepts with a name and password (account
 * creation is throttled per IP, hence an address of its own, as for sign-ups).
 */
export async function addMemberViaApi(
  request: APIRequestContext,
  ownerToken: string,
  person: { email: string; password: string; name: string; role: "owner" | "admin" | "member" },
) {
  const invited = await request.post("/api/v1/auth/tenants/invitations/", {
    headers: { authorization: `Bearer ${ownerToken}` },
    data: { email: person.email, role: person.role },
  });
  expect(invited.status()).toBe(201);
  const { invite_url } = (await invited.json()) as { invite_url: string };
  const accepted = await request.post("/api/v1/auth/tenants/invitations/accept/", {
    data: { token: new URL(invite_url).pathname.split("/").at(-1), name: person.name, password: person.password },
    headers: { "x-forwarded-for": uniqueClientIp() },
  });
  expect(accepted.status()).toBe(200);
  expect(await accepted.json()).toMatchObject({ user: { email: person.email }, role: person.role });
}

export type ReceivedDelivery = {
  type: string;
  test: boolean;
  /** The signature checked out against the receiver's secret (state.secret) when it arrived. */
  verified: boolean;
  id: string;
  /** The request as it came, so a test can check it against another secret too (verifiesWith). */
  body: string;
  headers: Record<string, string>;
};

/**
 * A receiver on 127.0.0.1 that verifies every signature and answers as told.
 * stop() takes it off the network (connections refused) and start() brings it
 * back on the same port, so the endpoint's URL stays the same across an outage.
 */
export async function startReceiver() {
  const state = { status: 200, secret: "", received: [] as ReceivedDelivery[] };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const headers = req.headers as Record<string, string>;
      const event = JSON.parse(body) as { type: string; test: boolean };
      state.received.push({ type: event.type, test: event.test, verified: verifiesWith({ body, headers }, state.secret), id: String(req.headers["webhook-id"]), body, headers });
      res.writeHead(state.status, { "content-type": "application/json" }).end(JSON.stringify({ ok: state.status < 300 }));
    });
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  return {
    state,
    url: `http://127.0.0.1:${port}/hooks`,
    close: () => server.close(),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    start: () => listen(port),
  };
}

/** Whether a delivery's signature checks out with this secret (the standardwebhooks library, as a receiver would). */
export function verifiesWith(delivery: Pick<ReceivedDelivery, "body" | "headers">, secret: string): boolean {
  try {
    new Webhook(secret).verify(delivery.body, delivery.headers);
    return true;
  } catch {
    return false;
  }
}

let ipCounter = 0;

/**
 * A made-up client address for a browser context (extraHTTPHeaders): sign-ups,
 * including accepting an invitation with a new account, are throttled per IP.
 */
export function uniqueClientIp() {
  ipCounter += 1;
  return `198.19.${process.pid % 250}.${ipCounter % 250}`;
}

/** Invites through the /team form and returns the link the dialog shows once. */
export async function inviteThroughTeamPage(page: Page, email: string, role: "owner" | "admin" | "member") {
  await page.goto("/team");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Create invitation" }).click();
  const dialog = page.getByRole("dialog", { name: `Invitation link for ${email}` });
  await expect(dialog).toContainText("shown only now");
  const link = await dialog.getByRole("textbox", { name: "Invitation link" }).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return { dialog, link };
}

/** A fresh browser (own cookies, own client address) that accepts an invitation with a new account. */
export async function acceptAsNewPerson(browser: Browser, link: string, name: string, password: string) {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Choose a password").fill(password);
  await page.getByRole("button", { name: /^Create account and join/ }).click();
  // An argon2 hash for the new account, then a sign-in: seconds on a busy machine, as for signIn.
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
  return { context, page };
}

/** From /stripe to the simulator's onboarding page (the simulator stands in for Stripe in development and tests). */
export async function startStripeOnboarding(page: Page) {
  await page.goto("/stripe");
  await page.getByRole("button", { name: "Connect with Stripe" }).click();
  await expect(page).toHaveURL(/\/stripe-simulator\/onboard\?link=/);
}

/** The signed-in owner connects Stripe through the simulator, finishing onboarding or leaving Stripe's requirements due. */
export async function connectStripeViaSimulator(page: Page, outcome: "Complete onboarding" | "Leave requirements due" = "Complete onboarding") {
  await startStripeOnboarding(page);
  await page.getByRole("button", { name: outcome }).click();
  await expect(page).toHaveURL(/\/stripe\?connected=1$/);
}

/** The tenant's accepted currencies, set through the settings API by an admin or owner. */
export async function setCurrenciesViaApi(request: APIRequestContext, token: string, currencies: string[], defaultCurrency = currencies[0]) {
  const response = await request.put("/api/v1/auth/tenants/settings/", {
    headers: { authorization: `Bearer ${token}` },
    data: { currencies, default_currency: defaultCurrency },
  });
  expect(response.status()).toBe(200);
}

/** A person in a browser of their own (own cookies, own client address), signed in. */
export async function signedInBrowser(browser: Browser, person: { email: string; password: string }) {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  const page = await context.newPage();
  await signIn(page, person.email, person.password);
  return { context, page };
}

/**
 * Opens the development mailbox until `mails` (a locator on it) finds what
 * `check` expects. Mail is written after the response that caused it
 * (lib/mail/outbox.ts), and the mailbox is a server-rendered page that does
 * not update itself: a page loaded a moment too early never shows the mail.
 */
async function inMailbox(page: Page, mails: Locator, check: (mails: Locator) => Promise<void>) {
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await check(mails);
  }).toPass({ timeout: 15_000 });
}

/** The newest mail to `email` in the development mailbox that carries a link containing `linkPart`; its link's address. */
export async function linkFromMailbox(page: Page, email: string, linkPart: string): Promise<string> {
  const link = page.getByTestId("dev-mail").filter({ hasText: email }).getByRole("link", { name: new RegExp(linkPart) }).first();
  await inMailbox(page, link, (found) => expect(found).toBeVisible({ timeout: 1_000 }));
  return (await link.getAttribute("href"))!;
}

/**
 * The development mailbox's mails with this subject sent to exactly this
 * address (the To line, not a mention in the text), once there are `count`
 * of them; the mailbox is left open.
 */
export async function mailsTo(page: Page, to: string, subject: string, count = 1): Promise<Locator> {
  const mails = page
    .getByTestId("dev-mail")
    .filter({ has: page.getByRole("heading", { level: 2, name: subject, exact: true }) })
    .filter({ has: page.locator("dd").getByText(to, { exact: true }) });
  await inMailbox(page, mails, (found) => expect(found).toHaveCount(count, { timeout: 1_000 }));
  return mails;
}

/** Confirms an account's address the way its owner does: the link from the mailbox, then the page's button. */
export async function confirmEmailFromMailbox(page: Page, email: string) {
  await page.goto(await linkFromMailbox(page, email, "/verify-email/"));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByTestId("email-confirmed")).toContainText(email);
}

/** On /settings/organization: ticks the currencies by label (as "EUR — Euro"), picks the default, saves. */
export async function saveCurrenciesOnSettingsPage(page: Page, labels: string[], defaultCurrency: string) {
  for (const label of labels) await page.getByLabel(label).check();
  await page.getByLabel("Default currency").selectOption(defaultCurrency);
  await page.getByRole("button", { name: "Save currencies" }).click();
  await expect(page.getByText("Currencies saved", { exact: true })).toBeVisible();
}

/** On the operator's /platform: searches for a tenant (the query goes into the URL as typed) and returns its one row. */
export async function findTenantInConsole(page: Page, query: string) {
  await page.getByRole("searchbox", { name: "Search tenants by name, slug or id" }).fill(query);
  await expect(page).toHaveURL(new RegExp(`/platform\\?q=${query}$`));
  const rows = page.getByTestId("tenant-row");
  await expect(rows).toHaveCount(1);
  return rows.first();
}

/** From a tenant's row on /platform to its console page. */
export async function openTenantInConsole(row: Locator, tenant: { id: string; tenant_name: string }) {
  const page = row.page();
  await row.getByRole("link", { name: tenant.tenant_name }).click();
  await expect(page).toHaveURL(new RegExp(`/platform/tenants/${tenant.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: tenant.tenant_name })).toBeVisible();
}

/**
 * Fills the open fee schedule form of the console, in the units an operator
 * types: the percentage ("1.50") and fixed fees per currency ({ eur: "0.25" }).
 */
export async function fillFeeScheduleForm(page: Page, schedule: { percent: string; fixed: Record<string, string> }) {
  await page.getByLabel("Percentage of each payment").fill(schedule.percent);
  for (const [currency, amount] of Object.entries(schedule.fixed)) await page.getByLabel(`Fixed fee (${currency.toUpperCase()})`).fill(amount);
}

/** Saves the console's fee schedule form of a tenant and waits for it to say so. */
export async function saveFeeScheduleForm(page: Page, tenantName: string) {
  await page.getByRole("button", { name: "Save fee schedule" }).click();
  await expect(page.getByText(`Fee schedule saved for ${tenantName}`, { exact: true })).toBeVisible();
}

/** The test secret key of the owner's tenant: regenerated, since a secret is only ever shown when it is issued. */
export async function freshTestSecretKey(request: APIRequestContext, ownerToken: string): Promise<string> {
  const response = await request.post("/api/v1/auth/tenants/api-keys/regenerate/", {
    headers: { authorization: `Bearer ${ownerToken}` },
    data: { key_type: "test", confirm: true },
  });
  expect(response.status()).toBe(201);
  const keys = ((await response.json()) as { api_keys: { mode: string; type: string; key: string }[] }).api_keys;
  return keys.find((key) => key.mode === "test" && key.type === "secret")!.key;
}

export type E2ePayment = { id: string; amount: number; currency: string; application_fee_amount: number; net_amount: number; status: string; refunded_amount: number };

let idempotencyCounter = 0;
const idempotencyKey = () => `e2e-${process.pid}-${Date.now()}-${(idempotencyCounter += 1)}`;

/**
 * Creates a payment with a secret key through the platform API, as a tenant's
 * server does, and confirms it with one of Stripe's test payment methods
 * (pm_card_visa succeeds, pm_card_chargeDeclined is declined with 402).
 * Returns the payment as the confirmation left it.
 */
export async function createPaymentViaApi(
  request: APIRequestContext,
  secretKey: string,
  body: { amount: number; currency: string; description?: string; metadata?: Record<string, string> },
  paymentMethod = "pm_card_visa",
): Promise<E2ePayment> {
  const headers = { authorization: `Bearer ${secretKey}` };
  const created = await request.post("/api/v1/payments/", { headers: { ...headers, "idempotency-key": idempotencyKey() }, data: body });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as E2ePayment;
  const confirmed = await request.post(`/api/v1/payments/${id}/confirm/`, {
    headers: { ...headers, "idempotency-key": idempotencyKey() },
    data: { payment_method: paymentMethod },
  });
  if (confirmed.status() === 402) return ((await confirmed.json()) as { error: { details: { payment: E2ePayment } } }).error.details.payment;
  expect(confirmed.status(), await confirmed.text()).toBe(200);
  return (await confirmed.json()) as E2ePayment;
}

type AxeViolation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

/** One line per violation and element, with what to do about it: the failure message is the to-do list. */
function listViolations(violations: AxeViolation[]): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${violation.help} → ${node.target.join(" ")}${node.failureSummary ? ` | ${node.failureSummary.replace(/\s+/g, " ")}` : ""}`),
  );
}

/**
 * The minified build of the axe-core that @axe-core/playwright depends on: the
 * same rules in less than half the bytes to inject and parse, for every check.
 */
const requireFromAxePlaywright = createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright"));
const AXE_SOURCE = readFileSync(requireFromAxePlaywright.resolve("axe-core/axe.min.js"), "utf8");

/** axe (WCAG 2.1 A and AA) finds nothing serious or critical on the page as it is now. */
export async function expectNoSeriousViolations(page: Page, what: string) {
  // Legacy mode runs axe.run() in the page itself, instead of axe.runPartial() in every frame and
  // axe.finishRun() in a blank page opened for it: a third of the time. What it gives up is checking
  // cross-origin frames, and the portal has no frames.
  const results = await new AxeBuilder({ page, axeSource: AXE_SOURCE })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .setLegacyMode()
    .analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(listViolations(serious), `serious or critical axe violations on ${what}`).toEqual([]);
}

/** The two widths every page state is checked at: desktop and phone. */
export const CHECK_WIDTHS = [
  { label: "1280", viewport: { width: 1280, height: 800 } },
  { label: "390", viewport: { width: 390, height: 844 } },
] as const;

/**
 * The state on screen, at desktop and phone width: axe finds nothing serious,
 * nothing is wider than the screen, and a screenshot named `${name}-${width}`
 * is kept. The viewport is back at desktop width afterwards.
 */
export async function checkAtBothWidths(page: Page, name: string, options: { fullPage?: boolean; show?: Locator } = {}) {
  for (const width of CHECK_WIDTHS) {
    await page.setViewportSize(width.viewport);
    // The state shown in the middle of the screen, for the screenshot.
    await options.show?.evaluate((element) => element.scrollIntoView({ block: "center" }));
    await expectNoSeriousViolations(page, `${name} at ${width.label} px`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${name} at ${width.label} px is wider than the screen`).toBeLessThanOrEqual(0);
    await keepScreenshot(page, `${name}-${width.label}`, { fullPage: options.fullPage });
  }
  await page.setViewportSize(CHECK_WIDTHS[0].viewport);
}
