import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parseCsv } from "../tests/helpers/csv";
import { addMemberViaApi, expectNoSeriousViolations, keepScreenshot, registerViaApi, signIn, streamedIn, uniqueEmail } from "./helpers";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

const rows = (page: Page) => page.getByTestId("audit-row");
const shownActions = async (page: Page) => {
  await streamedIn(page);
  return rows(page).evaluateAll((list) => list.map((row) => row.getAttribute("data-action")));
};

/** Neither the page nor the table's own scrolling box reaches past the right edge: no column is cut off. */
async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  const box = rows(page).first().locator("xpath=ancestor::table/..");
  expect(await box.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0);
}

test("the audit log filtered by actor and date, an entry opened with everything recorded, the filtered CSV downloaded", async ({ page, request }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("audit-owner");
  const password = "audit owner password";
  const registered = await registerViaApi(request, { email, password, name: "Olive Owner", tenant_name: `Audit Atelier ${Date.now()}` });
  expect(registered.status()).toBe(201);
  const { access_token: token, user } = (await registered.json()) as { access_token: string; user: { id: string } };

  // Another person acts too: the actor filter must leave their entries out.
  await addMemberViaApi(request, token, { email: uniqueEmail("audit-admin"), password: "audit admin password", name: "Adam Admin", role: "admin" });
  // A reason a spreadsheet would run as a formula, with a comma to quote.
  const reason = "=HYPERLINK(\"x\"), pasted in a repo";
  const revoked = await request.post("/api/v1/auth/tenants/api-keys/revoke/", {
    headers: { authorization: `Bearer ${token}` },
    data: { key_type: "test", reason, confirm: true },
  });
  expect(revoked.status()).toBe(200);

  await signIn(page, email, password);
  await page.goto("/audit-log");
  expect(await shownActions(page)).toContain("invitations.accepted");

  // Actor and date, applied as they change; the URL holds them.
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("Actor").selectOption(user.id);
  await expect(page).toHaveURL(new RegExp(`actor=${user.id}`));
  await page.getByLabel("From (UTC day)").fill(today);
  await expect(page).toHaveURL(new RegExp(`from=${today}`));
  await page.getByLabel("To (UTC day)").fill(today);
  await expect(page).toHaveURL(new RegExp(`actor=${user.id}&from=${today}&to=${today}`));
  await expect(rows(page).locator('xpath=self::*[@data-action="invitations.accepted"]')).toHaveCount(0);
  const filtered = await shownActions(page);
  expect(filtered).toEqual(["auth.signed_in", "api_keys.revoked", "invitations.created", "auth.signed_up"]);
  // The exact time beside the relative one, not only on hover.
  await expect(rows(page).first()).toContainText(`${today} `);
  await expect(rows(page).first()).toContainText("UTC");
  await expect(rows(page).first()).toContainText("127.0.0.1");

  // A shared link shows the same view.
  const shared = page.url();
  await page.goto(shared);
  expect(await shownActions(page)).toEqual(filtered);
  await expect(page.getByLabel("Actor")).toHaveValue(user.id);
  await expect(page.getByLabel("From (UTC day)")).toHaveValue(today);

  await expectNoSidewaysScroll(page);
  await expectNoSeriousViolations(page, "the filtered audit log");
  await keepScreenshot(page, "audit-log-filtered-1280");
  await page.setViewportSize(PHONE);
  await expectNoSeriousViolations(page, "the filtered audit log on a phone");
  await keepScreenshot(page, "audit-log-filtered-390");
  await page.setViewportSize(DESKTOP);

  // The filtered CSV: the header, then exactly the rows on screen, the reason quoted and guarded.
  const shownIds = await rows(page).evaluateAll((list) => list.map((row) => row.getAttribute("data-entry")));
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = parseCsv(readFileSync((await download.path())!, "utf8"));
  expect(csv[0].slice(0, 5)).toEqual(["id", "created_at", "action", "action_label", "severity"]);
  expect(csv.slice(1).map((row) => row[0])).toEqual(shownIds);
  const revokedRow = csv.find((row) => row[2] === "api_keys.revoked")!;
  expect(revokedRow[csv[0].indexOf("reason")]).toBe(`'${reason}`);
  expect(revokedRow[csv[0].indexOf("actor_name")]).toBe("Olive Owner");

  // An entry opens beside the list, with everything recorded; the URL names it.
  await rows(page).and(page.locator('[data-action="api_keys.revoked"]')).getByTestId("audit-row-details").click();
  const panel = page.getByRole("dialog", { name: "API keys revoked" });
  await expect(panel).toBeVisible();
  await expect(page).toHaveURL(/entry=/);
  const detail = panel.getByTestId("audit-entry-detail");
  await expect(detail).toContainText("api_keys.revoked");
  await expect(detail).toContainText("critical");
  await expect(detail).toContainText("Olive Owner");
  await expect(detail).toContainText(email);
  await expect(detail).toContainText(reason);
  await expect(detail).toContainText("api_keys: test");
  await expect(detail).toContainText(" UTC");
  await expect(panel.getByTestId("audit-entry-local-time")).not.toBeEmpty();
  await expect(panel.getByTestId("audit-entry-metadata")).toContainText('"revoked_key_ids"');
  await expect(panel.getByRole("button", { name: "Copy metadata JSON" })).toBeVisible();
  await expectNoSeriousViolations(page, "an audit log entry's details");
  await keepScreenshot(page, "audit-log-entry-1280", { fullPage: false });
  await page.setViewportSize(PHONE);
  await expectNoSeriousViolations(page, "an audit log entry's details on a phone");
  await keepScreenshot(page, "audit-log-entry-390", { fullPage: false });
  await page.setViewportSize(DESKTOP);

  // Escape closes it and keeps the filtered list.
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(page).not.toHaveURL(/entry=/);
  await expect(page).toHaveURL(new RegExp(`actor=${user.id}&from=${today}&to=${today}`));

  // A range that holds nothing says so and offers the way back.
  await page.getByLabel("To (UTC day)").fill("2020-01-01");
  await expect(page.getByText("The start date is after the end date.")).toBeVisible();
  await page.getByLabel("From (UTC day)").fill("2020-01-01");
  await expect(page.getByTestId("audit-empty")).toContainText("No entries match these filters");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/audit-log$/);
  await expect(page.getByLabel("Actor")).toHaveValue("");
  expect(await shownActions(page)).toContain("invitations.accepted");
});
