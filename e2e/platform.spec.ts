import { expect, test, type Page } from "@playwright/test";
import {
  DEMO,
  DEMO_PASSWORD,
  fillFeeScheduleForm,
  findTenantInConsole,
  freshTestSecretKey,
  keepScreenshot,
  openTenantInConsole,
  registerViaApi,
  saveFeeScheduleForm,
  signedInBrowser,
  signIn,
  streamedIn,
  uniqueEmail,
} from "./helpers";

/** A tenant of its own for each try, with EUR enabled and the default, so its fee reads in euros. */
async function freshTenant(page: Page) {
  const tag = Math.random().toString(36).slice(2, 8);
  const owner = { email: uniqueEmail("ops-owner"), password: "ops owner password", name: "Olga Owner", tenant_name: `Orchard ${tag}` };
  const registered = await registerViaApi(page.request, owner);
  expect(registered.status()).toBe(201);
  const body = (await registered.json()) as { access_token: string; tenant: { id: string; slug: string } };
  const settings = await page.request.put("/api/v1/auth/tenants/settings/", {
    headers: { authorization: `Bearer ${body.access_token}` },
    data: { currencies: ["usd", "eur"], default_currency: "eur" },
  });
  expect(settings.status()).toBe(200);
  return { ...owner, tag, id: body.tenant.id, slug: body.tenant.slug, token: body.access_token };
}

test("an operator finds a tenant, sets its fee, suspends and reactivates it; the owner sees each change", async ({ page, browser }) => {
  // Two people signing in and a dozen page loads: a long journey, not a slow one.
  test.setTimeout(120_000);
  const tenant = await freshTenant(page);

  await signIn(page, DEMO.operator, DEMO_PASSWORD);
  const platformLink = page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: /Platform/ });
  await expect(platformLink).toContainText("Operator");
  await platformLink.click();
  await expect(page).toHaveURL(/\/platform$/);
  await expect(page.getByRole("heading", { level: 1, name: "Platform", exact: true })).toBeVisible();

  // The search follows typing (after a pause) and lives in the URL.
  const row = await findTenantInConsole(page, tenant.tag);
  await expect(row).toContainText(tenant.tenant_name);
  await expect(row).toContainText("Pending");
  await expect(row).toContainText("Not connected");
  await expect(row).toContainText("EUR, USD");
  await expect(row).toContainText("2.9% + €0.25 per payment");
  await expect(row).toContainText("Platform default");
  await expect(row).toContainText("No live payments");

  await openTenantInConsole(row, tenant);

  // A custom schedule through the form: 1.50% + €0.25 for eur, starting from the default it pays now.
  await page.getByRole("button", { name: "Edit fee schedule" }).click();
  await page.getByLabel("Percentage of each payment").fill("abc");
  await page.getByRole("button", { name: "Save fee schedule" }).click();
  await expect(page.getByText("Give the percentage as a number with at most two decimals, such as 2.9 or 2.90.")).toBeVisible();
  await fillFeeScheduleForm(page, { percent: "1.50", fixed: { eur: "0.25" } });
  await expect(page.getByTestId("tenant-fees-preview")).toContainText("A €20.00 payment pays €0.55");
  await saveFeeScheduleForm(page, tenant.tenant_name);
  await expect(page.getByTestId("tenant-fee-headline")).toHaveText("1.5% + €0.25 per payment");
  await expect(page.getByText("Custom", { exact: true })).toBeVisible();

  // The owner reads it in plain words on their settings page.
  const owner = await signedInBrowser(browser, tenant);
  await owner.page.goto("/settings/organization");
  await expect(owner.page.getByTestId("fee-headline")).toHaveText("1.5% + €0.25 per payment");
  await expect(owner.page.getByText("Set for this tenant", { exact: true })).toBeVisible();

  // Suspend: the dialog names the tenant, wants a reason and the slug typed.
  await page.getByRole("button", { name: "Suspend tenant" }).click();
  const dialog = page.getByRole("dialog", { name: `Suspend ${tenant.tenant_name}` });
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Suspend tenant" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type "${tenant.slug}" to confirm`).fill(tenant.slug);
  await confirm.click();
  await expect(dialog.getByText(/Give a reason/)).toBeVisible();
  const reason = "Chargebacks under review";
  await dialog.getByLabel("Reason (shown to the tenant's members)").fill(reason);
  await confirm.click();
  await expect(page.getByText(`${tenant.tenant_name} is suspended`, { exact: true })).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("tenant-suspension-reason")).toHaveText(reason);

  await owner.page.goto("/dashboard");
  await expect(owner.page.getByTestId("suspension-reason")).toHaveText(reason);

  await page.getByRole("button", { name: "Reactivate" }).click();
  await expect(page.getByText(`${tenant.tenant_name} is reactivated`, { exact: true })).toBeVisible();
  await expect(page.getByTestId("tenant-suspension")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Suspend tenant" })).toBeVisible();

  await owner.page.reload();
  await expect(owner.page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await streamedIn(owner.page);
  await expect(owner.page.getByTestId("suspension-banner")).toHaveCount(0);
  await owner.context.close();
});

