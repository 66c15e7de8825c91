import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, keepScreenshot, sidebarLink, submitSignIn } from "./helpers";

test.describe("phone width (390 px)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the sidebar collapses behind a menu button and wide tables become cards", async ({ page }) => {
    await page.goto("/login");
    await keepScreenshot(page, "phone-login");
    await submitSignIn(page, DEMO.owner, DEMO_PASSWORD);
    await expect(page.getByRole("navigation", { name: "Portal" })).not.toBeInViewport();
    await keepScreenshot(page, "phone-dashboard");

    await page.getByRole("button", { name: "Open navigation" }).click();
    await expect(page.getByRole("navigation", { name: "Portal" })).toBeInViewport();
    await keepScreenshot(page, "phone-navigation");
    // Like a dialog: focus starts inside, Tab never reaches the page behind, Escape closes back to the button.
    const focusIsBehind = () => page.evaluate(() => document.getElementById("portal-main")?.contains(document.activeElement) ?? false);
    expect(await page.evaluate(() => document.getElementById("portal-sidebar")?.contains(document.activeElement))).toBe(true);
    for (let i = 0; i < 15; i += 1) {
      await page.keyboard.press("Tab");
      expect(await focusIsBehind(), `Tab ${i + 1} left the drawer`).toBe(false);
    }
    await page.keyboard.press("Escape");
    await expect(page.getByRole("navigation", { name: "Portal" })).not.toBeInViewport();
    await expect(page.getByRole("button", { name: "Open navigation" })).toBeFocused();
    await page.getByRole("button", { name: "Open navigation" }).click();
    await expect(page.getByRole("navigation", { name: "Portal" })).toBeInViewport();
    await sidebarLink(page, "API keys").click();
    await expect(page).toHaveURL(/\/api-keys$/);
    await expect(page.getByRole("navigation", { name: "Portal" })).not.toBeInViewport();
    await keepScreenshot(page, "phone-api-keys");

    // Nothing is wider than the screen: each key is a card of label: value lines.
    await expect(page.getByTestId("api-key-row").first()).toHaveCSS("display", "block");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await page.goto("/audit-log");
    await keepScreenshot(page, "phone-audit-log");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });
});
