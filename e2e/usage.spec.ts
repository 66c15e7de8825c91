import { expect as baseExpect, test, type Page } from "@playwright/test";
import { expectNoSeriousViolations, freshTestSecretKey, keepScreenshot, registerViaApi, signIn, streamedIn, uniqueEmail } from "./helpers";

/**
 * A developer's day with the platform API's traffic: calls made with a test
 * key show up on Usage (tiles, the chart's text alternative, top routes), in
 * the request log (filtered by status class, opened by the Request-Id a
 * failing call returned) and beside the key on API keys. Counts reach the
 * database within seconds, so every look polls with a reload, never a sleep.
 */

// Each look waits for a freshly loaded page to hydrate and fetch, which takes seconds on a busy machine.
const expect = baseExpect.configure({ timeout: 15_000 });

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function expectNoHorizontalOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/** Done loading: the h1 is there, nothing spins, React has streamed everything in. */
async function settled(page: Page, heading: string) {
  await expect(page.getByRole("heading", { level: 1, name: heading, exact: true })).toBeVisible();
  await expect(page.locator(".animate-spin")).toHaveCount(0);
  await streamedIn(page);
}

/** Reloads until `check` passes: the recorder flushes its counts every few seconds. */
async function reloadUntil(page: Page, heading: string, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload();
    await settled(page, heading);
    await check();
  }).toPass({ timeout: 20_000, intervals: [500, 1_000, 1_000, 2_000] });
}

