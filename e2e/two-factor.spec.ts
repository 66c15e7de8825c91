import { expect, test, type Browser, type Page } from "@playwright/test";
import { generate } from "otplib";
import { addMemberViaApi, checkAtBothWidths, mailsTo, openFromAccountMenu, registerViaApi, sidebarLink, signIn, signOut, signedInBrowser, uniqueClientIp, uniqueEmail } from "./helpers";

/** Axe, the width and a screenshot of what is on screen, at both widths. */
const checkBothWidths = (page: Page, name: string, options?: { fullPage?: boolean }) => checkAtBothWidths(page, `two-factor-${name}`, options);

/** A dialog is a fixed overlay: its screenshot is the screen as a person sees it, not the page behind it. */
const checkDialogAtBothWidths = (page: Page, name: string) => checkBothWidths(page, name, { fullPage: false });

/**
 * The code an authenticator app shows `offsetSteps` 30-second steps from now.
 * A code is accepted once per step: a sign-in right after enrolling uses the
 * next step's code (still within the accepted drift of one step).
 */
const codeFor = (secret: string, offsetSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

/** Sets up two-factor on the profile page already open, with the secret shown for typing in; returns it and the recovery codes. */
async function enrolOnProfilePage(page: Page, screenshots?: string) {
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const secretField = page.getByTestId("two-factor-secret").getByRole("textbox", { name: "Secret key" });
  await expect(secretField).toHaveValue(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole("img", { name: /QR code for Tenant Admin Portal/ })).toBeVisible();
  if (screenshots) await checkBothWidths(page, `${screenshots}-scan`);
  const secret = await secretField.inputValue();
  await page.getByLabel("Authentication code").fill("000000");
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.locator("#two-factor-confirm-code-error")).toContainText("not right");
  await page.getByLabel("Authentication code").fill(await codeFor(secret));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  const codes = page.getByTestId("recovery-code");
  await expect(codes).toHaveCount(10);
  const recoveryCodes = await codes.allTextContents();
  if (screenshots) await checkBothWidths(page, `${screenshots}-recovery-codes`);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByTestId("recovery-codes-remaining")).toHaveText("10 recovery codes remain");
  return { secret, recoveryCodes };
}

/** Sends email and password on the sign-in page and waits for the second step. */
async function passwordStep(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible({ timeout: 30_000 });
}

/**
 * A new account, signed in from a browser of its own (own client address:
 * the wrong codes and passwords these tests send are throttled per address),
 * with two-factor set up on its profile page, which is left open.
 */
async function enrolledPerson(browser: Browser, prefix: string) {
  const person = { email: uniqueEmail(prefix), password: `${prefix} password 1` };
  const setup = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  expect((await registerViaApi(setup.request, { ...person, name: "Dana Dialog", tenant_name: "Dialog Devices" })).status()).toBe(201);
  await setup.close();
  const { context, page } = await signedInBrowser(browser, person);
  await openFromAccountMenu(page, "Profile");
  await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
  const { secret, recoveryCodes } = await enrolOnProfilePage(page);
  return { ...person, context, page, secret, recoveryCodes };
}

/** The profile's two-factor card says it is on, also after a reload (the server's state, not the card's). */
async function expectTwoFactorOn(page: Page) {
  await page.reload();
  await expect(page.getByTestId("recovery-codes-remaining")).toHaveText("10 recovery codes remain");
  await expect(page.getByRole("button", { name: "Turn off" })).toBeVisible();
}

/** Turned off: the card says so, the notice names how, and the next sign-in asks for no code. */
async function expectTwoFactorTurnedOff(page: Page, person: { email: string; password: string }, how: string) {
  await expect(page.getByText("Two-factor sign-in is off", { exact: true })).toBeVisible();
  await expect(page.getByTestId("two-factor-card")).toContainText("Two-factor sign-in is off: your password alone signs you in.");
  const notice = await mailsTo(page, person.email, "Two-factor sign-in was turned off");
  await expect(notice).toContainText(how);
  await page.goto("/dashboard");
  await signOut(page);
  // signIn waits for the dashboard: no second step on the way.
  await signIn(page, person.email, person.password);
}

