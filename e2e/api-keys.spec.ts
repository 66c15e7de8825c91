import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, keepScreenshot, registerViaApi, sidebarLink, signIn, signInViaApi, uniqueEmail } from "./helpers";

type IssuedKey = { mode: string; type: string; key: string };

/** A fresh tenant through the API (keeping the secrets it was shown once), then signed in in the browser. */
async function ownerWithKeys(page: Page, request: APIRequestContext) {
  const email = uniqueEmail("keys-owner");
  const password = "keys owner password";
  const response = await registerViaApi(request, { email, password, name: "Kim Keyholder", tenant_name: "Keyholder Ltd" });
  expect(response.status()).toBe(201);
  const keys = (await response.json()).api_keys as IssuedKey[];
  await signIn(page, email, password);
  const secret = (mode: string) => keys.find((key) => key.mode === mode && key.type === "secret")!.key;
  return { liveSecret: secret("live"), testSecret: secret("test") };
}

async function accountStatus(request: APIRequestContext, key: string) {
  const response = await request.get("/api/v1/account/", { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status(), body: await response.json() };
}

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("an owner regenerates test keys, sees the secret once, copies it, and only the new key works", async ({ page, request }) => {
  const owner = await ownerWithKeys(page, request);
  await sidebarLink(page, "API keys").click();
  await expect(page).toHaveURL(/\/api-keys$/);
  await expect(page.locator('[data-testid="api-key-row"][data-status="active"]')).toHaveCount(4);
  await expect(page.getByText(owner.testSecret)).toHaveCount(0);
  await expect(page.getByText(`sk_test_****...${owner.testSecret.slice(-4)}`)).toBeVisible();
  await keepScreenshot(page, "api-keys");

  await page.getByRole("button", { name: "Regenerate" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("The current keys stop working immediately.");
  await expect(dialog.getByRole("button", { name: "Regenerate test keys" })).toBeDisabled();
  await dialog.getByLabel('Type "regenerate" to confirm').fill("regenerate");
  await dialog.getByRole("button", { name: "Regenerate test keys" }).click();

  await expect(dialog).toContainText("You will not see the secret key again.");
  const secretField = dialog.getByLabel("test secret key", { exact: true });
  const newSecret = await secretField.inputValue();
  expect(newSecret).toMatch(/^sk_test_[0-9A-Za-z]{38}$/);
  await keepScreenshot(page, "api-keys-new-secret", { fullPage: false });
  await dialog.getByRole("button", { name: "Copy test secret key" }).click();
  await expect(dialog.getByRole("button", { name: "Copy test secret key" })).toContainText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(newSecret);

  await dialog.getByRole("button", { name: "I have stored the secret" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByText("New test keys issued", { exact: true })).toBeVisible();
  await expect(page.getByText(`sk_test_****...${newSecret.slice(-4)}`)).toBeVisible();
  expect(await page.content()).not.toContain(newSecret);
  // Reopening starts from the form: the secret is gone for good.
  await page.getByRole("button", { name: "Regenerate" }).click();
  await expect(page.getByRole("dialog")).toContainText("Which keys");
  await expect(page.getByRole("dialog").getByRole("textbox", { name: "test secret key" })).toHaveCount(0);
  expect(await page.content()).not.toContain(newSecret);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  const fresh = await accountStatus(request, copied);
  expect(fresh.status).toBe(200);
  expect(fresh.body.mode).toBe("test");
  const old = await accountStatus(request, owner.testSecret);
  expect(old.status).toBe(401);
  expect(old.body.error.code).toBe("invalid_api_key");
  expect((await accountStatus(request, owner.liveSecret)).status).toBe(200);
});

test("an owner revokes the live keys with a reason and the audit log shows it", async ({ page, request }) => {
  const owner = await ownerWithKeys(page, request);
  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Revoke" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("stop working immediately and no replacement is issued");
  await dialog.getByLabel("Reason (goes into the audit log)").fill("oops");
  await dialog.getByLabel('Type "revoke" to confirm').fill("revoke");
  await dialog.getByRole("button", { name: "Revoke live keys" }).click();
  await expect(dialog).toContainText("Give a reason of at least 5 characters.");
  await dialog.getByLabel("Reason (goes into the audit log)").fill("Live secret pasted into a support ticket");
  await keepScreenshot(page, "api-keys-revoke", { fullPage: false });
  await dialog.getByRole("button", { name: "Revoke live keys" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByText("Revoked 2 live keys", { exact: true })).toBeVisible();
  await expect(page.locator('[data-testid="api-key-row"][data-mode="live"][data-status="revoked"]')).toHaveCount(2);
  await expect(page.locator('[data-testid="api-key-row"][data-mode="live"][data-status="active"]')).toHaveCount(0);
  await expect(page.getByText("Live secret pasted into a support ticket").first()).toBeVisible();

  expect((await accountStatus(request, owner.liveSecret)).status).toBe(401);
  expect((await accountStatus(request, owner.testSecret)).status).toBe(200);

  await sidebarLink(page, "Audit log").click();
  const entry = page.locator('[data-testid="audit-row"][data-action="api_keys.revoked"]');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("critical");
  await expect(entry).toContainText("Reason: Live secret pasted into a support ticket");
  await expect(entry).toContainText("live keys");
  await expect(entry).toContainText("Kim Keyholder");
});

test("an admin sees the keys with the owner-only actions disabled; a member cannot open the page", async ({ page }) => {
  await signInViaApi(page.request, DEMO.admin, DEMO_PASSWORD);
  await page.goto("/api-keys");
  await expect(page.getByTestId("api-key-row").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Revoke" })).toBeDisabled();
  await expect(page.getByTestId("owner-only-note")).toHaveText("Only owners can regenerate or revoke keys. You can see them as an admin.");
  await keepScreenshot(page, "api-keys-admin");

  await page.context().clearCookies();
  await signInViaApi(page.request, DEMO.member, DEMO_PASSWORD);
  await page.goto("/api-keys");
  await expect(page.getByText("You do not have access to API keys")).toBeVisible();
  await expect(page.getByTestId("api-key-row")).toHaveCount(0);
});
