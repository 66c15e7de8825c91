import { expect, test } from "@playwright/test";
import { acceptAsNewPerson, auditActions, confirmEmailFromMailbox, DEMO, DEMO_PASSWORD, inviteThroughTeamPage, keepScreenshot, registerViaApi, signIn, signInViaApi, uniqueEmail } from "./helpers";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("an owner invites an admin who joins with a new account; the owner changes the role and removes them; the last owner stays", async ({ page, request, browser }) => {
  // Three browsers, two new accounts, a dozen page loads and sign-ins: a long journey, not a slow one.
  test.setTimeout(120_000);
  const email = uniqueEmail("team-owner");
  const password = "team owner password";
  expect((await registerViaApi(request, { email, password, name: "Olive Owner", tenant_name: "Olive Tree Ltd" })).status()).toBe(201);
  await signIn(page, email, password);
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();
  await expect(page.getByTestId("invitations-empty")).toContainText("No pending invitations");

  // Bad input stays inline and sends nothing.
  await page.getByLabel("Email").fill("not an email");
  await page.getByRole("button", { name: "Create invitation" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();

  const invitee = uniqueEmail("new-admin");
  const { dialog, link } = await inviteThroughTeamPage(page, invitee, "admin");
  await dialog.getByRole("button", { name: "Copy Invitation link" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await keepScreenshot(page, "team-invitation-link", { fullPage: false });
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId(`invitation-${invitee}`)).toContainText("admin");
  expect(await page.content()).not.toContain(link);

  // A second invitation, revoked: its link then explains itself.
  const { link: revokedLink } = await inviteThroughTeamPage(page, uniqueEmail("changed-mind"), "member");
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: /^Revoke the invitation for changed-mind/ }).click();
  await expect(page.getByRole("dialog")).toContainText("The link stops working at once");
  await page.getByRole("dialog").getByRole("button", { name: "Revoke invitation" }).click();
  await expect(page.getByText(/^Revoked the invitation for/)).toBeVisible();

  const joined = await acceptAsNewPerson(browser, link, "Ada Admin", "ada admin password");
  await expect(joined.page.getByTestId("tenant-name")).toHaveText("Olive Tree Ltd");
  await expect(joined.page.getByTestId("user-role")).toHaveText("admin");
  await joined.page.goto(link);
  await expect(joined.page.getByTestId("invitation-problem")).toContainText("already been used");
  await joined.page.goto(revokedLink);
  await expect(joined.page.getByTestId("invitation-problem")).toContainText("revoked");
  await keepScreenshot(joined.page, "invite-revoked");

  await page.reload();
  // Visible only: while a reload streams in, the page can briefly hold a second, hidden copy of the table.
  const row = page.getByTestId(`member-${invitee}`).filter({ visible: true });
  await expect(row).toContainText("Ada Admin");
  await expect(row).toContainText("admin");
  await keepScreenshot(page, "team");

  await page.getByRole("button", { name: "Change role of Ada Admin" }).click();
  await page.getByRole("dialog").getByLabel(/^member/i).check();
  await page.getByRole("dialog").getByRole("button", { name: "Make member" }).click();
  await expect(page.getByText("Ada Admin is now a member", { exact: true })).toBeVisible();
  await expect(row).toContainText("member");
  // The admin-turned-member sees only themselves now.
  await joined.page.goto("/team");
  await expect(joined.page.getByTestId("team-owner-only-note")).toContainText("Members see only themselves");
  await expect(joined.page.getByRole("row")).toHaveCount(2);

  // The last owner cannot step down: the API's message shows in the dialog.
  await page.getByRole("button", { name: "Change role of Olive Owner" }).click();
  await page.getByRole("dialog").getByLabel(/^admin/i).check();
  await page.getByRole("dialog").getByRole("button", { name: "Make admin" }).click();
  await expect(page.getByTestId("role-error")).toContainText("at least one owner");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await page.getByRole("button", { name: "Remove Ada Admin" }).click();
  await expect(page.getByRole("dialog")).toContainText(`${invitee} (member) loses access to this tenant immediately`);
  await page.getByRole("dialog").getByRole("button", { name: "Remove Ada Admin" }).click();
  await expect(page.getByText("Removed Ada Admin", { exact: true })).toBeVisible();
  await expect(row).toHaveCount(0);
  await joined.page.goto("/dashboard");
  await expect(joined.page).toHaveURL(/\/login/);
  await joined.context.close();

  // Invited again, the removed person comes back with the password they already have.
  const { link: again } = await inviteThroughTeamPage(page, invitee, "member");
  await page.getByRole("button", { name: "Done" }).click();
  const back = await browser.newContext();
  const backPage = await back.newPage();
  await backPage.goto(again);
  await expect(backPage.getByText("already has an account")).toBeVisible();
  await backPage.getByLabel("Password").fill("wrong password");
  await backPage.getByRole("button", { name: "Accept and join Olive Tree Ltd" }).click();
  await expect(backPage.getByTestId("form-error")).toHaveText("Incorrect email or password.");
  await backPage.getByLabel("Password").fill("ada admin password");
  await backPage.getByRole("button", { name: "Accept and join Olive Tree Ltd" }).click();
  await expect(backPage).toHaveURL(/\/dashboard$/);
  await expect(backPage.getByTestId("user-role")).toHaveText("member");
  await back.close();

  await page.goto("/audit-log");
  const actions = await auditActions(page);
  expect(actions.slice(0, 10)).toEqual([
    // Coming back: the password accept, then next-auth's sign-in, which reopens the joined tenant.
    "auth.signed_in",
    "invitations.accepted",
    "invitations.created",
    "members.removed",
    "members.role_changed",
    // The new account signs in through next-auth right after joining.
    "auth.signed_in",
    "invitations.accepted",
    "invitations.revoked",
    "invitations.created",
    "invitations.created",
  ]);
});

test("a person in two tenants joins the second after signing in, then switches between them from the user menu", async ({ page, request }) => {
  // Two tenants, an invitation, a sign-in, two switches and two tabs: a long journey, not a slow one.
  test.setTimeout(120_000);
  const hostEmail = uniqueEmail("host");
  const guestEmail = uniqueEmail("guest");
  expect((await registerViaApi(request, { email: hostEmail, password: "host owner password", name: "Hal Host", tenant_name: "Host House" })).status()).toBe(201);
  expect((await registerViaApi(request, { email: guestEmail, password: "guest owner password", name: "Gus Guest", tenant_name: "Guest Garage" })).status()).toBe(201);
  await signIn(page, hostEmail, "host owner password");
  const { link } = await inviteThroughTeamPage(page, guestEmail, "member");
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  // The guest already has an account and confirms its address first (an unconfirmed account cannot accept).
  await confirmEmailFromMailbox(page, guestEmail);
  // They sign in first, and the sign-in brings them back to the link.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Join Host House" })).toBeVisible();
  await keepScreenshot(page, "invite-sign-in");
  await page.getByRole("link", { name: "sign in first" }).click();
  await expect(page.getByLabel("Email")).toHaveValue(guestEmail);
  await page.getByLabel("Password").fill("guest owner password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/invite\//);
  await page.getByRole("button", { name: "Accept and join Host House" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("tenant-name")).toHaveText("Host House");
  await expect(page.getByTestId("user-role")).toHaveText("member");

  // A member of Host House: no audit log there, and only themselves on the team page.
  await page.goto("/audit-log");
  await expect(page.getByText("You do not have access to the audit log")).toBeVisible();
  await page.goto("/team");
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("row").nth(1)).toContainText(guestEmail);

  await page.getByRole("button", { name: /Account menu/ }).click();
  await expect(page.getByRole("menuitem", { name: "Host House (current tenant, member)" })).toBeVisible();
  await keepScreenshot(page, "tenant-switcher", { fullPage: false });
  await page.getByRole("menuitem", { name: "Switch to Guest Garage (owner)" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("tenant-name")).toHaveText("Guest Garage");
  await expect(page.getByTestId("user-role")).toHaveText("owner");

  // An owner of Guest Garage: its own audit log, with nothing of Host House in it.
  await page.goto("/audit-log");
  await expect(page.getByTestId("audit-row").first()).toHaveAttribute("data-action", "auth.tenant_switched");
  const guestAudit = (await page.getByTestId("audit-row").allInnerTexts()).join("\n");
  expect(guestAudit).not.toContain(hostEmail);
  expect(guestAudit).not.toContain("Invitation");
  await page.goto("/team");
  await expect(page.getByTestId(`member-${hostEmail}`)).toHaveCount(0);

  // A second tab, still showing Guest Garage as its owner, while the first switches back to Host House.
  const otherTab = await page.context().newPage();
  await otherTab.goto("/team");
  await expect(otherTab.getByTestId("tenant-name")).toHaveText("Guest Garage");
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Switch to Host House (member)" }).click();
  await expect(page.getByTestId("tenant-name")).toHaveText("Host House");

  // The stale tab's action is refused, not applied to Host House, and the tab reloads into Host House.
  await otherTab.getByLabel("Email").fill(uniqueEmail("stale-tab"));
  await otherTab.getByRole("button", { name: "Create invitation" }).click();
  await expect(otherTab.getByTestId("tenant-name")).toHaveText("Host House");
  await expect(otherTab.getByTestId("user-role")).toHaveText("member");
  await expect(otherTab.getByRole("button", { name: "Create invitation" })).toHaveCount(0);
  await otherTab.close();
});

test("an admin sees the team and pending invitations but cannot invite or change anyone", async ({ page }) => {
  await signInViaApi(page.request, DEMO.admin, DEMO_PASSWORD);
  await page.goto("/team");
  await expect(page.getByTestId("team-owner-only-note")).toContainText("Only owners can invite people");
  await expect(page.getByTestId(`member-${DEMO.owner}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Create invitation" })).toBeDisabled();
  await expect(page.getByRole("button", { name: /^Change role of/ })).toHaveCount(0);
});
