import { expect, test, type Page } from "@playwright/test";
import { checkAtBothWidths, linkFromMailbox, mailsTo, openFromAccountMenu, registerViaApi, signIn, signOut, signedInBrowser, uniqueClientIp, uniqueEmail } from "./helpers";

/** Axe, the width and a screenshot of what is on screen, at both widths. */
const checkBothWidths = (page: Page, name: string) => checkAtBothWidths(page, `profile-${name}`);

test("a new account confirms its email from the development mailbox; the banner goes away", async ({ browser }) => {
  // Seven states checked at two widths each: axe runs fourteen times.
  test.setTimeout(120_000);
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  const page = await context.newPage();
  const email = uniqueEmail("confirm");
  const password = "confirming password 1";
  expect((await registerViaApi(page.request, { email, password, name: "Cora Confirm", tenant_name: "Confirm Co" })).status()).toBe(201);

  await signIn(page, email, password);
  const banner = page.getByTestId("email-verification-banner");
  await expect(banner).toContainText(email);
  await checkBothWidths(page, "banner");
  // Resending right after sign-up is too soon: the refusal says when to try again.
  await banner.getByRole("button", { name: "Resend" }).click();
  await expect(page.getByText("Confirmation link sent", { exact: true })).toBeVisible();
  await banner.getByRole("button", { name: "Resend" }).click();
  await expect(banner.getByTestId("resend-error")).toContainText("Too many verification mails");

  const link = await linkFromMailbox(page, email, "/verify-email/");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  await checkBothWidths(page, "verify-email");
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByTestId("email-confirmed")).toContainText(`${email} is confirmed`);
  await checkBothWidths(page, "verify-email-done");

  await page.getByRole("link", { name: "Go to the portal" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await expect(page.getByTestId("email-verification-banner")).toHaveCount(0);
  await openFromAccountMenu(page, "Profile");
  await expect(page.getByTestId("profile-email")).toHaveText(email);
  await expect(page.getByText("Confirmed", { exact: true })).toBeVisible();

  // The link works once.
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  await checkBothWidths(page, "verify-email-used");
  await context.close();
});

test("profile: change the name and the password, see the sessions, sign one out, then sign out everywhere", async ({ browser }) => {
  // Two browsers, two sign-ins and a password hash each way, and four states at two widths.
  test.setTimeout(180_000);
  const email = uniqueEmail("profile");
  const person = { email, password: "profile password 1" };
  const setup = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  expect((await registerViaApi(setup.request, { ...person, name: "Pia Profile", tenant_name: "Profile Place" })).status()).toBe(201);
  await setup.close();

  // Two browsers: this one, and a "phone" that will be signed out from here.
  const phone = await signedInBrowser(browser, person);
  const { context, page } = await signedInBrowser(browser, person);
  await openFromAccountMenu(page, "Profile");
  await expect(page).toHaveURL(/\/settings\/profile$/);
  await expect(page.getByRole("heading", { name: "Profile", level: 1 })).toBeVisible();
  const rows = page.getByTestId("session-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("This browser");
  await expect(rows.first()).toContainText("Chrome on Windows");
  await checkBothWidths(page, "page");

  // Name.
  await page.getByLabel("Your name").fill("");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.locator("#profile-name-error")).toHaveText("Enter your name.");
  await page.getByLabel("Your name").fill("Pia Renamed");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Name saved", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Account menu for Pia Renamed" })).toBeVisible();

  // Password: the wrong current password is refused beside the field.
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("profile password 2");
  await page.getByLabel("New password again").fill("profile password 2");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#current-password-error")).toHaveText("The current password is not correct.");
  await checkBothWidths(page, "password-refused");
  await page.getByLabel("Current password").fill(person.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed", { exact: true })).toBeVisible();
  // This browser goes on; the phone is signed out.
  await expect(rows).toHaveCount(1);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Profile", level: 1 })).toBeVisible();
  await phone.page.goto("/dashboard");
  await expect(phone.page).toHaveURL(/\/login/);

  // The phone signs in again with the new password, and is signed out from here.
  await signIn(phone.page, email, "profile password 2");
  await page.reload();
  await expect(rows).toHaveCount(2);
  await rows.nth(1).getByRole("button", { name: /^Sign out Chrome on Windows/ }).click();
  await expect(page.getByText("Signed out", { exact: true })).toBeVisible();
  await expect(rows).toHaveCount(1);
  await phone.page.goto("/team");
  await expect(phone.page).toHaveURL(/\/login/);

  // Everywhere: a dialog says what happens, then this browser is signed out too.
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  const dialog = page.getByRole("dialog", { name: "Sign out everywhere?" });
  await expect(dialog).toContainText("this one included");
  await checkBothWidths(page, "sign-out-everywhere");
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/settings/profile");
  await expect(page).toHaveURL(/\/login/);
  await phone.context.close();
  await context.close();
});

