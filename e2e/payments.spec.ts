import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import {
  addMemberViaApi,
  connectStripeViaSimulator,
  createPaymentViaApi,
  DEMO,
  DEMO_PASSWORD,
  fillFeeScheduleForm,
  findTenantInConsole,
  keepScreenshot,
  openTenantInConsole,
  registerViaApi,
  saveCurrenciesOnSettingsPage,
  saveFeeScheduleForm,
  signedInBrowser,
  signIn,
  startReceiver,
  uniqueEmail,
} from "./helpers";

const row = (page: Page, id: string) => page.locator(`[data-testid="payment-row"][data-payment="${id}"]`);

test("an operator sets a tenant's fee, its owner enables EUR and JPY; a script's test payments show up with that fee, formatted, filter, open with their timeline, an admin refunds in part, they export as CSV and chart on the dashboard; a member cannot refund", async ({
  page,
  request,
  browser,
}) => {
  // Four people in their own browsers and a long walk through the portal: a long story, not a slow one.
  test.setTimeout(180_000);
  const email = uniqueEmail("payments-owner");
  const password = "payments owner password";
  const tag = Math.random().toString(36).slice(2, 8);
  const tenantName = `Payments Parlour ${tag}`;
  const registered = await registerViaApi(request, { email, password, name: "Paula Payments", tenant_name: tenantName });
  expect(registered.status()).toBe(201);
  const {
    access_token: token,
    api_keys: keys,
    tenant: { id: tenantId },
  } = (await registered.json()) as { access_token: string; api_keys: { mode: string; type: string; key: string }[]; tenant: { id: string } };
  const testKey = keys.find((key) => key.mode === "test" && key.type === "secret")!.key;
  const auth = { authorization: `Bearer ${token}` };

  // The tenant's endpoint receives the payment events, signed.
  const receiver = await startReceiver();
  try {
    const configured = await request.post("/api/v1/auth/tenants/webhooks/config/", { headers: auth, data: { url: receiver.url } });
    expect(configured.status()).toBe(200);
    receiver.state.secret = ((await configured.json()) as { secret: string }).secret;

    // The operator, in a browser of their own, gives the tenant a schedule of its own through the console.
    const operator = await signedInBrowser(browser, { email: DEMO.operator, password: DEMO_PASSWORD });
    try {
      await operator.page.goto("/platform");
      await openTenantInConsole(await findTenantInConsole(operator.page, tag), { id: tenantId, tenant_name: tenantName });
      await operator.page.getByRole("button", { name: "Edit fee schedule" }).click();
      await fillFeeScheduleForm(operator.page, { percent: "1.50", fixed: { eur: "0.25", jpy: "20" } });
      await saveFeeScheduleForm(operator.page, tenantName);
      await expect(operator.page.getByText("Custom", { exact: true })).toBeVisible();
    } finally {
      await operator.context.close();
    }

    // The owner enables EUR and JPY on the settings page and reads that fee in plain words.
    await signIn(page, email, password);
    await page.goto("/settings/organization");
    await saveCurrenciesOnSettingsPage(page, ["EUR — Euro", "JPY — Japanese Yen"], "eur");
    await expect(page.getByTestId("fee-headline")).toHaveText("1.5% + €0.25 per payment");
    await expect(page.getByTestId("fee-table").getByRole("row", { name: /JPY/ })).toContainText("1.5% + ¥20 per payment");
    await expect(page.getByText("Set for this tenant", { exact: true })).toBeVisible();
    await connectStripeViaSimulator(page);

    // A script with the test key: two succeeded payments and a declined one.
    const eur = await createPaymentViaApi(request, testKey, { amount: 2000, currency: "eur", description: "Order 1042", metadata: { order_id: "1042" } });
    const jpy = await createPaymentViaApi(request, testKey, { amount: 1000, currency: "jpy", description: "Matcha tin" });
    const declined = await createPaymentViaApi(request, testKey, { amount: 1500, currency: "eur", description: "Order 1043" }, "pm_card_chargeDeclined");
    expect([eur.status, jpy.status, declined.status]).toEqual(["succeeded", "succeeded", "failed"]);
    // The operator's schedule, worked out by hand: €20.00 × 1.5% + €0.25 = €0.55; ¥1,000 × 1.5% + ¥20 = ¥35.
    expect([eur.application_fee_amount, eur.net_amount, jpy.application_fee_amount, jpy.net_amount]).toEqual([55, 1945, 35, 965]);

    // The list: test mode, formatted per currency (yen without decimals), with fee and net.
    await page.goto("/payments?mode=test");
    await expect(page.getByTestId("payment-row")).toHaveCount(3);
    await expect(row(page, eur.id)).toContainText("€20.00");
    await expect(row(page, eur.id)).toContainText("€0.55");
    await expect(row(page, eur.id)).toContainText("€19.45");
    await expect(row(page, eur.id)).toContainText("Succeeded");
    await expect(row(page, jpy.id)).toContainText("¥1,000");
    await expect(row(page, jpy.id)).toContainText("¥35");
    await expect(row(page, jpy.id)).toContainText("¥965");
    await expect(row(page, jpy.id)).not.toContainText(/¥[\d,]+\.\d/);
    await expect(row(page, declined.id)).toContainText("Failed");
    await keepScreenshot(page, "payments-list");

    // Live mode holds none of them.
    await page.getByTestId("payments-mode-toggle").getByText("Live", { exact: true }).click();
    await expect(page).toHaveURL(/\/payments$/);
    await expect(page.getByTestId("payments-empty")).toContainText("No live payments yet");
    await page.getByTestId("payments-mode-toggle").getByText("Test", { exact: true }).click();
    await expect(page.getByTestId("payment-row")).toHaveCount(3);

    // Filters narrow the list, live in the URL and survive a reload.
    await page.getByLabel("Status").selectOption("failed");
    await expect(page.getByTestId("payment-row")).toHaveCount(1);
    await expect(row(page, declined.id)).toBeVisible();
    await expect(page).toHaveURL(/status=failed/);
    await page.getByLabel("Status").selectOption("");
    await page.getByLabel("Currency").selectOption("jpy");
    await expect(page.getByTestId("payment-row")).toHaveCount(1);
    await expect(row(page, jpy.id)).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Currency")).toHaveValue("jpy");
    await expect(page.getByTestId("payment-row")).toHaveCount(1);
    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await expect(page.getByTestId("payment-row")).toHaveCount(3);

    // The declined payment says why.
    await row(page, declined.id).getByRole("button", { name: `Details of ${declined.id}` }).click();
    const panel = page.getByRole("dialog", { name: "Payment" });
    await expect(panel.getByTestId("payment-failure")).toContainText("card_declined");
    await expect(panel.getByTestId("refund-blocked")).toHaveText("Only a succeeded payment can be refunded.");
    await page.keyboard.press("Escape");

    // The succeeded one: its timeline, amounts and events, with its own URL.
    await row(page, eur.id).click();
    await expect(page).toHaveURL(new RegExp(`payment=${eur.id}$`));
    await expect(panel.getByTestId("timeline-entry")).toHaveCount(2);
    await expect(panel.getByTestId("timeline-entry").nth(0)).toContainText("Created");
    await expect(panel.getByTestId("timeline-entry").nth(1)).toContainText("Succeeded");
    await expect(panel.getByTestId("payment-amounts")).toContainText("€19.45");
    await expect(panel.getByTestId("payment-metadata")).toContainText("order_id");
    await expect(panel.locator('[data-testid="payment-event"][data-type="payment.succeeded"]')).toBeVisible();

    await panel.getByRole("button", { name: "Close" }).click();
    await expect(panel).toHaveCount(0);

    // An admin of the tenant, in a browser of their own, opens the payment from its link.
    const adminEmail = uniqueEmail("payments-admin");
    await addMemberViaApi(request, token, { email: adminEmail, password: "payments admin password", name: "Ada Admin", role: "admin" });
    const admin = await signedInBrowser(browser, { email: adminEmail, password: "payments admin password" });
    try {
      const adminPage = admin.page;
      await adminPage.goto(`/payments?mode=test&payment=${eur.id}`);
      const adminPanel = adminPage.getByRole("dialog", { name: "Payment" });
      await expect(adminPanel.getByTestId("payment-amounts")).toContainText("€19.45");

      // The admin refunds part: too much is refused in the dialog, €5.00 goes through.
      await adminPanel.getByRole("button", { name: "Refund", exact: true }).click();
      const dialog = adminPage.getByRole("dialog", { name: `Refund ${eur.id}` });
      const amount = dialog.getByLabel("Amount (EUR)");
      await expect(amount).toHaveValue("20.00");
      await amount.fill("25");
      await expect(dialog).toContainText("At most €20.00 can be refunded.");
      await amount.fill("5.001");
      await expect(dialog).toContainText("EUR amounts have at most 2 decimals.");
      await amount.fill("5");
      await expect(dialog.getByTestId("refund-summary")).toHaveText("Refund €5.00 of €20.00 to the customer.");
      await dialog.getByLabel("Reason").selectOption("requested_by_customer");
      await keepScreenshot(adminPage, "payments-refund-dialog", { fullPage: false });
      await dialog.getByRole("button", { name: "Refund €5.00" }).click();
      await expect(adminPage.getByText("Refunded €5.00", { exact: true })).toBeVisible();
      await expect(dialog).toHaveCount(0);
      await expect(adminPanel.getByTestId("timeline-entry")).toHaveCount(3);
      await expect(adminPanel.getByTestId("timeline-entry").nth(2)).toContainText("Refunded");
      await expect(adminPanel.getByTestId("timeline-entry").nth(2)).toContainText("€5.00");
      await expect(adminPanel.getByTestId("refund-item")).toContainText("Requested by the customer");

      // The API's own refusal shows in the dialog: the rest was refunded elsewhere while it was open.
      await adminPanel.getByRole("button", { name: "Refund", exact: true }).click();
      await expect(amount).toHaveValue("15.00");
      const elsewhere = await request.post(`/api/v1/auth/tenants/payments/${eur.id}/refund/`, { headers: auth, data: { amount: 1000 } });
      expect(elsewhere.status()).toBe(201);
      await dialog.getByRole("button", { name: "Refund €15.00" }).click();
      await expect(dialog.getByTestId("refund-error")).toContainText(`What is left to refund: €5.00.`);
      await adminPage.keyboard.press("Escape");
      await expect(dialog).toHaveCount(0);
      // Escape would first dismiss the refund's toast if it is still up: the panel's own button closes it.
      await adminPanel.getByRole("button", { name: "Close" }).click();
      await expect(adminPanel).toHaveCount(0);
    } finally {
      await admin.context.close();
    }

    // The list: refunded amount and badge, after the refreshes.
    await page.reload();
    await expect(row(page, eur.id)).toContainText("Partially refunded");
    await expect(row(page, eur.id)).toContainText("€15.00 refunded");

    // CSV export of the current filters.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    const csv = readFileSync((await download.path())!, "utf8").trim().split(/\r?\n/);
    expect(csv).toHaveLength(4);
    for (const payment of [eur, jpy, declined]) expect(csv.filter((line) => line.includes(payment.id))).toHaveLength(1);
    await page.getByLabel("Status").selectOption("failed");
    await expect(page.getByTestId("payment-row")).toHaveCount(1);
    const [filtered] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    const failedOnly = readFileSync((await filtered.path())!, "utf8").trim().split(/\r?\n/);
    expect(failedOnly).toHaveLength(2);
    expect(failedOnly[1]).toContain(declined.id);

    // The dashboard's chart: EUR first (the default currency), its text alternative names the total.
    await page.goto("/dashboard?mode=test");
    await expect(page.getByTestId("volume-summary")).toHaveText(
      "€20.00 in 1 test payment over the last 30 days, €0.55 in platform fees, €15.00 refunded.",
    );
    await page.locator('[data-testid="volume-currency"][data-currency="jpy"]').click();
    await expect(page.getByTestId("volume-summary")).toHaveText("¥1,000 in 1 test payment over the last 30 days, ¥35 in platform fees.");
    await expect(page.getByTestId("volume-table")).toContainText("¥1,000");
    await keepScreenshot(page, "payments-dashboard-chart");

    // The endpoint got the events, each verified with the standardwebhooks library.
    await expect
      .poll(() => receiver.state.received.filter((event) => event.type.startsWith("payment.")).map((event) => `${event.type} ${event.verified}`).sort(), { timeout: 20_000 })
      .toEqual(["payment.failed true", "payment.refunded true", "payment.refunded true", "payment.succeeded true", "payment.succeeded true"]);

    // A member sees the refund button, disabled, with who may use it.
    const memberEmail = uniqueEmail("payments-member");
    await addMemberViaApi(request, token, { email: memberEmail, password: "payments member password", name: "Milo Member", role: "member" });
    const member = await signedInBrowser(browser, { email: memberEmail, password: "payments member password" });
    try {
      const memberPage = member.page;
      await memberPage.goto(`/payments?mode=test&payment=${jpy.id}`);
      const memberPanel = memberPage.getByRole("dialog", { name: "Payment" });
      await expect(memberPanel.getByRole("button", { name: "Refund", exact: true })).toBeDisabled();
      await expect(memberPanel.getByTestId("refund-blocked")).toHaveText("Only admins and owners can refund.");
    } finally {
      await member.context.close();
    }
  } finally {
    receiver.close();
  }
});
