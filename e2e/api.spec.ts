import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, uniqueEmail } from "./helpers";

test.describe("the JSON API over HTTP", () => {
  test("answers with and without the trailing slash, for every method, without a redirect", async ({ request }) => {
    const login = await request.post("/api/v1/auth/login/", { data: { email: DEMO.owner, password: DEMO_PASSWORD }, maxRedirects: 0 });
    expect(login.status()).toBe(200);
    const { access_token } = await login.json();
    const auth = { authorization: `Bearer ${access_token}` };

    for (const path of ["/api/v1/auth/me/", "/api/v1/auth/me"]) {
      const response = await request.get(path, { headers: auth, maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
      expect((await response.json()).user.email).toBe(DEMO.owner);
    }
    for (const path of ["/api/v1/auth/login/", "/api/v1/auth/login"]) {
      const response = await request.post(path, { data: { email: DEMO.owner, password: DEMO_PASSWORD }, maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
    }
    for (const path of ["/api/v1/auth/register/", "/api/v1/auth/register"]) {
      const response = await request.post(path, {
        data: { email: uniqueEmail("slash"), password: "long enough password", name: "S", tenant_name: "Slash Co" },
        headers: { "x-forwarded-for": `198.19.0.${path.length}` }, // sign-ups are throttled per IP
        maxRedirects: 0,
      });
      expect(response.status(), path).toBe(201);
    }
    for (const path of ["/api/v1/auth/tenants/audit-logs/", "/api/v1/auth/tenants/audit-logs"]) {
      const response = await request.get(`${path}?limit=2`, { headers: auth, maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
    }
    // Unknown paths answer in the error shape too.
    for (const path of ["/api/v1/nope/", "/api/v1/auth/me/extra"]) {
      const response = await request.post(path, { headers: auth, data: {}, maxRedirects: 0 });
      expect(response.status(), path).toBe(404);
      expect((await response.json()).error.code).toBe("not_found");
    }
    // Methods a route does not have are refused the same way on both spellings.
    for (const path of ["/api/v1/auth/me/", "/api/v1/auth/me"]) {
      const response = await request.delete(path, { headers: auth, maxRedirects: 0 });
      expect(response.status(), path).toBe(405);
    }
  });

  test("keeps the error shape over HTTP for bad input", async ({ request }) => {
    const response = await request.post("/api/v1/auth/register/", {
      headers: { "content-type": "application/json" },
      data: Buffer.from("{oops"),
    });
    expect(response.status()).toBe(400);
    // The error names the request, as the Request-Id header does.
    expect(await response.json()).toEqual({ error: { code: "invalid_json", message: expect.any(String), request_id: response.headers()["request-id"] } });
    expect(response.headers()["request-id"]).toMatch(/^req_[0-9A-Za-z]{24}$/);
    const unknown = await request.post("/api/v1/auth/login/", { data: { email: "nobody@example.test", password: "x" } });
    expect(unknown.status()).toBe(401);
    expect((await unknown.json()).error.code).toBe("invalid_credentials");
  });

  test("sends security headers on pages and API answers", async ({ request }) => {
    const page = await request.get("/login");
    const csp = page.headers()["content-security-policy"];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toContain("unsafe-eval");
    expect(page.headers()["x-content-type-options"]).toBe("nosniff");
    expect(page.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(page.headers()["x-powered-by"]).toBeUndefined();

    const api = await request.get("/api/v1/auth/me/");
    expect(api.status()).toBe(401);
    expect(api.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(api.headers()["x-content-type-options"]).toBe("nosniff");
    expect(api.headers()["cache-control"]).toContain("no-store");
  });

  test("the session cookie is httpOnly and SameSite=Lax", async ({ page, context }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(DEMO.owner);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
    expect(session).toBeDefined();
    expect(session!.httpOnly).toBe(true);
    expect(session!.sameSite).toBe("Lax");
    // Served over plain http here; next-auth marks it Secure when APP_URL is https.
    expect(session!.secure).toBe(false);
  });

  test("a cookie-authenticated write from another origin is refused (CSRF)", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(DEMO.owner);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    const forged = await page.request.post("/api/v1/auth/login/", {
      data: { email: DEMO.owner, password: DEMO_PASSWORD },
      headers: { origin: "https://evil.example" },
    });
    expect(forged.status()).toBe(403);
    expect((await forged.json()).error.code).toBe("csrf_origin_mismatch");
  });
});

test("production refuses to start without its secrets, naming the missing one", async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: "0" };
  delete env.AUTH_SECRET;
  env.ENCRYPTION_KEY = Buffer.alloc(32, 9).toString("base64");
  const child = spawn("node_modules/.bin/next", ["start", "-p", "0", "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearTimeout(timer);
  expect(code).not.toBe(0);
  expect(code).not.toBeNull();
  expect(output).toContain("Configuration error: AUTH_SECRET is required in production");
});