test("enrol in the browser, then sign in with a code and with a recovery code", async ({ page }) => {
  // Three sign-ins and seven states checked at two widths each.
  test.setTimeout(180_000);
  const email = uniqueEmail("twofa");
  const password = "two factor password 1";
  expect((await registerViaApi(page.request, { email, password, name: "Tess Twofactor", tenant_name: "Twofold Trading" })).status()).toBe(201);
  await signIn(page, email, password);

  await openFromAccountMenu(page, "Profile");
  await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
  await expect(page.getByTestId("two-factor-card")).toContainText("Two-factor sign-in is off");
  await checkBothWidths(page, "profile-off");
  const { secret, recoveryCodes } = await enrolOnProfilePage(page, "enrol");
  await checkBothWidths(page, "profile-on");

  await signOut(page);
  await passwordStep(page, email, password);
  await checkBothWidths(page, "sign-in-code");
  await page.getByLabel("Authentication code").fill("123456");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("form-error")).toContainText("not right");
  await page.getByLabel("Authentication code").fill(await codeFor(secret, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });

  await signOut(page);
  await passwordStep(page, email, password);
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(recoveryCodes[0]);
  await checkBothWidths(page, "sign-in-recovery-code");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("recovery-code-used")).toContainText("9 recovery codes remain");
  await checkBothWidths(page, "recovery-code-used");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  // The used code is burnt.
  await signOut(page);
  await passwordStep(page, email, password);
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(recoveryCodes[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("form-error")).toContainText("already used");
});

