import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expectNoSeriousViolations, freshTestSecretKey, keepScreenshot, registerViaApi, signInViaApi, streamedIn, uniqueClientIp, uniqueEmail } from "./helpers";

/**
 * The page's background as the eye sees it: computed colours come back in
 * whatever space the token was written in (oklch), so they are painted on a
 * canvas and read back as sRGB. Returns the relative lightness, 0 to 1.
 */
async function backgroundLightness(element: Locator): Promise<number> {
  return element.evaluate((node) => {
    const colour = getComputedStyle(node).backgroundColor;
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const context = canvas.getContext("2d")!;
    context.fillStyle = colour;
    context.fillRect(0, 0, 1, 1);
    const [red, green, blue] = context.getImageData(0, 0, 1, 1).data;
    return (red + green + blue) / (3 * 255);
  });
}

const looksDark = async (page: Page, element = page.locator("html")) => expect.poll(() => backgroundLightness(element)).toBeLessThan(0.25);
const looksLight = async (page: Page, element = page.locator("html")) => expect.poll(() => backgroundLightness(element)).toBeGreaterThan(0.9);

const accountMenu = (page: Page) => page.getByRole("button", { name: /Account menu/ });

test("Dark from the account menu: the page turns dark at once, and stays dark after a reload and on a new page", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "light", extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  const page = await context.newPage();
  await signInViaApi(page.request, DEMO.owner, DEMO_PASSWORD);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await looksLight(page);
  await looksLight(page, page.locator("#portal-sidebar"));

  await accountMenu(page).click();
  await expect(page.getByRole("menuitemradio", { name: "System" })).toHaveAttribute("aria-checked", "true");
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await looksDark(page);
  await expect(page.getByRole("menuitemradio", { name: "Dark" })).toHaveAttribute("aria-checked", "true");
  // The sidebar, a white surface in the light theme, is dark too.
  await looksDark(page, page.locator("#portal-sidebar"));

  // The server renders the choice: no flash, nothing to run first.
  await page.reload();
  await expect(page.locator("html")).toHaveClass("theme-dark");
  await looksDark(page);

  const second = await context.newPage();
  await second.goto("/api-keys");
  await expect(second.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await looksDark(second);
  await second.close();
  await context.close();
});

test("System follows the system's setting as it changes, without a reload", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "light", extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  const page = await context.newPage();
  await signInViaApi(page.request, DEMO.admin, DEMO_PASSWORD);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  // Light is kept on a dark system.
  await accountMenu(page).click();
  await page.getByRole("menuitemradio", { name: "Light" }).click();
  await page.emulateMedia({ colorScheme: "dark" });
  await looksLight(page);

  await page.getByRole("menuitemradio", { name: "System" }).click();
  await expect(page.getByRole("menuitemradio", { name: "System" })).toHaveAttribute("aria-checked", "true");
  await looksDark(page);
  await page.emulateMedia({ colorScheme: "light" });
  await looksLight(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await looksDark(page);

  await page.keyboard.press("Escape");
  await page.reload();
  await expect(page.locator("html")).toHaveClass("theme-system");
  await looksDark(page);
  await context.close();
});

test("signed out, the switch under the sign-in card chooses the theme too", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "light" });
  const page = await context.newPage();
  await page.goto("/login");
  const themes = page.getByRole("group", { name: "Theme" });
  await expect(themes.getByRole("button", { name: "System" })).toHaveAttribute("aria-pressed", "true");
  await looksLight(page);

  await themes.getByRole("button", { name: "Dark" }).click();
  await looksDark(page);
  await expect(themes.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
  await page.goto("/signup");
  await looksDark(page);
  await expect(page.getByRole("group", { name: "Theme" }).getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
  await context.close();
});

/**
 * The pages pages.spec.ts does not visit, in the dark theme at both widths:
 * usage (with its chart), the request log, the API reference and the 404.
 */
test("the pages outside the every-page check pass axe in the dark theme", async ({ browser }) => {
  // Four pages at two widths, with axe on each; the API reference is a long page for axe.
  test.setTimeout(300_000);
  const context = await browser.newContext({ colorScheme: "dark", extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  const page = await context.newPage();
  const email = uniqueEmail("dark-owner");
  const password = "dark owner password";
  const registered = await registerViaApi(page.request, { email, password, name: "Dora Dark", tenant_name: "Night Shift Goods" });
  expect(registered.status()).toBe(201);
  const { access_token: token } = (await registered.json()) as { access_token: string };
  const secret = await freshTestSecretKey(page.request, token);
  // Calls that work and one the API refuses, so the chart has bars of two colours.
  for (let call = 0; call < 3; call += 1) expect((await page.request.get("/api/v1/account/", { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(200);
  expect((await page.request.get("/api/v1/payments/not-a-payment/", { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(404);
  await signInViaApi(page.request, email, password);

  // The recorder flushes its counts every few seconds: reload until the page counts the four
  // requests, then give the chart (its own script, loaded after the page) the usual time to draw.
  await expect(async () => {
    await page.goto("/usage");
    // The chart's text alternative (read by screen readers, not shown).
    await expect(page.getByText(/^4 requests in the last 24 hours/)).toBeAttached({ timeout: 10_000 });
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000] });
  await expect(page.getByTestId("usage-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();

  const pages = [
    { name: "usage", path: "/usage", heading: "Usage" },
    { name: "requests", path: "/requests", heading: "Requests" },
    // Long, and the same blocks at both widths: the first screen at one width is enough.
    { name: "api-reference", path: "/docs/api", heading: "API reference", fullPage: false, widths: ["desktop"] },
    { name: "not-found", path: "/no-such-page", heading: "Page not found" },
  ];
  for (const entry of pages) {
    if (page.url() !== new URL(entry.path, page.url()).href) await page.goto(entry.path);
    await expect(page.getByRole("heading", { level: 1, name: entry.heading })).toBeVisible();
    await streamedIn(page);
    await looksDark(page);
    for (const [label, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]] as const) {
      if (entry.widths && !entry.widths.includes(label)) continue;
      await page.setViewportSize(viewport);
      await expectNoSeriousViolations(page, `${entry.name} (${label}), dark`);
      await keepScreenshot(page, `theme-${entry.name}-${label}-dark`, { fullPage: entry.fullPage ?? true });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  await context.close();
});
