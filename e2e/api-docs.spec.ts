import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expectNoSeriousViolations, keepScreenshot, signIn } from "./helpers";

/**
 * The API reference page renders the OpenAPI document the server serves, with
 * no outside requests, at desktop and phone width, and passes axe.
 */

const WIDTHS = [
  { label: "1280", viewport: { width: 1280, height: 900 } },
  { label: "390", viewport: { width: 390, height: 844 } },
];

for (const { label, viewport } of WIDTHS) {
  test(`the API reference at ${label} px: operations, the JSON link, axe, nothing from outside`, async ({ page }) => {
    // A long page: axe walks every operation of the API.
    test.setTimeout(240_000);
    await page.setViewportSize(viewport);
    const outside: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost" && url.protocol !== "data:") outside.push(request.url());
    });
    await signIn(page, DEMO.member, DEMO_PASSWORD);
    await page.goto("/docs/api");
    await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();

    const createPayment = page.getByRole("article", { name: "POST /api/v1/payments/", exact: true });
    await expect(createPayment).toBeVisible();
    await expect(createPayment.getByText("Platform API: a secret key")).toBeVisible();
    await expect(createPayment.getByRole("table", { name: "Request body of POST /api/v1/payments/" })).toContainText("currency");
    await expect(createPayment.getByText("rate_limited")).toBeVisible();
    await expect(createPayment.getByText('-H "Authorization: Bearer $SECRET_KEY"')).toBeVisible();
    await expect(createPayment.getByRole("button", { name: "Copy path POST /api/v1/payments/" })).toBeVisible();

    // No sideways scrolling on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await expectNoSeriousViolations(page, `the API reference at ${label} px`);

    await keepScreenshot(page, `page-api-docs-${label}`, { fullPage: false });
    await createPayment.scrollIntoViewIfNeeded();
    await keepScreenshot(page, `page-api-docs-payments-${label}`, { fullPage: false });

    const json = page.getByRole("link", { name: "OpenAPI document (JSON)" });
    await expect(json).toHaveAttribute("href", "/api/v1/openapi.json/");
    const answer = await page.request.get("/api/v1/openapi.json/");
    expect(answer.status()).toBe(200);
    expect(answer.headers()["request-id"]).toMatch(/^req_/);
    const document = await answer.json();
    expect(document.openapi).toBe("3.1.0");
    expect(document.paths["/api/v1/payments/"].post.requestBody.content["application/json"].schema.required).toEqual(["amount", "currency"]);
    expect(outside).toEqual([]);
  });
}

test("GET /api/v1/openapi.json answers without credentials, without the trailing slash too, and may be cached", async ({ request }) => {
  for (const path of ["/api/v1/openapi.json/", "/api/v1/openapi.json"]) {
    const answer = await request.get(path);
    expect(answer.status(), path).toBe(200);
    expect(answer.headers()["content-type"]).toContain("application/json");
    expect(answer.headers()["cache-control"]).toContain("max-age=300");
    expect(Object.keys((await answer.json()).paths)).toContain("/api/v1/openapi.json/");
  }
});
