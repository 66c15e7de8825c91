import { expect, test } from "@playwright/test";
import { acceptAsNewPerson, auditActions, inviteThroughTeamPage, keepScreenshot, sidebarLink, startReceiver, uniqueClientIp, uniqueEmail } from "./helpers";

// The product's story in one run, as a new customer lives it: README's
// "A walk through the portal" follows these steps.
test.use({ permissions: ["clipboard-read", "clipboard-write"], extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });

test("sign up, connect Stripe, receive webhooks, rotate keys, invite an admin, revoke live keys, and read it all in the audit log", async ({ page, request, browser }) => {
  test.setTimeout(120_000);
  const receiver = await startReceiver();
  try {
    // 1. Sign up.
    const email = uniqueEmail("journey");
    await page.goto("/signup");
    await page.getByLabel("Your name").fill("Jo Journey");
    await page.getByLabel("Work email").fill(email);
    await page.getByLabel("Password").fill("journey owner password");
    await page.getByLabel("Organisation name").fill("Journey Goods");
    await page.getByRole("button", { name: "Create account" }).click();
    // The test keys, shown once, before the dashboard.
    await expect(page.getByLabel("test secret key", { exact: true })).toHaveValue(/^sk_test_/, { timeout: 30_000 });
    await page.getByRole("button", { name: "I have stored the secret" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId("tenant-name")).toHaveText("Journey Goods");

    // 2. Connect Stripe through the simulator.
    await sidebarLink(page, "Stripe").click();
    await page.getByRole("button", { name: "Connect with Stripe" }).click();
    await page.getByRole("button", { name: "Complete onboarding" }).click();
    await expect(page.getByTestId("stripe-notice")).toHaveText("Stripe account connected.");
    await expect(page.getByTestId("tenant-name").locator("..")).toContainText("active");

    // 3. Configure the webhook endpoint to a local receiver that checks signatures.
    await sidebarLink(page, "Webhooks").click();
    await page.getByLabel("Endpoint URL").fill(receiver.url);
    await page.getByRole("button", { name: "Add endpoint" }).click();
    receiver.state.secret = await page.getByRole("textbox", { name: "webhook signing secret", exact: true }).inputValue();
    await page.getByRole("button", { name: "I have stored the secret" }).click();

    // 4. Send a test event.
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByTestId("test-status-code")).toHaveText("HTTP 200");
    expect(receiver.state.received.at(-1)).toMatchObject({ type: "webhook.test", verified: true });

    // 5. Regenerate the test keys and use the new secret on the platform API.
    await sidebarLink(page, "API keys").click();
    await page.getByRole("button", { name: "Regenerate" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel('Type "regenerate" to confirm').fill("regenerate");
    await dialog.getByRole("button", { name: "Regenerate test keys" }).click();
    const newTestSecret = await dialog.getByLabel("test secret key", { exact: true }).inputValue();
    await dialog.getByRole("button", { name: "I have stored the secret" }).click();
    const account = await request.get("/api/v1/account/", { headers: { authorization: `Bearer ${newTestSecret}` } });
    expect(account.status()).toBe(200);
    expect(await account.json()).toMatchObject({ tenant: { name: "Journey Goods", status: "active" }, mode: "test", stripe: { connected: true } });

    // 6. The receiver gets api_keys.regenerated, signed with the endpoint's secret.
    await expect.poll(() => receiver.state.received.filter((event) => event.type === "api_keys.regenerated"), { timeout: 20_000 }).toEqual([
      expect.objectContaining({ verified: true }),
    ]);

    // 7. Invite an admin, who joins with a new account.
    const adminEmail = uniqueEmail("journey-admin");
    const { link } = await inviteThroughTeamPage(page, adminEmail, "admin");
    await page.getByRole("button", { name: "Done" }).click();
    const admin = await acceptAsNewPerson(browser, link, "Ari Admin", "journey admin password");

    // 8. The admin sees the keys but cannot revoke them, in the page and through the API.
    await sidebarLink(admin.page, "API keys").click();
    await expect(admin.page.getByRole("button", { name: "Revoke" })).toBeDisabled();
    await expect(admin.page.getByTestId("owner-only-note")).toContainText("Only owners can regenerate or revoke keys");
    const refused = await admin.page.request.post("/api/v1/auth/tenants/api-keys/revoke/", {
      data: { key_type: "live", reason: "trying", confirm: true },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(refused.status()).toBe(403);
    await admin.context.close();

    // 9. The owner revokes the live keys with a reason.
    await page.goto("/api-keys");
    await page.getByRole("button", { name: "Revoke" }).click();
    await page.getByLabel("Reason (goes into the audit log)").fill("Live secret pasted in a support ticket");
    await page.getByLabel('Type "revoke" to confirm').fill("revoke");
    await page.getByRole("dialog").getByRole("button", { name: "Revoke live keys" }).click();
    await expect(page.getByText("Revoked 2 live keys", { exact: true })).toBeVisible();

    // 10. The audit log tells the whole story, in order.
    await page.goto("/audit-log");
    const actions = await auditActions(page);
    const story = actions.reverse().filter((action) => action !== "auth.signed_in" && action !== "webhooks.secret_revealed");
    expect(story).toEqual([
      "auth.signed_up",
      "stripe.connect_started",
      "stripe.account_connected",
      "webhooks.endpoint_configured",
      "webhooks.test_sent",
      "api_keys.regenerated",
      "invitations.created",
      "invitations.accepted",
      "api_keys.revoked",
    ]);
    await expect(page.getByTestId("audit-row").first()).toContainText("Live secret pasted in a support ticket");
    await keepScreenshot(page, "journey-audit-log");
  } finally {
    receiver.close();
  }
});
