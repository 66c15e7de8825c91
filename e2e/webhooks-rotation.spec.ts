import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import {
  addMemberViaApi,
  checkAtBothWidths as checkPageAtBothWidths,
  connectStripeViaSimulator,
  createPaymentViaApi,
  freshTestSecretKey,
  registerViaApi,
  setCurrenciesViaApi,
  signInViaApi,
  startReceiver,
  uniqueEmail,
  verifiesWith,
} from "./helpers";

// Every test has a tenant of its own, so a retry never meets an endpoint an earlier try left behind.
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

/** Each state at both widths; the screenshot shows the screen, not the whole page. */
const checkAtBothWidths = (page: Page, name: string, options: { fullPage?: boolean; show?: Locator } = {}) => checkPageAtBothWidths(page, name, { fullPage: false, ...options });

async function registerOwner(request: APIRequestContext, prefix: string) {
  const owner = { email: uniqueEmail(prefix), password: `${prefix} owner password` };
  const registered = await registerViaApi(request, { ...owner, name: "Rowan Rotation", tenant_name: `Webhook ${prefix} ${Math.random().toString(36).slice(2, 8)}` });
  expect(registered.status()).toBe(201);
  const { access_token: token } = (await registered.json()) as { access_token: string };
  return { ...owner, token, auth: { authorization: `Bearer ${token}` } };
}

/** Configures the endpoint through the API (what is tested is what comes after) and gives the receiver the secret. */
async function configureViaApi(request: APIRequestContext, auth: Record<string, string>, receiver: Awaited<ReturnType<typeof startReceiver>>) {
  const configured = await request.post("/api/v1/auth/tenants/webhooks/config/", { headers: auth, data: { url: receiver.url } });
  expect(configured.status()).toBe(200);
  receiver.state.secret = ((await configured.json()) as { secret: string }).secret;
}

const deliveriesOf = (receiver: Awaited<ReturnType<typeof startReceiver>>, type: string) => receiver.state.received.filter((entry) => entry.type === type);

