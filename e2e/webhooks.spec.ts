import { expect, test } from "@playwright/test";
import { addMemberViaApi, keepScreenshot, registerViaApi, sidebarLink, signIn, startReceiver, uniqueEmail } from "./helpers";

// A tenant of its own, made fresh on every try: the first configuration is
// what shows the secret, so a retry (CI retries once) must not find the
// endpoint an earlier try left behind. Its owner brings in the admin who
// does the work in the browser: configuring webhooks is an admin's job.
test("an admin configures a receiver, tests it, sees a failed delivery and its retry, and retries it after the fix", async ({ page, request }) => {
  const registered = await registerViaApi(request, {
    email: uniqueEmail("webhooks-owner"),
    password: "webhooks owner password",
    name: "Wren Webhooks",
    tenant_name: "Webhook Works",
  });
  expect(registered.status()).toBe(201);
  const { access_token } = (await registered.json()) as { access_token: string };
  const admin = { email: uniqueEmail("webhooks-admin"), password: "webhooks admin password", name: "Ada Admin", role: "admin" as const };
  await addMemberViaApi(request, access_token, admin);
  const receiver = await startReceiver();
  try {
    await signIn(page, admin.email, admin.password);
    await expect(page.getByTestId("user-role")).toHaveText("admin");
    await sidebarLink(page, "Webhooks").click();
    await expect(page).toHaveURL(/\/webhooks$/);

    await page.getByLabel("Endpoint URL").fill("ftp://nope");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByTestId("url-error")).toBeVisible();

    await page.getByLabel("Endpoint URL").fill(receiver.url);
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const secretField = page.getByRole("textbox", { name: "webhook signing secret", exact: true });
    receiver.state.secret = await secretField.inputValue();
    expect(receiver.state.secret).toMatch(/^whsec_/);
    await page.getByRole("button", { name: "I have stored the secret" }).click();
    await expect(page.getByTestId("secret-masked")).toHaveText(`whsec_****...${receiver.state.secret.slice(-4)}`);

    // The test console: a signed event, its status and timing.
    await page.getByLabel("Payload (the event's data)").fill("{ not json");
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText(/Not valid JSON/)).toBeVisible();
    await page.getByLabel("Event type").selectOption("webhook.test");
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByTestId("test-status-code")).toHaveText("HTTP 200");
    await expect(page.getByTestId("test-response-time")).toHaveText(/^\d+ ms$/);
    await expect(page.getByTestId("test-result")).toContainText("webhook-signature: v1,");
    expect(receiver.state.received.at(-1)).toMatchObject({ type: "webhook.test", test: true, verified: true });
    await keepScreenshot(page, "webhooks");

    // Break the receiver, then cause a real event: the owner regenerates test keys through the API.
    receiver.state.status = 500;
    const regenerated = await request.post("/api/v1/auth/tenants/api-keys/regenerate/", {
      headers: { authorization: `Bearer ${access_token}` },
      data: { key_type: "test", confirm: true },
    });
    expect(regenerated.status()).toBe(201);

    const row = page.locator('[data-testid="delivery-row"][data-event="api_keys.regenerated"]');
    await expect(row).toHaveAttribute("data-status", "failing", { timeout: 20_000 });
    await expect(row).toContainText("500");
    await row.getByRole("button", { name: /^Details of/ }).click();
    const details = page.getByRole("dialog");
    await expect(details.getByTestId("attempt-detail").filter({ hasText: "failed" }).first()).toContainText("HTTP 500");
    // The next attempt shows when it is due: ahead, or just passed when the worker has not picked it up yet (a busy CI machine).
    await expect(details.getByTestId("attempt-detail").filter({ hasText: "pending" })).toContainText(/due (in |just now)/);
    await keepScreenshot(page, "webhooks-delivery-detail", { fullPage: false });
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);

    // Fix it and retry by hand.
    receiver.state.status = 200;
    await row.getByRole("button", { name: /^Retry/ }).click();
    await expect(row).toHaveAttribute("data-status", "delivered", { timeout: 15_000 });
    const regeneratedDeliveries = receiver.state.received.filter((entry) => entry.type === "api_keys.regenerated");
    expect(regeneratedDeliveries.at(-1)).toMatchObject({ verified: true, test: false });
    expect(new Set(regeneratedDeliveries.map((entry) => entry.id)).size).toBe(1);
    await keepScreenshot(page, "webhooks-delivered");
  } finally {
    receiver.close();
  }
});
