import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, keepScreenshot, registerViaApi, sidebarLink, signIn, signInViaApi, uniqueEmail } from "./helpers";

async function freshOwner(page: Page, request: APIRequestContext, tenant: string) {
  const email = uniqueEmail("stripe-owner");
  const password = "stripe owner password";
  expect((await registerViaApi(request, { email, password, name: "Sam Stripe", tenant_name: tenant })).status()).toBe(201);
  await signIn(page, email, password);
}

test("an owner connects with Stripe through the simulator and comes back connected, with charges and payouts enabled", async ({ page, request }) => {
  await freshOwner(page, request, "Simulated Shop");
  await sidebarLink(page, "Stripe").click();
  await expect(page.getByTestId("simulator-banner")).toBeVisible();
  await keepScreenshot(page, "stripe-not-connected");
  await page.getByRole("button", { name: "Connect with Stripe" }).click();

  await expect(page).toHaveURL(/\/stripe-simulator\/onboard\?link=/);
  await expect(page.getByTestId("simulator-label")).toBeVisible();
  await keepScreenshot(page, "stripe-simulator-onboarding");
  await page.getByRole("button", { name: "Complete onboarding" }).click();

  await expect(page).toHaveURL(/\/stripe\?connected=1$/);
  await expect(page.getByTestId("stripe-notice")).toHaveText("Stripe account connected.");
  await expect(page.getByTestId("stripe-capabilities")).toContainText("charges enabled");
  await expect(page.getByTestId("stripe-capabilities")).toContainText("payouts enabled");
  await expect(page.getByTestId("stripe-account-id")).toHaveText(/^acct_sim/);
  await expect(page.getByTestId("tenant-name").locator("..")).toContainText("active");
  await keepScreenshot(page, "stripe-connected");

  await sidebarLink(page, "Dashboard").click();
  await expect(page.getByTestId("dashboard-stripe")).toContainText("charges enabled");

  // Disconnect, with a typed confirmation.
  await page.goto("/stripe");
  await page.getByRole("button", { name: "Disconnect" }).click();
  await page.getByLabel('Type "disconnect" to confirm').fill("disconnect");
  await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByText("Stripe disconnected", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Connect with Stripe" })).toBeVisible();
});

test("a tenant that leaves requirements due sees them listed, continues onboarding and completes", async ({ page, request }) => {
  await freshOwner(page, request, "Paperwork Pending");
  await page.goto("/stripe");
  await page.getByRole("button", { name: "Connect with Stripe" }).click();
  await page.getByRole("button", { name: "Leave requirements due" }).click();
  await expect(page).toHaveURL(/\/stripe\?connected=1$/);
  const requirements = page.getByTestId("stripe-requirements");
  await expect(requirements).toContainText("A bank account for payouts");
  await expect(requirements).toContainText("An identity document");
  await expect(page.getByTestId("stripe-capabilities")).toContainText("charges disabled");
  await keepScreenshot(page, "stripe-requirements-due");

  await requirements.getByRole("button", { name: "Continue onboarding" }).click();
  await page.getByRole("button", { name: "Complete onboarding" }).click();
  await expect(page).toHaveURL(/\/stripe\?connected=1$/);
  await expect(page.getByTestId("stripe-requirements")).toHaveCount(0);
  await expect(page.getByTestId("stripe-capabilities")).toContainText("charges enabled");
});

test("an admin sees Connect with Stripe disabled, with the reason", async ({ page }) => {
  await signInViaApi(page.request, DEMO.admin, DEMO_PASSWORD);
  await page.goto("/stripe");
  await expect(page.getByRole("button", { name: "Connect with Stripe" })).toBeDisabled();
  await expect(page.getByTestId("owner-only-note")).toHaveText("Only owners can connect a Stripe account.");
});

test.describe("oauth onboarding mode", () => {
  test.use({ baseURL: `http://127.0.0.1:${process.env.E2E_OAUTH_PORT}` });

  test("an owner who denies access sees Stripe's message; one who accepts is connected", async ({ page, request }) => {
    await freshOwner(page, request, "OAuth Outfitters");
    await page.goto("/stripe");
    await page.getByRole("button", { name: "Connect with Stripe" }).click();
    await expect(page).toHaveURL(/\/stripe-simulator\/authorize\?/);
    await page.getByRole("button", { name: "Deny" }).click();
    await expect(page).toHaveURL(/\/stripe\?error=oauth_error&reason=access_denied$/);
    await expect(page.getByTestId("stripe-notice")).toHaveText("The connection was denied on Stripe: nothing was connected.");
    await keepScreenshot(page, "stripe-oauth-denied");

    await page.getByRole("button", { name: "Connect with Stripe" }).click();
    await page.getByRole("button", { name: "Complete onboarding" }).click();
    await expect(page).toHaveURL(/\/stripe\?connected=1$/);
    await expect(page.getByTestId("stripe-capabilities")).toContainText("charges enabled");
  });
});
