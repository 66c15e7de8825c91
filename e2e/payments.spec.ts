import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { formatMoney } from "../lib/money/format";
import {
  addMemberViaApi,
  connectStripeViaSimulator,
  createPaymentViaApi,
  keepScreenshot,
  registerViaApi,
  setCurrenciesViaApi,
  signIn,
  startReceiver,
  uniqueClientIp,
  uniqueEmail,
} from "./helpers";

const row = (page: Page, id: string) => page.locator(`[data-testid="payment-row"][data-payment="${id}"]`);

test("a script's test payments show up formatted, filter, open with their timeline, refund in part, export as CSV and chart on the dashboard; a member cannot refund", async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("payments-owner");
  const password = "payments owner password";
  const registered = await registerViaApi(request, { email, password, name: "Paula Payments", tenant_name: "Payments Parlour" });
  expect(registered.status()).toBe(201);
  const { access_token: token, api_keys: keys } = (await registered.json()) as { access_token: string; api_keys: { mode: string; type: string; key: string }[] };
  const testKey = keys.find((key) => key.mode === "test" && key.type === "secret")!.key;
  const auth = { authorization: `Bearer ${token}` };

  // The tenant's endpoint receives the payment events, signed.
  const receiver = await startReceiver();
  try {
    const configured = await request.post("/api/v1/auth/tenants/webhooks/config/", { headers: auth, data: { url: receiver.url } });
    expect(configured.status()).toBe(200);
    receiver.state.secret = ((await configured.json()) as { secret: string }).secret;

    await signIn(page, email, password);
    await setCurrenciesViaApi(request, token, ["eur", "jpy"], "eur");
    await connectStripeViaSimulator(page);

    // A script with the test key: two succeeded payments and a declined one.
    const eur = await createPaymentViaApi(request, testKey, { amount: 2000, currency: "eur", description: "Order 1042", metadata: { order_id: "1042" } });
    const jpy = await createPaymentViaApi(request, testKey, { amount: 1000, currency: "jpy", description: "Matcha tin" });
    const declined = await createPaymentViaApi(request, testKey, { amount: 1500, currency: "eur", description: "Order 1043" }, "pm_card_chargeDeclined");
    expect([eur.status, jpy.status, declined.status]).toEqual(["succeeded", "succeeded", "failed"]);

    // The list: test mode, formatted per currency (yen without decimals), with fee and net.
    await page.goto("/payments?mode=test");
    await expect(page.getByTestId("payment-row")).toHaveCount(3);
    await expect(row(page, eur.id)).toContainText("€20.00");
    await expect(row(page, eur.id)).toContainText(formatMoney(eur.application_fee_amount, "eur"));
    await expect(row(page, eur.id)).toContainText(formatMoney(eur.net_amount, "eur"));
    await expect(row(page, eur.id)).toContainText("Succeeded");
    await expect(row(page, jpy.id)).toContainText("¥1,000");
    await expect(row(page, jpy.id)).toContainText(formatMoney(jpy.application_fee_amount, "jpy"));
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
    await expect(panel.getByTestId("payment-amounts")).toContainText(formatMoney(eur.net_amount, "eur"));
    await expect(panel.getByTestId("payment-metadata")).toContainText("order_id");
    await expect(panel.locator('[data-testid="payment-event"][data-type="payment.succeeded"]')).toBeVisible();

    // An admin (here the owner) refunds part: too much is refused in the dialog, €5.00 goes through.
    await panel.getByRole("button", { name: "Refund", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Refund ${eur.id}` });
    const amount = dialog.getByLabel("Amount (EUR)");
    await expect(amount).toHaveValue("20.00");
    await amount.fill("25");
    await expect(dialog).toContainText("At most €20.00 can be refunded.");
    await amount.fill("5.001");
    await expect(dialog).toContainText("EUR amounts have at most 2 decimals.");
    await amount.fill("5");
    await expect(dialog.getByTestId("refund-summary")).toHaveText("Refund €5.00 of €20.00 to the customer.");
    await dialog.getByLabel("Reason").selectOption("requested_by_customer");
    await keepScreenshot(page, "payments-refund-dialog", { fullPage: false });
    await dialog.getByRole("button", { name: "Refund €5.00" }).click();
    await expect(page.getByText("Refunded €5.00", { exact: true })).toBeVisible();
    await expect(dialog).toHaveCount(0);
    await expect(panel.getByTestId("timeline-entry")).toHaveCount(3);
    await expect(panel.getByTestId("timeline-entry").nth(2)).toContainText("Refunded");
    await expect(panel.getByTestId("timeline-entry").nth(2)).toContainText("€5.00");
    await expect(panel.getByTestId("refund-item")).toContainText("Requested by the customer");

    // The API's own refusal shows in the dialog: the rest was refunded elsewhere while it was open.
    await panel.getByRole("button", { name: "Refund", exact: true }).click();
    await expect(amount).toHaveValue("15.00");
    const elsewhere = await request.post(`/api/v1/auth/tenants/payments/${eur.id}/refund/`, { headers: auth, data: { amount: 1000 } });
    expect(elsewhere.status()).toBe(201);
    await dialog.getByRole("button", { name: "Refund €15.00" }).click();
    await expect(dialog.getByTestId("refund-error")).toContainText(`What is left to refund: €5.00.`);
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    // Escape would first dismiss the refund's toast if it is still up: the panel's own button closes it.
    await panel.getByRole("button", { name: "Close" }).click();
    await expect(panel).toHaveCount(0);

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
      `€20.00 in 1 test payment over the last 30 days, ${formatMoney(eur.application_fee_amount, "eur")} in platform fees, €15.00 refunded.`,
    );
    await page.locator('[data-testid="volume-currency"][data-currency="jpy"]').click();
    await expect(page.getByTestId("volume-summary")).toHaveText(`¥1,000 in 1 test payment over the last 30 days, ${formatMoney(jpy.application_fee_amount, "jpy")} in platform fees.`);
    await expect(page.getByTestId("volume-table")).toContainText("¥1,000");
    await keepScreenshot(page, "payments-dashboard-chart");

    // The endpoint got the events, each verified with the standardwebhooks library.
    await expect
      .poll(() => receiver.state.received.filter((event) => event.type.startsWith("payment.")).map((event) => `${event.type} ${event.verified}`).sort(), { timeout: 20_000 })
      .toEqual(["payment.failed true", "payment.refunded true", "payment.refunded true", "payment.succeeded true", "payment.succeeded true"]);

    // A member sees the refund button, disabled, with who may use it.
    const memberEmail = uniqueEmail("payments-member");
    await addMemberViaApi(request, token, { email: memberEmail, password: "payments member password", name: "Milo Member", role: "member" });
    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
    try {
      const memberPage = await context.newPage();
      await signIn(memberPage, memberEmail, "payments member password");
      await memberPage.goto(`/payments?mode=test&payment=${jpy.id}`);
      const memberPanel = memberPage.getByRole("dialog", { name: "Payment" });
      await expect(memberPanel.getByRole("button", { name: "Refund", exact: true })).toBeDisabled();
      await expect(memberPanel.getByTestId("refund-blocked")).toHaveText("Only admins and owners can refund.");
    } finally {
      await context.close();
    }
  } finally {
    receiver.close();
  }
});
