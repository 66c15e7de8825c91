import { expect, test, type Page } from "@playwright/test";
import { checkAtBothWidths, registerViaApi, submitSignIn, uniqueClientIp, uniqueEmail } from "./helpers";

/** Axe, the width and a screenshot of what is on screen, at both widths. */
const checkBothWidths = (page: Page, name: string) => checkAtBothWidths(page, `password-reset-${name}`);

test("forgot password: the link arrives in the development mailbox, the new password signs in, the link works once", async ({ browser }) => {
  // One journey through six states, each checked with axe and a screenshot at two widths: about 50 s
  // alone on a two-core machine, more with a second worker, so the default 60 s does not fit it.
  test.setTimeout(150_000);
  // Reset requests are throttled per address: this person comes from one of their own.
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  const page = await context.newPage();
  const email = uniqueEmail("forgetful");
  const registered = await registerViaApi(page.request, { email, password: "the old password 1", name: "Fay Forgetful", tenant_name: "Forgetful Foods" });
  expect(registered.status()).toBe(201);

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill("not an email");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address.");
  await checkBothWidths(page, "forgot-invalid");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByTestId("forgot-password-sent")).toContainText("If an account uses this email");
  await checkBothWidths(page, "forgot-sent");

  await page.goto("/dev/mailbox");
  await expect(page.getByTestId("dev-mailbox-label")).toHaveText("Development mailbox: nothing here was sent");
  const mail = page.getByTestId("dev-mail").filter({ hasText: email }).filter({ has: page.getByRole("link", { name: /\/reset-password\// }) });
  await expect(mail).toHaveCount(1);
  await expect(mail).toContainText("Hello Fay Forgetful");
  await checkBothWidths(page, "mailbox");
  const link = await mail.getByRole("link", { name: /\/reset-password\// }).getAttribute("href");
  await mail.getByRole("link", { name: /\/reset-password\// }).click();

  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password").fill("short");
  await page.getByLabel("The same password again").fill("short");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.locator("#password-error")).toHaveText("Use at least 10 characters.");
  await checkBothWidths(page, "reset-invalid");
  await page.getByLabel("New password").fill("the new password 2");
  await page.getByLabel("The same password again").fill("the new password 2");
  await page.getByRole("button", { name: "Set the new password" }).click();

  await expect(page).toHaveURL(/\/login\?/);
  await expect(page.getByTestId("password-reset-done")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await checkBothWidths(page, "login-after-reset");
  await page.getByLabel("Password").fill("the old password 1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Incorrect email or password.");
  await submitSignIn(page, email, "the new password 2");

  // The "password changed" notice followed, and the link is spent.
  await page.goto("/dev/mailbox");
  await expect(page.getByTestId("dev-mail").filter({ hasText: email }).filter({ hasText: "Your password was changed" })).toHaveCount(1);
  await page.goto(link!);
  await page.getByLabel("New password").fill("a third password 3");
  await page.getByLabel("The same password again").fill("a third password 3");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  await expect(page.getByTestId("form-error")).toContainText("not valid or was already used");
  await checkBothWidths(page, "reset-used-link");
  await context.close();
});
