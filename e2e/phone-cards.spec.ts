import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoSeriousViolations, keepScreenshot, registerViaApi, signInViaApi, startReceiver, uniqueEmail } from "./helpers";

/**
 * At phone width every wide list is a stack of cards (label: value lines) with
 * the row's actions on the card, and copy buttons put the right text on the
 * clipboard. One tenant of its own: an endpoint with a delivery, an invitation,
 * its keys and its audit log.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function expectNoHorizontalOverflow(page: Page, what: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${what} is wider than the screen`).toBeLessThanOrEqual(0);
}

/** A row laid out as a card: a block inside the screen, showing its column labels itself. */
async function expectCard(row: Locator, label: string) {
  await expect(row).toBeVisible();
  expect(await row.evaluate((element) => getComputedStyle(element).display)).toBe("block");
  const box = (await row.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  await expect(row.getByText(label, { exact: true })).toBeVisible();
}

/** The action is on the card, on screen, without scrolling sideways. */
async function expectOnCard(action: Locator) {
  await action.scrollIntoViewIfNeeded();
  await expect(action).toBeInViewport({ ratio: 1 });
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test("at 390 px keys, team, deliveries and the audit log are cards with their actions, and copy buttons copy", async ({ page, context, request }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const owner = { email: uniqueEmail("phone-owner"), password: "phone owner password", name: "Pia Phone", tenant_name: "Pocket Goods" };
  const registered = await registerViaApi(request, owner);
  expect(registered.status()).toBe(201);
  const { access_token: token } = (await registered.json()) as { access_token: string };
  const headers = { authorization: `Bearer ${token}` };

  const receiver = await startReceiver();
  try {
    expect((await request.post("/api/v1/auth/tenants/webhooks/config/", { headers, data: { url: receiver.url } })).ok()).toBe(true);
    const sent = await request.post("/api/v1/auth/tenants/webhooks/test/", { headers, data: { event_type: "webhook.test", payload: { message: "hello" } } });
    expect(sent.status()).toBe(200);
  } finally {
    receiver.close();
  }
  const invitee = uniqueEmail("phone-invitee");
  expect((await request.post("/api/v1/auth/tenants/invitations/", { headers, data: { email: invitee, role: "member" } })).status()).toBe(201);

  await signInViaApi(page.request, owner.email, owner.password);
  await page.setViewportSize(PHONE);

  // Keys: a card per key; the publishable key and each key's id copy, the request count opens its usage.
  await page.goto("/api-keys");
  const publishable = page.locator('[data-testid="api-key-row"][data-mode="test"][data-type="publishable"]');
  await expectCard(publishable, "Status");
  await expectNoHorizontalOverflow(page, "API keys at 390 px");
  await expectNoSeriousViolations(page, "API keys at 390 px");
  await keepScreenshot(page, "phone-cards-api-keys");
  const publishableKey = (await publishable.getByTestId("api-key-value").textContent())!.trim();
  expect(publishableKey).toMatch(/^pk_test_/);
  const copyKey = publishable.getByRole("button", { name: `Copy test publishable key ${publishableKey}` });
  await expectOnCard(copyKey);
  await copyKey.click();
  expect(await clipboard(page)).toBe(publishableKey);
  const secret = page.locator('[data-testid="api-key-row"][data-mode="test"][data-type="secret"]');
  const secretKeyId = (await secret.locator("code[title]").getAttribute("title"))!;
  await secret.getByRole("button", { name: `Copy key id ${secretKeyId}` }).click();
  await expect(secret.getByText("Copied", { exact: true })).toBeVisible();
  expect(await clipboard(page)).toBe(secretKeyId);
  const usage = secret.getByTestId("api-key-requests");
  await expectOnCard(usage);
  await usage.click();
  await expect(page).toHaveURL(new RegExp(`/usage\\?(.*&)?key=${secretKeyId}`));

  // Team: the member's actions and the invitation's on their cards.
  await page.goto("/team");
  const member = page.getByTestId(`member-${owner.email}`);
  await expectCard(member, "Role");
  const invitation = page.getByTestId(`invitation-${invitee}`);
  await expectCard(invitation, "Expires");
  await expectOnCard(invitation.getByRole("button", { name: `Revoke the invitation for ${invitee}` }));
  await expectNoHorizontalOverflow(page, "team at 390 px");
  await expectNoSeriousViolations(page, "team at 390 px");
  await keepScreenshot(page, "phone-cards-team");
  const changeRole = member.getByRole("button", { name: `Change role of ${owner.name}` });
  await expectOnCard(changeRole);
  await changeRole.click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // Deliveries: the card opens its details; the message id and the headers sent copy.
  await page.goto("/webhooks");
  const delivery = page.locator('[data-testid="delivery-row"][data-event="webhook.test"]').first();
  await expectCard(delivery, "Attempts");
  await expectNoHorizontalOverflow(page, "webhooks at 390 px");
  await expectNoSeriousViolations(page, "webhooks at 390 px");
  await keepScreenshot(page, "phone-cards-webhooks");
  const messageId = (await delivery.getByRole("button", { name: /^Copy message id / }).getAttribute("aria-label"))!.replace("Copy message id ", "");
  expect(messageId).toMatch(/^msg_/);
  const details = delivery.getByRole("button", { name: `Details of ${messageId}` });
  await expectOnCard(details);
  await details.click();
  const dialog = page.getByRole("dialog", { name: "webhook.test" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: `Copy message id ${messageId}` }).click();
  expect(await clipboard(page)).toBe(messageId);
  await dialog.getByRole("button", { name: "Copy request headers of attempt 1" }).click();
  const copiedHeaders = await clipboard(page);
  expect(copiedHeaders).toMatch(/^webhook-id: msg_/m);
  expect(copiedHeaders).toMatch(/^webhook-signature: v1,/m);
  await expectNoSeriousViolations(page, "a delivery's details at 390 px");
  await keepScreenshot(page, "phone-cards-delivery-details", { fullPage: false });
  await page.keyboard.press("Escape");

  // Audit log: the card's details link opens the entry, whose id copies.
  await page.goto("/audit-log");
  const entry = page.getByTestId("audit-row").first();
  await expectCard(entry, "Actor");
  await expectNoHorizontalOverflow(page, "audit log at 390 px");
  await expectNoSeriousViolations(page, "audit log at 390 px");
  await keepScreenshot(page, "phone-cards-audit-log");
  const entryId = (await entry.getAttribute("data-entry"))!;
  const open = entry.getByTestId("audit-row-details");
  await expectOnCard(open);
  await expect(open).toHaveText("Details");
  await open.click();
  const panel = page.getByTestId("audit-entry-detail");
  await expect(panel).toHaveAttribute("data-entry", entryId);
  await panel.getByRole("button", { name: "Copy entry id" }).click();
  expect(await clipboard(page)).toBe(entryId);
  await page.keyboard.press("Escape");

  // At desktop width the same lists are tables again: a header row, no labels in the cells.
  await page.setViewportSize(DESKTOP);
  await expect(page.getByRole("columnheader", { name: "Actor" })).toBeVisible();
  await expect(entry.getByText("Actor", { exact: true })).toBeHidden();
  expect(await entry.evaluate((element) => getComputedStyle(element).display)).toBe("table-row");
});
