import { expect, test } from "@playwright/test";
import { keepScreenshot, openFromAccountMenu, registerViaApi, saveCurrenciesOnSettingsPage, signIn, uniqueEmail } from "./helpers";

// A tenant of its own, made fresh on every try, so it starts from usd alone
// whatever an earlier try saved.
test("an owner enables EUR and JPY, makes EUR the default, and sees them saved with the fee in euros", async ({ page, request }) => {
  const email = uniqueEmail("settings-owner");
  const password = "settings owner password";
  const registered = await registerViaApi(request, { email, password, name: "Sol Settings", tenant_name: "Settings Shop" });
  expect(registered.status()).toBe(201);

  await signIn(page, email, password);
  // The organization's settings open from the account menu.
  await openFromAccountMenu(page, "Organization");
  await expect(page).toHaveURL(/\/settings\/organization$/);
  await expect(page.getByLabel("USD — US Dollar")).toBeChecked();
  await expect(page.getByTestId("fee-headline")).toHaveText("2.9% + $0.30 per payment");

  await saveCurrenciesOnSettingsPage(page, ["EUR — Euro", "JPY — Japanese Yen"], "eur");

  await page.reload();
  for (const label of ["USD — US Dollar", "EUR — Euro", "JPY — Japanese Yen"]) await expect(page.getByLabel(label)).toBeChecked();
  await expect(page.getByLabel("GBP — British Pound")).not.toBeChecked();
  await expect(page.getByLabel("Default currency")).toHaveValue("eur");
  await expect(page.getByTestId("fee-headline")).toHaveText("2.9% + €0.25 per payment");
  const table = page.getByTestId("fee-table");
  await expect(table.getByRole("row", { name: /JPY/ })).toContainText("2.9% + ¥30 per payment");
  await keepScreenshot(page, "settings-saved");
});