test("an owner renames the organization and sees its slug and id; an admin sees it read-only", async ({ browser }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("org-owner");
  const owner = { email, password: "organization password" };
  const setup = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  const registered = await registerViaApi(setup.request, { ...owner, name: "Otto Org", tenant_name: "Org Original" });
  expect(registered.status()).toBe(201);
  const { tenant, access_token } = (await registered.json()) as { tenant: { id: string; slug: string }; access_token: string };
  const adminEmail = uniqueEmail("org-admin");
  const invited = await setup.request.post("/api/v1/auth/tenants/invitations/", { headers: { authorization: `Bearer ${access_token}` }, data: { email: adminEmail, role: "admin" } });
  const token = new URL(((await invited.json()) as { invite_url: string }).invite_url).pathname.split("/").at(-1);
  const accepted = await setup.request.post("/api/v1/auth/tenants/invitations/accept/", { data: { token, name: "Ada Admin", password: "organization admin pw" } });
  expect(accepted.status()).toBe(200);
  await setup.close();

  const { context, page } = await signedInBrowser(browser, owner);
  // Old links to /settings land on the profile.
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/settings\/profile$/);
  await openFromAccountMenu(page, "Organization");
  await expect(page).toHaveURL(/\/settings\/organization$/);
  await expect(page.getByRole("textbox", { name: "Organization slug" })).toHaveValue(tenant.slug);
  await expect(page.getByRole("textbox", { name: "Organization id" })).toHaveValue(tenant.id);
  await expect(page.getByTestId("fee-headline")).toBeVisible();
  await checkBothWidths(page, "organization");

  await page.getByLabel("Name", { exact: true }).fill("O");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.locator("#organization-name-error")).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("Org Renamed");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByText("Organization renamed", { exact: true })).toBeVisible();
  await expect(page.getByTestId("tenant-name")).toHaveText("Org Renamed");
  await expect(page.getByRole("textbox", { name: "Organization slug" })).toHaveValue(tenant.slug);
  await page.goto("/audit-log");
  await expect(page.locator('[data-testid="audit-row"][data-action="settings.tenant_renamed"]')).toHaveCount(1);
  await context.close();

  const admin = await signedInBrowser(browser, { email: adminEmail, password: "organization admin pw" });
  await admin.page.goto("/settings/organization");
  await expect(admin.page.getByTestId("owner-only-note")).toBeVisible();
  await expect(admin.page.getByLabel("Name", { exact: true })).toBeDisabled();
  await checkBothWidths(admin.page, "organization-admin");
  await admin.context.close();
});

test("email change: a wrong password changes nothing; the link mailed to the new address moves the account and the old address is told", async ({ browser }) => {
  // Two sign-ins, a refused one, and five states at two widths.
  test.setTimeout(180_000);
  const oldEmail = uniqueEmail("move-from");
  const newEmail = uniqueEmail("move-to");
  const person = { email: oldEmail, password: "moving password 1" };
  const setup = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  expect((await registerViaApi(setup.request, { ...person, name: "Mo Mover", tenant_name: "Moving Co" })).status()).toBe(201);
  await setup.close();

  const { context, page } = await signedInBrowser(browser, person);
  await openFromAccountMenu(page, "Profile");
  await expect(page.getByRole("heading", { name: "Profile", level: 1 })).toBeVisible();
  // The password card has a "Current password" field too.
  const card = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "Email address", exact: true }) });
  await card.getByRole("button", { name: "Change email" }).click();
  await card.getByLabel("New email address").fill(newEmail);

  // The wrong password: refused beside the field, nothing pending, the address stays.
  await card.getByLabel("Current password").fill("not my password");
  await card.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.locator("#email-current-password-error")).toHaveText("The current password is not correct.");
  await expect(card.getByTestId("pending-email")).toHaveCount(0);
  await checkBothWidths(page, "email-change-refused");
  await page.reload();
  await expect(card.getByTestId("profile-email")).toHaveText(oldEmail);
  await expect(card.getByTestId("pending-email")).toHaveCount(0);

  await card.getByRole("button", { name: "Change email" }).click();
  await card.getByLabel("New email address").fill(newEmail);
  await card.getByLabel("Current password").fill(person.password);
  await card.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByText("Check the new address", { exact: true })).toBeVisible();
  await expect(card.getByTestId("pending-email")).toContainText(`Waiting for you to follow the link sent to ${newEmail}`);
  await expect(card.getByTestId("profile-email")).toHaveText(oldEmail);
  await checkBothWidths(page, "email-change-pending");
  // Pending is the server's state, not only the form's.
  await page.reload();
  await expect(card.getByTestId("pending-email")).toContainText(newEmail);

  // One link, to the new address only: the refused request sent nothing.
  const linkMail = await mailsTo(page, newEmail, "Confirm your new email address");
  await expect(linkMail).toContainText(`from ${oldEmail} to this address`);
  await expect(page.getByTestId("dev-mail").filter({ hasText: "Confirm your new email address" }).filter({ hasText: oldEmail })).toHaveCount(1);
  const link = await linkMail.getByRole("link", { name: /\/verify-email\// }).getAttribute("href");
  expect(link).toBeTruthy();

  // Opening the link changes nothing by itself (mail scanners open links); the button does.
  await page.goto(link!);
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  const confirmed = page.getByTestId("email-confirmed");
  await expect(confirmed.getByRole("heading", { name: "Your email address was changed" })).toBeVisible();
  await expect(confirmed).toContainText(`Your account now uses ${newEmail}`);
  await checkBothWidths(page, "email-changed");

  const notice = await mailsTo(page, oldEmail, "Your email address was changed");
  await expect(notice).toContainText(`was changed to ${newEmail}`);

  await page.goto("/dashboard");
  await openFromAccountMenu(page, "Profile");
  await expect(card.getByTestId("profile-email")).toHaveText(newEmail);
  await expect(card.getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(card.getByTestId("pending-email")).toHaveCount(0);

  // From now on the new address signs in, the old one does not.
  await signOut(page);
  await page.getByLabel("Email").fill(oldEmail);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Incorrect email or password.", { timeout: 30_000 });
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, newEmail, person.password);
  await openFromAccountMenu(page, "Profile");
  await expect(card.getByTestId("profile-email")).toHaveText(newEmail);
  await context.close();
});