test("calls with a test key show up on Usage, in the request log and beside the key", async ({ page, request }) => {
  // One developer's whole path over four pages at two widths, with axe on each: longer than one page's check.
  test.setTimeout(240_000);
  const email = uniqueEmail("usage-owner");
  const password = "usage owner password";
  const registered = await registerViaApi(request, { email, password, name: "Ada Developer", tenant_name: "Traffic Goods" });
  expect(registered.status()).toBe(201);
  const { access_token: token } = (await registered.json()) as { access_token: string };
  const secret = await freshTestSecretKey(request, token);
  const headers = { authorization: `Bearer ${secret}` };

  // Three calls that work, two the API refuses as invalid.
  for (let call = 0; call < 3; call += 1) {
    const account = await request.get("/api/v1/account/", { headers });
    expect(account.status(), await account.text()).toBe(200);
  }
  const failingIds: string[] = [];
  for (let call = 0; call < 2; call += 1) {
    const refused = await request.post("/api/v1/payments/", { headers: { ...headers, "idempotency-key": `usage-e2e-${Date.now()}-${call}` }, data: { amount: "lots" } });
    expect(refused.status(), await refused.text()).toBe(400);
    const requestId = refused.headers()["request-id"];
    expect(requestId).toMatch(/^req_[0-9A-Za-z]+$/);
    expect(((await refused.json()) as { error: { request_id?: string } }).error.request_id ?? requestId).toBe(requestId);
    failingIds.push(requestId);
  }

  await signIn(page, email, password);

  // Usage: the tiles and the chart's text alternative count the five calls.
  await page.goto("/usage");
  await reloadUntil(page, "Usage", async () => {
    await expect(page.getByTestId("tile-requests-value")).toHaveText("5");
  });
  await expect(page.getByTestId("tile-error-rate-value")).toHaveText("40%");
  await expect(page.getByTestId("tile-rate-limited-value")).toHaveText("0");
  await expect(page.getByTestId("usage-summary")).toHaveText(/^5 requests in the last 24 hours: 3 succeeded, 2 client errors, 0 rate-limited, 0 server errors\.$/);
  const table = page.getByTestId("usage-table");
  await expect(table.locator("caption")).toContainText("Requests per hour by outcome");
  // The calls just made fall in one or two hours; their rows add up to the five.
  const perHour = await table.locator("tbody tr").evaluateAll((rows) => rows.map((row) => Number(row.querySelectorAll("td")[0]?.textContent)));
  expect(perHour.reduce((sum, count) => sum + count, 0)).toBe(5);
  await expect(page.getByTestId("usage-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  const routes = page.getByTestId("top-route");
  await expect(routes).toHaveCount(2);
  await expect(routes.first()).toHaveAttribute("data-route", "GET /v1/account");
  await expectNoSeriousViolations(page, "usage at 1280 px");
  await keepScreenshot(page, "usage-desktop");

  await page.setViewportSize(PHONE);
  await expect(page.getByTestId("top-route").filter({ visible: true })).toHaveCount(2);
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousViolations(page, "usage at 390 px");
  await keepScreenshot(page, "usage-phone");
  await page.setViewportSize(DESKTOP);

  // The 1 hour range reads minutes and still counts them.
  await page.getByTestId("usage-range-picker").getByText("1 hour", { exact: true }).click();
  await expect(page).toHaveURL(/\/usage\?range=1h$/);
  await expect(page.getByTestId("tile-requests-value")).toHaveText("5");
  await expect(page.getByTestId("usage-table").locator("caption")).toContainText("per minute");

  // A route in the top routes opens the log filtered to it.
  await page.getByTestId("top-route").filter({ hasText: "POST /v1/payments" }).getByRole("link").click();
  await expect(page).toHaveURL(/\/requests\?route=POST\+%2Fv1%2Fpayments$/);
  await settled(page, "Requests");
  await expect(page.getByTestId("request-row")).toHaveCount(2);
  await expect(page.getByLabel("Route", { exact: true })).toHaveValue("POST /v1/payments");

  // The log, filtered by 4xx: only the two refused calls.
  await page.goto("/requests");
  await reloadUntil(page, "Requests", async () => {
    await expect(page.getByTestId("request-row")).toHaveCount(5);
  });
  await page.getByLabel("Status", { exact: true }).selectOption("4xx");
  await expect(page).toHaveURL(/\/requests\?status=4xx$/);
  const rows = page.getByTestId("request-row");
  await expect(rows).toHaveCount(2);
  expect(await rows.evaluateAll((elements) => elements.map((row) => row.getAttribute("data-status")))).toEqual(["400", "400"]);
  expect(await rows.evaluateAll((elements) => elements.map((row) => row.getAttribute("data-request")).sort())).toEqual([...failingIds].sort());
  await expect(rows.first()).toContainText("POST");
  await expect(rows.first()).toContainText("/api/v1/payments/");
  await expectNoSeriousViolations(page, "requests at 1280 px");
  await keepScreenshot(page, "requests-desktop");

  // Opened by the id the failing call's Request-Id header carried.
  const [failingId] = failingIds;
  await page.getByRole("searchbox", { name: "Request id" }).fill(failingId);
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`request=${failingId}`));
  const drawer = page.getByRole("dialog", { name: "Request details" });
  const detail = drawer.getByTestId("request-detail");
  await expect(detail).toHaveAttribute("data-request", failingId);
  await expect(detail).toHaveAttribute("data-status", "400");
  await expect(drawer.getByRole("textbox", { name: "Request ID" })).toHaveValue(failingId);
  await expect(detail).toContainText("POST /v1/payments");
  await expect(detail).toContainText("validation_error");
  await expect(detail).toContainText("sk_test_…");
  await expect(drawer.getByRole("button", { name: "Copy the path" })).toBeVisible();
  // Focus stays in the sheet; Escape closes it and takes the request out of the URL.
  for (const key of ["Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab"]) {
    await page.keyboard.press(key);
    expect(await drawer.evaluate((element) => element.contains(document.activeElement)), `focus after ${key}`).toBe(true);
  }
  await expectNoSeriousViolations(page, "request detail");
  await keepScreenshot(page, "request-detail-desktop", { fullPage: false });
  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);
  await expect(page).toHaveURL(/\/requests\?status=4xx$/);

  // A request id leads straight to it by URL, in both spellings.
  await page.goto(`/requests/${failingId}`);
  await expect(page).toHaveURL(new RegExp(`/requests\\?request=${failingId}$`));
  await expect(page.getByRole("dialog", { name: "Request details" }).getByTestId("request-detail")).toHaveAttribute("data-request", failingId);

  // At phone width: rows are cards, the sheet takes the screen.
  await page.setViewportSize(PHONE);
  await page.goto(`/requests?status=4xx&request=${failingId}`);
  await expect(page.getByRole("dialog", { name: "Request details" }).getByTestId("request-detail")).toBeVisible();
  await expectNoSeriousViolations(page, "request detail at 390 px");
  await keepScreenshot(page, "request-detail-phone", { fullPage: false });
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("request-row").filter({ visible: true })).toHaveCount(2);
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousViolations(page, "requests at 390 px");
  await keepScreenshot(page, "requests-phone");
  await page.setViewportSize(DESKTOP);

  // An id that is not in the log says so.
  const unknown = "req_000000000000000000000000";
  await page.goto(`/requests?request=${unknown}`);
  await expect(page.getByTestId("request-not-found")).toContainText(`No request ${unknown} in this tenant's log`);
  await page.keyboard.press("Escape");

  // The rate-limited tile leads to the log filtered by 429: nothing was limited.
  await page.goto("/usage");
  await settled(page, "Usage");
  await page.getByTestId("tile-rate-limited").getByRole("link", { name: "View 429s" }).click();
  await expect(page).toHaveURL(/\/requests\?status=429$/);
  await settled(page, "Requests");
  await expect(page.getByTestId("requests-empty-filtered")).toBeVisible();

  // API keys: the test secret key's 24 hours, leading to its usage.
  await page.goto("/api-keys");
  const testSecret = page.locator('[data-testid="api-key-row"][data-mode="test"][data-type="secret"][data-status="active"]');
  await expect(testSecret.getByTestId("api-key-requests")).toHaveText("5");
  await testSecret.getByTestId("api-key-requests").click();
  await expect(page).toHaveURL(/\/usage\?key=/);
  await settled(page, "Usage");
  await expect(page.getByTestId("tile-requests-value")).toHaveText("5");
});

test("a tenant without calls sees how to make one", async ({ page, request }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("usage-new");
  const password = "usage newcomer password";
  const registered = await registerViaApi(request, { email, password, name: "Nia Newcomer", tenant_name: "Quiet Goods" });
  expect(registered.status()).toBe(201);
  await signIn(page, email, password);

  await page.goto("/usage");
  await settled(page, "Usage");
  const empty = page.getByTestId("usage-empty");
  await expect(empty).toContainText("No requests in the last 24 hours");
  await expect(empty).toContainText("/api/v1/account/");
  await expect(empty).toContainText(/sk_test_…[0-9A-Za-z]{4}/);
  await expect(empty.getByRole("link", { name: "API keys" })).toHaveAttribute("href", "/api-keys");
  await expectNoSeriousViolations(page, "usage, empty");
  await keepScreenshot(page, "usage-empty-desktop");
  await page.setViewportSize(PHONE);
  await expectNoHorizontalOverflow(page);
  await keepScreenshot(page, "usage-empty-phone");

  await page.setViewportSize(DESKTOP);
  await page.goto("/requests");
  await settled(page, "Requests");
  await expect(page.getByTestId("requests-empty")).toContainText("No requests in the last 7 days");
  await expectNoSeriousViolations(page, "requests, empty");
  await keepScreenshot(page, "requests-empty-desktop");
});
