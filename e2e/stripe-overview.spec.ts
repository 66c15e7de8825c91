import Database from "better-sqlite3";
import path from "node:path";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import {
  addMemberViaApi,
  connectStripeViaSimulator,
  createPaymentViaApi,
  expectNoSeriousViolations,
  freshTestSecretKey,
  keepScreenshot,
  registerViaApi,
  signedInBrowser,
  signIn,
  streamedIn,
  uniqueEmail,
} from "./helpers";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** A new tenant whose owner is signed in on `page`; its API token for preparing through the API. */
async function freshOwner(page: Page, request: APIRequestContext, tenantName: string) {
  const email = uniqueEmail("balance-owner");
  const password = "balance owner password";
  const registered = await registerViaApi(request, { email, password, name: "Bea Balance", tenant_name: tenantName });
  expect(registered.status()).toBe(201);
  const { access_token: token, tenant } = (await registered.json()) as { access_token: string; tenant: { id: string } };
  await signIn(page, email, password);
  return { token, tenantId: tenant.id };
}

/**
 * Keeps a screenshot at phone width. The page is loaded again at that width:
 * resized in place, the sidebar would be caught sliding shut.
 */
async function keepPhoneScreenshot(page: Page, name: string, ready: Locator[]) {
  await page.setViewportSize(PHONE);
  await page.reload();
  await streamedIn(page);
  for (const shown of ready) await expect(shown).toBeVisible();
  await keepScreenshot(page, name);
  await page.setViewportSize(DESKTOP);
}

const usd = (minor: number) => `$${(minor / 100).toFixed(2)}`;

/** Changes the tenant's stored Stripe figures straight in the e2e server's database; answers how many rows changed. */
function changeStripeSnapshot(sql: string, ...params: unknown[]): number {
  const db = new Database(path.join(process.env.E2E_DATA_DIR!, "portal.db"), { timeout: 10_000 });
  try {
    return db.prepare(sql).run(...params).changes;
  } finally {
    db.close();
  }
}

// Stored as Prisma writes DateTime on SQLite.
const storedTime = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().replace("Z", "+00:00");

/**
 * Forgets the figures read so far, as a minute passing would: the portal
 * reuses Stripe's answer for 60 s, and the Stripe page read it before the payment.
 */
const forgetStripeFigures = (tenantId: string) => expect(changeStripeSnapshot(`DELETE FROM "StripeAccountSnapshot" WHERE "tenantId" = ?`, tenantId)).toBe(1);

/**
 * As if Stripe had failed a moment ago, after figures read ten minutes ago:
 * what the snapshot holds after an outage (the server's own Stripe, the
 * simulator, cannot be made unreachable from here).
 */
const recordStripeOutage = (tenantId: string) =>
  expect(
    changeStripeSnapshot(
      `UPDATE "StripeAccountSnapshot" SET "fetchedAt" = ?, "lastError" = 'stripe_unreachable', "lastErrorAt" = ? WHERE "tenantId" = ?`,
      storedTime(10 * 60_000),
      storedTime(0),
      tenantId,
    ),
  ).toBe(1);

test("the dashboard's Stripe balance shows a payment's funds, goes stale with a notice, and opens the Express dashboard stand-in in a new tab", async ({ page, request }) => {
  const owner = await freshOwner(page, request, "Balance Bakery");
  await connectStripeViaSimulator(page);
  // The Stripe page shows the balance too: the figures it read (nothing yet) are kept for a minute.
  await expect(page.getByTestId("stripe-balance-currency")).toContainText("$0.00 pending");
  const key = await freshTestSecretKey(request, owner.token);
  const payment = await createPaymentViaApi(request, key, { amount: 2000, currency: "usd", description: "Sourdough subscription" });
  expect(payment.status).toBe("succeeded");
  forgetStripeFigures(owner.tenantId);

  await page.goto("/dashboard");
  const widget = page.getByTestId("stripe-balance");
  const usdFunds = widget.locator('[data-testid="stripe-balance-currency"][data-currency="usd"]');
  // The simulator keeps a charge's net pending for two days, as Stripe's payout schedule does.
  await expect(usdFunds).toContainText(`${usd(payment.net_amount)} pending`);
  await expect(usdFunds).toContainText("$0.00 available");
  await expect(widget.getByTestId("stripe-next-payout")).toContainText("None on its way");
  await expect(widget.getByTestId("stripe-latest-payment")).toHaveCount(1);
  await expect(widget.getByTestId("stripe-latest-payment")).toContainText(`${usd(payment.amount)}`);
  await expect(widget.getByTestId("stripe-latest-payment")).toContainText(`${usd(payment.application_fee_amount)} fee · ${usd(payment.net_amount)} net`);
  await expect(widget.getByTestId("stripe-volume-summary")).toHaveText("$20.00 over the last 30 days, on 1 day with payments.");
  await expect(page.getByTestId("stripe-balance-as-of")).toContainText("as of");
  await expect(page.getByTestId("dashboard-stripe")).toContainText("charges enabled");
  await streamedIn(page);
  await expectNoSeriousViolations(page, "the dashboard with the Stripe balance");
  await expect(widget.locator(".recharts-area")).toBeVisible();
  await keepScreenshot(page, "stripe-balance-desktop");
  await keepPhoneScreenshot(page, "stripe-balance-phone", [widget.locator(".recharts-area")]);

  // Stripe failed a moment ago: the last figures stay, with how old they are.
  recordStripeOutage(owner.tenantId);
  await page.reload();
  await expect(widget.getByTestId("stripe-balance-stale")).toHaveText("Stripe could not be reached; showing figures from 10 minutes ago.");
  await expect(usdFunds).toContainText(`${usd(payment.net_amount)} pending`);
  await expectNoSeriousViolations(page, "the Stripe balance, stale");
  await expect(widget.locator(".recharts-area")).toBeVisible();
  await keepScreenshot(page, "stripe-balance-stale-desktop");
  // Within a minute of the failure the stale figures are answered again without asking Stripe.
  await keepPhoneScreenshot(page, "stripe-balance-stale-phone", [widget.getByTestId("stripe-balance-stale"), widget.locator(".recharts-area")]);

  // The tab opens in the click (no popup blocker stops it) and is sent to the login link once the portal has it.
  const popupOpened = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Open Stripe dashboard" }).click();
  const dashboard = await popupOpened;
  await expect(dashboard).toHaveURL(/\/stripe-simulator\/express\/ll_sim[0-9a-f]+$/);
  await expect(dashboard.getByTestId("express-dashboard-banner")).toContainText("This is the Stripe simulator's stand-in for the Express dashboard");
  await expect(dashboard.getByRole("heading", { level: 1 })).toHaveText("Simulated Express dashboard");
  const accountId = (await dashboard.getByTestId("express-account-id").textContent())!;
  await expect(page.getByTestId("stripe-balance-as-of")).toContainText(accountId);
  await expect(dashboard.getByTestId("express-balance")).toContainText(usd(payment.net_amount));
  await expect(page.getByText("Stripe dashboard opened in a new tab", { exact: true })).toBeVisible();
  await expectNoSeriousViolations(dashboard, "the simulator's Express dashboard");
  await keepScreenshot(dashboard, "stripe-express-dashboard-desktop");
  // Not reloaded for the phone shot: the link is spent (no sidebar here to catch mid-slide either).
  await dashboard.setViewportSize(PHONE);
  await keepScreenshot(dashboard, "stripe-express-dashboard-phone");

  // A login link works once, as Stripe's do.
  await dashboard.reload();
  await expect(dashboard.getByRole("heading", { level: 1 })).toHaveText("This link has expired");
  await expect(dashboard.getByTestId("login-link-expired")).toContainText("already used or has expired");
  await dashboard.close();

  await page.goto("/audit-log");
  await expect(page.locator('[data-testid="audit-row"][data-action="stripe.dashboard_opened"]')).toHaveCount(1);
});