test("an operator lowers a tenant's test-key rate limit in the console and the tenant's next burst is refused with 429", async ({ page }) => {
  const tenant = await freshTenant(page);
  const secret = await freshTestSecretKey(page.request, tenant.token);

  await signIn(page, DEMO.operator, DEMO_PASSWORD);
  await page.goto(`/platform?q=${tenant.tag}`);
  await openTenantInConsole(page.getByTestId("tenant-row").first(), tenant);
  const limits = page.getByTestId("rate-limits");
  await expect(limits.getByTestId("rate-limit-live")).toHaveText("100 / s");
  await expect(limits.getByTestId("rate-limit-test")).toHaveText("25 / s");

  // Out of range is refused beside its field and nothing is saved.
  await page.getByRole("button", { name: "Edit rate limits" }).click();
  const testField = page.getByLabel("Test keys, requests per second");
  await testField.fill("0");
  await page.getByRole("button", { name: "Save rate limits" }).click();
  await expect(page.getByTestId("rate-limits-form")).toContainText("The test limit must be at least 1 request per second.");
  await testField.fill("1");
  await page.getByRole("button", { name: "Save rate limits" }).click();
  await expect(page.getByText(`Rate limits saved for ${tenant.tenant_name}`, { exact: true })).toBeVisible();
  await expect(limits.getByTestId("rate-limit-test")).toHaveText("1 / s");
  await expect(limits.getByTestId("rate-limit-live")).toHaveText("100 / s");
  await expect(limits.getByText("Custom", { exact: true })).toBeVisible();
  await keepScreenshot(page, "platform-tenant-rate-limits");

  // Five requests at once with the test key: one second holds one, the rest (at most one more, if a
  // second starts while they arrive) are refused with the limit the operator set.
  const answers = await Promise.all(
    Array.from({ length: 5 }, () => page.request.get("/api/v1/account/", { headers: { authorization: `Bearer ${secret}` } })),
  );
  const statuses = answers.map((answer) => answer.status());
  expect(statuses.filter((status) => status === 200).length, statuses.join(",")).toBeGreaterThanOrEqual(1);
  expect(statuses.filter((status) => status === 429).length, statuses.join(",")).toBeGreaterThanOrEqual(3);
  const refused = answers.find((answer) => answer.status() === 429)!;
  expect(refused.headers()["retry-after"]).toMatch(/^\d+$/);
  expect(refused.headers()["ratelimit-policy"]).toBe('"key";q=1;w=1');
  expect(((await refused.json()) as { error: { code: string; details: { limit: number } } }).error).toMatchObject({ code: "rate_limited", details: { limit: 1 } });
});

test("a tenant owner who is no operator gets the access-denied view on /platform and no Platform entry", async ({ page, request }) => {
  const email = uniqueEmail("not-operator");
  const password = "not an operator password";
  const registered = await registerViaApi(page.request, { email, password, name: "Noel Owner", tenant_name: "Not The Platform" });
  expect(registered.status()).toBe(201);
  await signIn(page, email, password);
  await expect(page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Team" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Portal" }).getByText("Platform")).toHaveCount(0);
  await expect(page.getByTestId("platform-nav")).toHaveCount(0);

  await page.goto("/platform");
  await expect(page.getByText("You do not have access to the platform console")).toBeVisible();
  await expect(page.getByText("Only platform operators can open it.", { exact: false })).toBeVisible();
  await expect(page.getByTestId("tenant-row")).toHaveCount(0);

  // The tenant pages below /platform are refused the same way, without naming the tenant.
  const other = await registerViaApi(request, { email: uniqueEmail("other-owner"), password, name: "Oona Other", tenant_name: "Someone Else's Shop" });
  expect(other.status(), await other.text()).toBe(201);
  const otherId = ((await other.json()) as { tenant: { id: string } }).tenant.id;
  await page.goto(`/platform/tenants/${otherId}`);
  await expect(page.getByText("You do not have access to the platform console")).toBeVisible();
  await expect(page.getByText("Someone Else's Shop")).toHaveCount(0);
  await keepScreenshot(page, "platform-denied");
});