test("an owner requires two-factor; a member is sent to enrol before anything else", async ({ browser }) => {
  test.setTimeout(180_000);
  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  const ownerEmail = uniqueEmail("twofa-owner");
  const password = "two factor password 2";
  const registered = await registerViaApi(ownerPage.request, { email: ownerEmail, password, name: "Olive Owner", tenant_name: "Strict Supplies" });
  expect(registered.status()).toBe(201);
  const ownerToken = ((await registered.json()) as { access_token: string }).access_token;
  const memberEmail = uniqueEmail("twofa-member");
  await addMemberViaApi(ownerPage.request, ownerToken, { email: memberEmail, password, name: "Milo Member", role: "member" });

  // The owner cannot require it before having it.
  await signIn(ownerPage, ownerEmail, password);
  await openFromAccountMenu(ownerPage, "Organization");
  await expect(ownerPage.getByRole("heading", { level: 1, name: "Organization" })).toBeVisible();
  await expect(ownerPage.getByRole("button", { name: "Require two-factor sign-in" })).toBeDisabled();
  await expect(ownerPage.getByTestId("two-factor-requirement-why")).toContainText("your own account first");
  await checkBothWidths(ownerPage, "organization-owner-without");
  await ownerPage.getByRole("link", { name: "Open your profile" }).click();
  await enrolOnProfilePage(ownerPage);

  await openFromAccountMenu(ownerPage, "Organization");
  await ownerPage.getByRole("button", { name: "Require two-factor sign-in" }).click();
  await expect(ownerPage.getByRole("dialog", { name: "Require two-factor sign-in?" })).toContainText("1 member of Strict Supplies");
  await ownerPage.getByRole("dialog").getByRole("button", { name: "Require two-factor" }).click();
  await expect(ownerPage.getByRole("button", { name: "Stop requiring two-factor" })).toBeVisible();
  await expect(ownerPage.getByTestId("two-factor-members")).toHaveText("1 of 2 members sign in with two-factor. The others are sent to set it up before they can do anything else.");
  await checkBothWidths(ownerPage, "organization-required");

  // The member signs in with the password alone and lands on the profile, whatever page they ask for.
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await memberPage.goto("/login");
  await memberPage.getByLabel("Email").fill(memberEmail);
  await memberPage.getByLabel("Password").fill(password);
  await memberPage.getByRole("button", { name: "Sign in" }).click();
  await expect(memberPage).toHaveURL(/\/settings\/profile\?two_factor=required$/, { timeout: 30_000 });
  await expect(memberPage.getByTestId("two-factor-required-notice")).toContainText("Strict Supplies requires two-factor sign-in");
  await checkBothWidths(memberPage, "member-held");
  await memberPage.goto("/team");
  await expect(memberPage).toHaveURL(/\/settings\/profile\?two_factor=required$/);
  const api = await memberPage.request.get("/api/v1/auth/tenants/members/");
  expect(api.status()).toBe(403);
  expect(((await api.json()) as { error: { code: string } }).error.code).toBe("two_factor_enrolment_required");

  await enrolOnProfilePage(memberPage);
  await sidebarLink(memberPage, "Team").click();
  await expect(memberPage.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();
  await ownerContext.close();
  await memberContext.close();
});

test("regenerate recovery codes with a current code: the new ones are shown once, an old one no longer signs in, a new one does", async ({ browser }) => {
  // Three sign-ins and four states at two widths.
  test.setTimeout(180_000);
  const { context, page, email, password, secret, recoveryCodes } = await enrolledPerson(browser, "regenerate");

  await page.getByRole("button", { name: "Regenerate recovery codes" }).click();
  const dialog = page.getByRole("dialog", { name: "Regenerate recovery codes?" });
  await expect(dialog).toContainText("the ones you have now stop working at once");
  await checkDialogAtBothWidths(page, "regenerate-dialog");
  await dialog.getByLabel("Authentication code").fill("000000");
  await dialog.getByRole("button", { name: "Regenerate codes" }).click();
  await expect(dialog.getByTestId("two-factor-dialog-error")).toContainText("not right");
  await checkDialogAtBothWidths(page, "regenerate-refused");
  // The refused code left the codes as they were.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expectTwoFactorOn(page);

  await page.getByRole("button", { name: "Regenerate recovery codes" }).click();
  // The enrolment used this step's code: a code is accepted once per step, so the next step's.
  await dialog.getByLabel("Authentication code").fill(await codeFor(secret, 1));
  await dialog.getByRole("button", { name: "Regenerate codes" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText("New recovery codes", { exact: true })).toBeVisible();
  const shown = page.getByTestId("recovery-code");
  await expect(shown).toHaveCount(10);
  const newCodes = await shown.allTextContents();
  expect(newCodes.filter((code) => recoveryCodes.includes(code))).toEqual([]);
  await checkBothWidths(page, "regenerated-codes");
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByTestId("recovery-codes-remaining")).toHaveText("10 recovery codes remain");
  // Shown once: not after a reload.
  await page.reload();
  await expect(page.getByTestId("recovery-codes-remaining")).toHaveText("10 recovery codes remain");
  await expect(page.getByTestId("recovery-code")).toHaveCount(0);

  await signOut(page);
  await passwordStep(page, email, password);
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(recoveryCodes[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("form-error")).toContainText("not right");
  await page.getByLabel("Recovery code").fill(newCodes[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("recovery-code-used")).toContainText("9 recovery codes remain");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await context.close();
});

test("turn two-factor off with a code: a wrong code leaves it on; then off, a notice mail, and sign-in asks no code", async ({ browser }) => {
  test.setTimeout(180_000);
  const person = await enrolledPerson(browser, "disable-code");
  const { page } = person;

  await page.getByRole("button", { name: "Turn off" }).click();
  const dialog = page.getByRole("dialog", { name: "Turn off two-factor sign-in?" });
  await expect(dialog).toContainText("Confirm with a current code or your password");
  await checkDialogAtBothWidths(page, "disable-dialog");
  await dialog.getByLabel("Authentication code").fill("000000");
  await dialog.getByRole("button", { name: "Turn off two-factor" }).click();
  await expect(dialog.getByTestId("two-factor-dialog-error")).toContainText("not right");
  await checkDialogAtBothWidths(page, "disable-refused");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expectTwoFactorOn(page);

  await page.getByRole("button", { name: "Turn off" }).click();
  await dialog.getByLabel("Authentication code").fill(await codeFor(person.secret, 1));
  await dialog.getByRole("button", { name: "Turn off two-factor" }).click();
  await expect(dialog).toHaveCount(0);
  await expectTwoFactorTurnedOff(page, person, "with a code from the authenticator app");
  await person.context.close();
});

test("turn two-factor off with the password: a wrong password leaves it on; then off, a notice mail, and sign-in asks no code", async ({ browser }) => {
  test.setTimeout(180_000);
  const person = await enrolledPerson(browser, "disable-password");
  const { page } = person;

  await page.getByRole("button", { name: "Turn off" }).click();
  const dialog = page.getByRole("dialog", { name: "Turn off two-factor sign-in?" });
  await dialog.getByRole("button", { name: "Use your password instead" }).click();
  await dialog.getByLabel("Password").fill("not my password");
  await dialog.getByRole("button", { name: "Turn off two-factor" }).click();
  await expect(dialog.getByTestId("two-factor-dialog-error")).toHaveText("The password is not right.");
  await checkDialogAtBothWidths(page, "disable-password-refused");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expectTwoFactorOn(page);

  await page.getByRole("button", { name: "Turn off" }).click();
  await dialog.getByRole("button", { name: "Use your password instead" }).click();
  await dialog.getByLabel("Password").fill(person.password);
  await checkDialogAtBothWidths(page, "disable-password-dialog");
  await dialog.getByRole("button", { name: "Turn off two-factor" }).click();
  await expect(dialog).toHaveCount(0);
  await expectTwoFactorTurnedOff(page, person, "with the account's password");
  await person.context.close();
});