test("a tenant that leaves Stripe's requirements due sees a banner on every page until onboarding is complete; admins see who can do it", async ({ page, request, browser }) => {
  const owner = await freshOwner(page, request, "Paperwork Patisserie");
  const admin = { email: uniqueEmail("banner-admin"), password: "banner admin password", name: "Ada Admin", role: "admin" as const };
  await addMemberViaApi(request, owner.token, admin);
  await connectStripeViaSimulator(page, "Leave requirements due");

  await page.goto("/api-keys");
  const banner = page.getByTestId("requirements-banner");
  await expect(banner).toHaveAttribute("data-tone", "red");
  await expect(banner).toContainText("Stripe has paused charges and payouts for this account");
  await expect(banner.getByTestId("requirements-banner-items")).toContainText("A bank account for payouts");
  await expect(banner.getByTestId("requirements-banner-items")).toContainText("An identity document for the account representative");
  await expect(banner.getByTestId("requirements-banner-deadline")).toContainText(/Due by \d{1,2} \w{3} \d{4} \(in 1[34] days\)/);
  await expect(banner.getByRole("button", { name: "Continue onboarding" })).toBeVisible();
  await streamedIn(page);
  await expectNoSeriousViolations(page, "the requirements banner");
  await keepScreenshot(page, "stripe-requirements-banner-desktop");
  await keepPhoneScreenshot(page, "stripe-requirements-banner-phone", [banner]);
  await expectNoSeriousViolations(page, "the requirements banner at phone width");

  const { context, page: adminPage } = await signedInBrowser(browser, admin);
  const adminBanner = adminPage.getByTestId("requirements-banner");
  await expect(adminBanner.getByTestId("requirements-banner-owners")).toHaveText("Only owners can give Stripe what it needs: ask Bea Balance.");
  await expect(adminBanner.getByRole("button", { name: "Continue onboarding" })).toHaveCount(0);
  await context.close();

  await banner.getByRole("button", { name: "Continue onboarding" }).click();
  await expect(page).toHaveURL(/\/stripe-simulator\/onboard\?link=/);
  await page.getByRole("button", { name: "Complete onboarding" }).click();
  await expect(page).toHaveURL(/\/stripe\?connected=1$/);
  await expect(page.getByTestId("stripe-capabilities")).toContainText("charges enabled");
  await page.goto("/api-keys");
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(page.getByTestId("requirements-banner")).toHaveCount(0);
});

test.describe("an account connected through OAuth", () => {
  test.use({ baseURL: `http://127.0.0.1:${process.env.E2E_OAUTH_PORT}` });

  test("links to Stripe's own dashboard instead of a login link, and says why", async ({ page, request }) => {
    await freshOwner(page, request, "Standard Stationers");
    await page.goto("/stripe");
    await page.getByRole("button", { name: "Connect with Stripe" }).click();
    await expect(page).toHaveURL(/\/stripe-simulator\/authorize\?/);
    await page.getByRole("button", { name: "Complete onboarding" }).click();
    await expect(page).toHaveURL(/\/stripe\?connected=1$/);
    await page.goto("/dashboard");
    const link = page.getByRole("link", { name: "Open Stripe dashboard" });
    await expect(link).toHaveAttribute("href", "https://dashboard.stripe.com/");
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(page.getByTestId("standard-dashboard-note")).toHaveText("Connected through OAuth: sign in on Stripe with the account's own Stripe login.");
    await expect(page.getByTestId("stripe-balance-currency")).toHaveCount(1);
  });
});
