import { expect, test, type Page } from "@playwright/test";
import {
  connectStripeViaSimulator,
  DEMO,
  DEMO_PASSWORD,
  expectNoSeriousViolations,
  inviteThroughTeamPage,
  keepScreenshot,
  registerViaApi,
  sidebarLink,
  signIn,
  startReceiver,
  uniqueClientIp,
  uniqueEmail,
} from "./helpers";

test.use({ permissions: ["clipboard-read", "clipboard-write"], extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });

/** Full-page screenshots at 1280 and 390 px, and axe at both widths. */
async function checkAtBothWidths(page: Page, name: string) {
  await expectNoSeriousViolations(page, `${name} at 1280 px`);
  await keepScreenshot(page, `page-${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSeriousViolations(page, `${name} at 390 px`);
  await keepScreenshot(page, `page-${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

const checklist = (page: Page) => page.getByTestId("getting-started");
const step = (page: Page, id: string) => page.getByTestId(`step-${id}`);

async function expectDone(page: Page, ids: string[]) {
  for (const id of ["connect_stripe", "store_test_key", "call_api", "webhook", "invite_teammate"]) {
    await expect(step(page, id), id).toHaveAttribute("data-done", ids.includes(id) ? "true" : "false");
  }
}

test("a new owner signs up, stores the test key shown once, and follows the Get started checklist until it disappears", async ({ page }) => {
  test.setTimeout(150_000);
  const receiver = await startReceiver();
  try {
    // A signed-out visitor at / lands on sign-in, which offers an account.
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(/\/signup$/);

    await page.getByLabel("Your name").fill("Fran First");
    await page.getByLabel("Work email").fill(uniqueEmail("first-run"));
    await page.getByLabel("Password").fill("first run owner password");
    await page.getByLabel("Organisation name").fill("First Run Ltd");
    await page.getByRole("button", { name: "Create account" }).click();

    // The test keys, once: the secret in a copy field, with the warning.
    await expect(page.getByRole("heading", { name: "Your test keys" })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("new-keys")).toContainText("You will not see the secret key again.");
    const secret = await page.getByLabel("test secret key", { exact: true }).inputValue();
    expect(secret).toMatch(/^sk_test_[0-9A-Za-z]{38}$/);
    await expect(page.getByLabel("live secret key", { exact: true })).toHaveCount(0);
    await page.getByRole("button", { name: "Copy test secret key" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await checkAtBothWidths(page, "signup-keys");
    await page.getByRole("button", { name: "I have stored the secret" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);

    // Never again: the sign-up page now sends the owner to the dashboard, and no page holds the secret.
    await page.goto("/signup");
    await expect(page).toHaveURL(/\/dashboard$/);
    expect(await page.content()).not.toContain(secret);

    await expect(page.getByRole("heading", { name: "Get started" })).toBeVisible();
    await expectDone(page, ["store_test_key"]);
    await expect(page.getByText("1 of 5 done.", { exact: false })).toBeVisible();
    await checkAtBothWidths(page, "dashboard-get-started");

    // 1. Stripe, through the simulator.
    await step(page, "connect_stripe").getByRole("link", { name: "Connect Stripe" }).click();
    await expect(page).toHaveURL(/\/stripe$/);
    await connectStripeViaSimulator(page);
    await sidebarLink(page, "Dashboard").click();
    await expectDone(page, ["connect_stripe", "store_test_key"]);

    // 2. The first call: the command as copied, run with the stored key.
    await step(page, "call_api").getByRole("button", { name: "Copy the curl command" }).click();
    const curl = await page.evaluate(() => navigator.clipboard.readText());
    const baseURL = new URL(page.url()).origin;
    expect(curl).toBe(`curl -H "Authorization: Bearer sk_test_…" ${baseURL}/api/v1/account/`);
    const [, url] = curl.match(/ (https?:\/\/\S+)$/)!;
    const account = await page.request.get(url, { headers: { authorization: `Bearer ${secret}` } });
    expect(account.status()).toBe(200);
    expect(await account.json()).toMatchObject({ tenant: { name: "First Run Ltd", status: "active" }, mode: "test" });
    // The call is recorded within a few seconds (the traffic recorder writes in batches).
    await expect(async () => {
      await page.reload();
      await expect(step(page, "call_api")).toHaveAttribute("data-done", "true", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });

    // 3. A webhook endpoint on a local receiver, and a test event it verifies.
    await step(page, "webhook").getByRole("link", { name: "Add an endpoint" }).click();
    await expect(page).toHaveURL(/\/webhooks$/);
    await page.getByLabel("Endpoint URL").fill(receiver.url);
    await page.getByRole("button", { name: "Add endpoint" }).click();
    receiver.state.secret = await page.getByRole("textbox", { name: "webhook signing secret", exact: true }).inputValue();
    await page.getByRole("button", { name: "I have stored the secret" }).click();
    await sidebarLink(page, "Dashboard").click();
    await expect(step(page, "webhook")).toContainText("send a test event");
    await step(page, "webhook").getByRole("link", { name: "Open the test console" }).click();
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByTestId("test-status-code")).toHaveText("HTTP 200");
    const delivered = receiver.state.received.at(-1)!;
    expect(delivered).toMatchObject({ type: "webhook.test", verified: true });
    // The console shows the exact bytes that were signed: those the receiver got.
    await expect(page.getByTestId("test-signed-body")).toHaveText(delivered.body);

    // 4. A teammate.
    const { dialog } = await inviteThroughTeamPage(page, uniqueEmail("first-run-mate"), "admin");
    await dialog.getByRole("button", { name: "Done" }).click();

    // Done: the checklist is gone.
    await sidebarLink(page, "Dashboard").click();
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await expect(page.getByTestId("members-list")).toBeVisible();
    await expect(checklist(page)).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Get started" })).toHaveCount(0);
  } finally {
    receiver.close();
  }
});

test("an owner who left the key screen is told how to get a usable key, and can dismiss the checklist for the tenant", async ({ page, request }) => {
  const email = uniqueEmail("first-run-left");
  const password = "left the key screen";
  expect((await registerViaApi(request, { email, password, name: "Lee Left", tenant_name: "Left Early" })).status()).toBe(201);
  await signIn(page, email, password);
  await expect(step(page, "store_test_key")).toHaveAttribute("data-done", "false");
  await expect(step(page, "store_test_key")).toContainText("shown once, at sign-up");
  await expect(step(page, "store_test_key")).toContainText("regenerate the test keys on API keys");
  await expect(step(page, "store_test_key").getByRole("link", { name: "Open API keys" })).toHaveAttribute("href", "/api-keys");

  await page.getByRole("button", { name: "Dismiss" }).click();
  await expect(page.getByText("Checklist hidden", { exact: true })).toBeVisible();
  await expect(checklist(page)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(checklist(page)).toHaveCount(0);
  // Audited, as a tenant setting.
  await sidebarLink(page, "Audit log").click();
  await expect(page.getByTestId("audit-row").first()).toHaveAttribute("data-action", "settings.getting_started_dismissed");
});

test("signing up with an email that has an account links to sign-in with the email filled in", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Owen Again");
  await page.getByLabel("Work email").fill(DEMO.owner);
  await page.getByLabel("Password").fill("another good password");
  await page.getByLabel("Organisation name").fill("Second Try");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("form-error")).toContainText("An account with this email already exists.");
  await page.getByTestId("form-error").getByRole("link", { name: "Sign in instead" }).click();
  await expect(page).toHaveURL(/\/login\?email=/);
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.owner);
});

test("the 404 page is branded, runs its scripts under the CSP, signed out and signed in", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
  });

  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  expect(response?.headers()["content-security-policy"]).toContain("'strict-dynamic'");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page).toHaveTitle(/Page not found/);
  // Hydrated: a client-side link works, which needs the page's scripts to have run.
  await page.waitForFunction(() => document.querySelectorAll("script[nonce]").length > 0);
  await checkAtBothWidths(page, "not-found");
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login$/);

  await signIn(page, DEMO.owner, DEMO_PASSWORD);
  expect((await page.goto("/dashboard/nothing-here"))?.status()).toBe(404);
  await expect(page.getByRole("link", { name: "Go to the dashboard" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  expect(violations.filter((text) => /Content Security Policy|CSP violation/i.test(text))).toEqual([]);
  // Nothing else failed either, apart from the two 404 documents themselves.
  expect(violations.filter((text) => !/status of 404 \(Not Found\)/.test(text))).toEqual([]);
});

test("every portal page starts with a skip-to-content link", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.owner, DEMO_PASSWORD);
  for (const path of ["/dashboard", "/webhooks", "/team"]) {
    await page.goto(path);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    if (path === "/dashboard") await keepScreenshot(page, "skip-link", { fullPage: false });
    await page.keyboard.press("Enter");
    await expect(page.locator("#portal-main")).toBeFocused();
  }
});