test("an owner saves a URL and sees its verification ping; rotates the secret with a 24 h grace in which receivers with the old and the new secret both verify; and expires the old one", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const owner = await registerOwner(request, "rotation");
  const receiver = await startReceiver();
  try {
    await signInViaApi(page.request, owner.email, owner.password);
    await page.goto("/webhooks");

    // Saving pings the URL, and the result sits beside it.
    await page.getByLabel("Endpoint URL").fill(receiver.url);
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const oldSecret = await page.getByRole("textbox", { name: "webhook signing secret", exact: true }).inputValue();
    expect(oldSecret).toMatch(/^whsec_/);
    receiver.state.secret = oldSecret;
    const verification = page.getByTestId("verification");
    await expect(verification).toHaveAttribute("data-delivered", "true");
    await expect(verification).toContainText("Verification ping delivered");
    await expect(verification).toContainText("HTTP 200");
    await expect(verification).toContainText(/\d+ ms/);
    const [ping] = deliveriesOf(receiver, "webhook.test");
    expect(ping.test).toBe(true);
    expect(verifiesWith(ping, oldSecret)).toBe(true);
    await page.getByRole("button", { name: "I have stored the secret" }).click();

    // A receiver that fails: the save goes through and says so, in plain words.
    receiver.state.status = 500;
    await page.getByRole("button", { name: "Save URL" }).click();
    await expect(verification).toHaveAttribute("data-delivered", "false");
    await expect(verification).toContainText("Verification ping failed");
    await expect(verification).toContainText("HTTP 500");
    await expect(verification.getByTestId("verification-detail")).toContainText("It failed on its side: its logs say why. The URL is saved all the same");
    await expect(page.getByText(/^Saved, but the verification ping failed \(HTTP 500\)/)).toBeVisible();

    // The last verification survives a reload; "Send again" checks the fixed receiver.
    await page.reload();
    await expect(verification).toContainText("HTTP 500");
    await expect(verification).toContainText("just now");
    await expect(verification.getByTestId("verification-detail")).not.toContainText("saved all the same");
    receiver.state.status = 200;
    await verification.getByRole("button", { name: "Send again" }).click();
    await expect(verification).toHaveAttribute("data-delivered", "true");
    await expect(verification).toContainText("HTTP 200");
    expect(deliveriesOf(receiver, "webhook.test")).toHaveLength(3);

    // The health card counts the pings: two delivered, one failed. (A reload clears the toasts off the screenshots.)
    await page.reload();
    const health = page.getByTestId("endpoint-health-card");
    await expect(health.getByTestId("health-summary")).toContainText("2 of 3 attempts succeeded in the last 24 hours (66.7%), 1 failed; average response");
    await expect(health.getByTestId("health-24h-attempts")).toHaveText("3 attempts · 1 failed");
    await checkAtBothWidths(page, "webhooks-health", { show: health });
    await health.getByRole("radio", { name: "7 days" }).check();
    await expect(health.getByTestId("health-summary")).toContainText("2 of 3 attempts succeeded in the last 7 days");
    await expect(health.getByTestId("health-table")).toContainText("(UTC)");

    // Rotation: 24 hours of grace by default, said in words before anything happens.
    await page.getByRole("button", { name: "Rotate secret" }).click();
    const rotateDialog = page.getByRole("dialog", { name: "Rotate the signing secret" });
    await expect(rotateDialog).toContainText("two signatures");
    await expect(rotateDialog.getByRole("radio", { name: /^24 hours/ })).toBeChecked();
    await checkAtBothWidths(page, "webhooks-rotation-dialog");
    await rotateDialog.getByRole("button", { name: "Rotate secret" }).click();
    const secretDialog = page.getByRole("dialog", { name: "Your new signing secret" });
    const newSecret = await secretDialog.getByRole("textbox", { name: "webhook signing secret", exact: true }).inputValue();
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    await expect(secretDialog).toContainText(`whsec_****...${oldSecret.slice(-4)}`);
    await secretDialog.getByRole("button", { name: "Copy webhook signing secret" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(newSecret);
    await secretDialog.getByRole("button", { name: "I have stored the secret" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);

    await expect(page.getByTestId("secret-masked")).toHaveText(`whsec_****...${newSecret.slice(-4)}`);
    const previous = page.getByTestId("previous-secret");
    await expect(previous).toContainText(`whsec_****...${oldSecret.slice(-4)}`);
    await expect(previous).toContainText(/Previous secret accepted until .+\(in (23|24) hours\)/);
    await page.reload();
    await expect(previous).toContainText(/Previous secret accepted until .+\(in (23|24) hours\)/);
    await checkAtBothWidths(page, "webhooks-previous-secret", { show: previous });

    // A real event during the grace period carries both signatures: the receiver that still has
    // the old secret verifies it, and so does one that already has the new secret.
    await freshTestSecretKey(request, owner.token);
    await expect.poll(() => deliveriesOf(receiver, "api_keys.regenerated").length, { timeout: 20_000 }).toBe(1);
    const duringGrace = deliveriesOf(receiver, "api_keys.regenerated")[0];
    expect(duringGrace.verified).toBe(true);
    expect(verifiesWith(duringGrace, oldSecret)).toBe(true);
    expect(verifiesWith(duringGrace, newSecret)).toBe(true);
    expect(duringGrace.headers["webhook-signature"].split(" ")).toHaveLength(2);

    // "Expire now": from then on only the new secret verifies.
    await previous.getByRole("button", { name: "Expire now" }).click();
    const confirm = page.getByRole("dialog", { name: "Expire the previous secret now" });
    await expect(confirm).toContainText(`Deletes whsec_****...${oldSecret.slice(-4)} now`);
    await confirm.getByRole("button", { name: "Expire now" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(previous).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId("secret-masked")).toHaveText(`whsec_****...${newSecret.slice(-4)}`);
    await expect(previous).toHaveCount(0);

    await freshTestSecretKey(request, owner.token);
    await expect.poll(() => deliveriesOf(receiver, "api_keys.regenerated").length, { timeout: 20_000 }).toBe(2);
    const afterExpiry = deliveriesOf(receiver, "api_keys.regenerated")[1];
    expect(afterExpiry.verified).toBe(false);
    expect(verifiesWith(afterExpiry, newSecret)).toBe(true);
    expect(afterExpiry.headers["webhook-signature"].split(" ")).toHaveLength(1);
  } finally {
    receiver.close();
  }
});

test("an owner subscribes the endpoint to two event types, and only events of those types are sent", async ({ page, request }) => {
  test.setTimeout(120_000);
  const owner = await registerOwner(request, "subscription");
  const receiver = await startReceiver();
  try {
    // Stripe first, so its stripe.account.connected comes before there is an endpoint to queue it for.
    await setCurrenciesViaApi(request, owner.token, ["eur"]);
    await signInViaApi(page.request, owner.email, owner.password);
    await connectStripeViaSimulator(page);
    await configureViaApi(request, owner.auth, receiver);

    await page.goto("/webhooks");
    const subscription = page.getByTestId("event-subscription");
    await expect(subscription).toContainText("All events");
    await subscription.getByRole("button", { name: "Choose events" }).click();
    const dialog = page.getByRole("dialog", { name: "Choose the events to send" });
    await expect(dialog.getByRole("radio", { name: /^All events/ })).toBeChecked();
    await dialog.getByRole("radio", { name: /^Selected events/ }).check();
    // Nothing ticked is not "all": the dialog says so instead of saving.
    await dialog.getByRole("button", { name: "Save events" }).click();
    await expect(dialog.getByTestId("subscription-error")).toHaveText("Tick at least one event type, or choose all events.");
    // The test event goes out whatever the subscription, so it is no choice.
    await expect(dialog.getByRole("checkbox", { name: /^webhook\.test/ })).toHaveCount(0);
    await dialog.getByRole("checkbox", { name: /^api_keys\.regenerated/ }).check();
    await dialog.getByRole("checkbox", { name: /^payment\.succeeded/ }).check();
    // Every type of the catalog but the test event.
    const catalog = (await (await page.request.get("/api/v1/auth/tenants/webhooks/event-types/")).json()) as { data: unknown[] };
    await expect(dialog.getByTestId("subscription-count")).toHaveText(`2 of ${catalog.data.length - 1} event types ticked`);
    await checkAtBothWidths(page, "webhooks-events-dialog");
    const pingsBefore = deliveriesOf(receiver, "webhook.test").length;
    await dialog.getByRole("button", { name: "Save events" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(subscription).toContainText("2 event types");
    await expect(subscription.getByRole("list", { name: "Subscribed event types" }).getByRole("listitem")).toHaveText(["api_keys.regenerated", "payment.succeeded"]);
    // Only the filter changed: no ping.
    expect(deliveriesOf(receiver, "webhook.test")).toHaveLength(pingsBefore);
    await page.reload();
    await expect(subscription).toContainText("2 event types");

    // Events of both kinds: revoked live keys and a declined payment are left out, the rest is sent.
    const revoked = await request.post("/api/v1/auth/tenants/api-keys/revoke/", {
      headers: owner.auth,
      data: { key_type: "live", reason: "Testing the subscription", confirm: true },
    });
    expect(revoked.status()).toBe(200);
    const testKey = await freshTestSecretKey(request, owner.token);
    const declined = await createPaymentViaApi(request, testKey, { amount: 1500, currency: "eur", description: "Declined" }, "pm_card_chargeDeclined");
    expect(declined.status).toBe("failed");
    const paid = await createPaymentViaApi(request, testKey, { amount: 2000, currency: "eur", description: "Order 1042" });
    expect(paid.status).toBe("succeeded");

    await expect.poll(() => [deliveriesOf(receiver, "api_keys.regenerated").length, deliveriesOf(receiver, "payment.succeeded").length], { timeout: 20_000 }).toEqual([1, 1]);
    expect(deliveriesOf(receiver, "payment.succeeded")[0].verified).toBe(true);
    // Events of other types were never queued: they are nowhere in the delivery log, and never arrived.
    const log = await request.get("/api/v1/auth/tenants/webhooks/deliveries/?limit=100", { headers: owner.auth });
    expect(log.status()).toBe(200);
    const loggedTypes = new Set(((await log.json()) as { data: { event_type: string }[] }).data.map((message) => message.event_type));
    expect([...loggedTypes].sort()).toEqual(["api_keys.regenerated", "payment.succeeded", "webhook.test"]);
    expect(new Set(receiver.state.received.map((entry) => entry.type))).toEqual(new Set(["webhook.test", "api_keys.regenerated", "payment.succeeded"]));
    await page.reload();
    await expect(page.locator('[data-testid="delivery-row"][data-event="payment.succeeded"]')).toHaveCount(1);
    await expect(page.locator('[data-testid="delivery-row"][data-event="payment.failed"]')).toHaveCount(0);
    await expect(page.locator('[data-testid="delivery-row"][data-event="api_keys.revoked"]')).toHaveCount(0);
  } finally {
    receiver.close();
  }
});

test("the event catalog lists every event type with an example and its schema, is linked from the webhooks page and the test console, and is for admins and owners", async ({ page, request, browser }) => {
  const owner = await registerOwner(request, "catalog");
  const receiver = await startReceiver();
  try {
    await configureViaApi(request, owner.auth, receiver);
    await signInViaApi(page.request, owner.email, owner.password);
    await page.goto("/webhooks");

    // The test console still starts from the registry's examples, and points at the catalog.
    await expect(page.getByLabel("Payload (the event's data)")).toHaveValue(/Hello from the Tenant Admin Portal/);
    await page.getByLabel("Event type").selectOption("payment.succeeded");
    await expect(page.getByLabel("Payload (the event's data)")).toHaveValue(/"application_fee_amount": 88/);
    await expect(page.getByRole("link", { name: "Every event type in the catalog" })).toHaveAttribute("href", "/webhooks/events#payment.succeeded");

    await page.getByRole("link", { name: "Event catalog" }).click();
    await expect(page).toHaveURL(/\/webhooks\/events$/);
    await expect(page.getByRole("heading", { level: 1, name: "Event catalog" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Webhooks" })).toHaveAttribute("aria-current", "page");

    // The same types as the API's catalog, each with its description and example.
    const answer = await page.request.get("/api/v1/auth/tenants/webhooks/event-types/");
    expect(answer.status()).toBe(200);
    const catalog = ((await answer.json()) as { data: { type: string; description: string; example: Record<string, unknown> }[] }).data;
    const entries = page.getByTestId("catalog-event");
    await expect(entries.getByRole("heading", { level: 3 })).toHaveText(catalog.map((entry) => entry.type));
    const succeeded = page.locator('article[id="payment.succeeded"]');
    const example = catalog.find((entry) => entry.type === "payment.succeeded")!;
    await expect(succeeded).toContainText(example.description);
    await succeeded.getByRole("button", { name: "Copy example body of payment.succeeded" }).click();
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as { type: string; test: boolean; data: unknown };
    expect(copied).toMatchObject({ type: "payment.succeeded", test: false, data: example.example });

    // The schema is folded away until asked for.
    const schema = succeeded.getByTestId("catalog-schema");
    await expect(schema.locator("pre")).toBeHidden();
    await schema.getByText("JSON Schema of").click();
    await expect(schema.locator("pre")).toContainText('"$schema": "https://json-schema.org/draft/2020-12/schema"');
    await expect(schema.locator("pre")).toContainText('"application_fee_amount"');
    await checkAtBothWidths(page, "webhooks-catalog-schema", { show: schema });
    await page.evaluate(() => window.scrollTo(0, 0));
    await checkAtBothWidths(page, "webhooks-catalog");

    // A member is refused, as on /webhooks.
    const member = { email: uniqueEmail("catalog-member"), password: "catalog member password", name: "Mia Member", role: "member" as const };
    await addMemberViaApi(request, owner.token, member);
    const context = await browser.newContext();
    try {
      const memberPage = await context.newPage();
      await signInViaApi(memberPage.request, member.email, member.password);
      await memberPage.goto("/webhooks/events");
      await expect(memberPage.getByText("You do not have access to webhooks")).toBeVisible();
      await expect(memberPage.getByTestId("catalog-event")).toHaveCount(0);
    } finally {
      await context.close();
    }
  } finally {
    receiver.close();
  }
});

test("after an outage an admin re-enables the endpoint and recovers the failed messages from the delivery log: they arrive again and show delivered", async ({ page, request }) => {
  test.setTimeout(120_000);
  const owner = await registerOwner(request, "recovery");
  const admin = { email: uniqueEmail("recovery-admin"), password: "recovery admin password", name: "Ada Admin", role: "admin" as const };
  await addMemberViaApi(request, owner.token, admin);
  const receiver = await startReceiver();
  try {
    await configureViaApi(request, owner.auth, receiver);

    // The receiver goes down: two real events cannot be delivered.
    await receiver.stop();
    await freshTestSecretKey(request, owner.token);
    await freshTestSecretKey(request, owner.token);
    const messages = async () => {
      const log = await request.get("/api/v1/auth/tenants/webhooks/deliveries/?limit=100", { headers: owner.auth });
      return ((await log.json()) as { data: { id: string; event_type: string; status: string }[] }).data.filter((message) => message.event_type === "api_keys.regenerated");
    };
    await expect.poll(async () => (await messages()).map((message) => message.status), { timeout: 20_000, intervals: [100] }).toEqual(["failing", "failing"]);
    // It comes back answering 410 Gone (a maintenance page): the first retry disables the endpoint, and
    // every message waiting for a retry fails. Only failed messages, with nothing waiting, are recovered.
    receiver.state.status = 410;
    await receiver.start();
    await expect.poll(async () => (await messages()).map((message) => message.status), { timeout: 30_000 }).toEqual(["failed", "failed"]);
    const failedIds = (await messages()).map((message) => message.id).sort();
    receiver.state.status = 200;

    await signInViaApi(page.request, admin.email, admin.password);
    await page.goto("/webhooks");
    const banner = page.getByTestId("disabled-banner");
    await expect(banner).toContainText("Deliveries to this endpoint are paused");
    await expect(banner).toContainText("The endpoint answered 410 Gone.");
    await expect(banner).toContainText(/Disabled .+\((just now|\d+ minutes? ago)\)/);

    // Recovering needs an enabled endpoint: the dialog says so, next to its button.
    await page.getByRole("button", { name: "Recover failed messages" }).click();
    const dialog = page.getByRole("dialog", { name: "Recover failed messages" });
    await expect(dialog.getByRole("radio", { name: "Last 24 hours" })).toBeChecked();
    await checkAtBothWidths(page, "webhooks-recovery-dialog");
    await dialog.getByRole("button", { name: "Recover messages" }).click();
    await expect(dialog.getByTestId("recover-error")).toContainText("disabled");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    // Re-enable saves the URL again and shows its ping.
    await banner.getByRole("button", { name: "Re-enable" }).click();
    await expect(banner).toHaveCount(0);
    await expect(page.getByTestId("verification")).toHaveAttribute("data-delivered", "true");
    await expect(page.getByText("Endpoint re-enabled", { exact: true })).toBeVisible();

    // The custom time is checked before anything is sent.
    await page.getByRole("button", { name: "Recover failed messages" }).click();
    await dialog.getByRole("radio", { name: "A date and time" }).check();
    await dialog.getByRole("button", { name: "Recover messages" }).click();
    await expect(dialog.getByTestId("recover-error")).toHaveText("Pick the date and time to recover from.");
    await dialog.getByRole("radio", { name: "Last hour" }).check();
    const receivedBefore = receiver.state.received.length;
    await dialog.getByRole("button", { name: "Recover messages" }).click();
    await expect(page.getByText("2 messages queued", { exact: true })).toBeVisible();
    await expect(page.getByRole("dialog")).toHaveCount(0);

    for (const id of failedIds) {
      const row = page.locator(`[data-testid="delivery-row"]`).filter({ hasText: id });
      await expect(row).toHaveAttribute("data-status", "delivered", { timeout: 20_000 });
    }
    // Each once more, with its original webhook-id, signed.
    const recovered = () => receiver.state.received.slice(receivedBefore).filter((entry) => entry.type === "api_keys.regenerated");
    await expect.poll(() => recovered().map((entry) => `${entry.id} ${entry.verified}`).sort(), { timeout: 20_000 }).toEqual(failedIds.map((id) => `${id} true`));
    const first = page.locator(`[data-testid="delivery-row"]`).filter({ hasText: failedIds[0] });
    await first.getByRole("button", { name: /^Details of/ }).click();
    await expect(page.getByRole("dialog").getByTestId("attempt-detail").filter({ hasText: "recovery" })).toContainText("succeeded");
  } finally {
    receiver.close();
  }
});
