import { expect, test } from "@playwright/test";
import { auditActions, DEMO, DEMO_PASSWORD, keepScreenshot, registerViaApi, sidebarLink, signIn, signOut, uniqueEmail } from "./helpers";

test("sign up, land on the dashboard, sign out, sign back in, see the audit trail", async ({ page }) => {
  const email = uniqueEmail("founder");
  const password = "a very good password";

  await page.goto("/signup");
  await keepScreenshot(page, "signup");
  // The form checks with the shared schema before sending.
  await page.getByLabel("Your name").fill("Frida Founder");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Organisation name").fill("Frida's Fabrics");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  // The test keys are shown once, before the dashboard.
  await expect(page.getByLabel("test secret key", { exact: true })).toHaveValue(/^sk_test_/, { timeout: 30_000 });
  await page.getByRole("button", { name: "I have stored the secret" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("tenant-name")).toHaveText("Frida's Fabrics");
  // The address is not confirmed yet: a quiet banner says where the link went.
  await expect(page.getByTestId("email-verification-banner")).toContainText(email);
  await expect(page.getByTestId("user-role")).toHaveText("owner");
  await expect(page.getByText("pending").first()).toBeVisible();
  await expect(page.getByTestId("members-list")).toContainText("Frida Founder");
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await keepScreenshot(page, "dashboard");

  await signOut(page);
  await keepScreenshot(page, "login");

  // A wrong password says so clearly and keeps the visitor on the form.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("definitely not it");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Incorrect email or password.");
  await expect(page).toHaveURL(/\/login/);
  await keepScreenshot(page, "login-wrong-password");

  await signIn(page, email, password);
  await sidebarLink(page, "Audit log").click();
  await expect(page).toHaveURL(/\/audit-log$/);
  const actions = await auditActions(page);
  // Newest first: the sign-in, the failed attempt, the sign-out, the sign-in after sign-up, the sign-up.
  expect(actions).toEqual(["auth.signed_in", "auth.login_failed", "auth.signed_out", "auth.signed_in", "auth.signed_up"]);
  await expect(page.getByTestId("audit-row").first()).toContainText("127.0.0.1");
  await expect(page.getByTestId("audit-row").first()).toContainText("Chrome");
  await keepScreenshot(page, "audit-log");

  // Filter by action.
  await page.getByLabel("Action").selectOption("auth.login_failed");
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(/action=auth\.login_failed/);
  await expect(page.getByTestId("audit-row")).toHaveCount(1);
  await expect(page.getByTestId("audit-row")).toContainText("Failed sign-in");
});

test("repeated wrong passwords are throttled with a clear message", async ({ page, request }) => {
  const email = uniqueEmail("throttled");
  const created = await registerViaApi(request, { email, password: "the right password", name: "T", tenant_name: "Throttle Co" });
  expect(created.status()).toBe(201);
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("form-error")).toHaveText("Incorrect email or password.");
  }
  await page.getByLabel("Password").fill("the right password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toContainText("Too many failed sign-in attempts");
  await expect(page).toHaveURL(/\/login/);
});

test("a member is refused the audit log; an admin may read it", async ({ page }) => {
  await signIn(page, DEMO.member, DEMO_PASSWORD);
  await expect(page.getByTestId("user-role")).toHaveText("member");
  await expect(page.getByText("Only admins and owners can see the audit log.")).toBeVisible();
  // The section is shown, disabled, so people know it exists.
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await expect(page.getByText("Audit log", { exact: true })).toHaveAttribute("aria-disabled", "true");
  // A client-side navigation renders the page segment without the shared layout: the page itself must refuse.
  await page.evaluate(() => {
    const w = window as unknown as { softNavigation?: boolean; next: { router: { push(href: string): void } } };
    w.softNavigation = true;
    w.next.router.push("/audit-log");
  });
  await expect(page).toHaveURL(/\/audit-log$/);
  await expect(page.getByText("You do not have access to the audit log")).toBeVisible();
  await expect(page.getByTestId("audit-row")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { softNavigation?: boolean }).softNavigation)).toBe(true);
  await page.goto("/audit-log");
  await expect(page.getByText("You do not have access to the audit log")).toBeVisible();
  await expect(page.getByTestId("audit-row")).toHaveCount(0);
  await keepScreenshot(page, "audit-log-member-refused");
  const api = await page.request.get("/api/v1/auth/tenants/audit-logs/");
  expect(api.status()).toBe(403);
  await signOut(page);

  await signIn(page, DEMO.admin, DEMO_PASSWORD);
  await page.goto("/audit-log");
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
});

test("signed-out visitors are sent to sign-in for every portal page, and come back after", async ({ page }) => {
  for (const path of ["/dashboard", "/audit-log", "/"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login/);
  }
  await page.goto("/audit-log?action=auth.signed_in");
  await expect(page).toHaveURL(/callbackUrl=%2Faudit-log%3Faction%3Dauth.signed_in/);
  await page.getByLabel("Email").fill(DEMO.owner);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/audit-log\?action=auth\.signed_in$/);
});
