import { expect, test, type Page } from "@playwright/test";
import {
  DEMO,
  DEMO_PASSWORD,
  fillFeeScheduleForm,
  findTenantInConsole,
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
  return { ...owner, tag, id: body.tenant.id, slug: body.tenant.slug };
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
  await owner.page.goto("/settings");
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

test("a tenant owner who is no operator gets the access-denied view on /platform and no Platform entry", async ({ page, request }) => {
  const email = uniqueEmail("not-operator");
  const password = "not an operator password";
  const registered = await registerViaApi(page.request, { email, password, name: "Noel Owner", tenant_name: "Not The Platform" });
  expect(registered.status()).toBe(201);
  await signIn(page, email, password);
  await expect(page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Settings" })).toBeVisible();
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
