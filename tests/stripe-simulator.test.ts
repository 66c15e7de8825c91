import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as connect } from "@/app/api/v1/auth/tenants/stripe/connect/route";
import { POST as finish } from "@/app/(stripe-simulator)/api/stripe-simulator/finish/route";
import { POST as simulatorApi } from "@/app/(stripe-simulator)/v1/[...path]/route";
import { POST as simulatorOAuth } from "@/app/(stripe-simulator)/oauth/[...path]/route";
import { simulatorApiKey } from "@/lib/stripe/config";
import { handleSimulatorRequest } from "@/lib/stripe/simulator/api";
import { call, registerOwner, ANY_REQUEST_ID } from "./helpers/api";
import { addMember } from "./helpers/fixtures";
import { setOnboardingMode, withStripeSimulator } from "./helpers/stripe-simulator";
import { chunkedBody, streamingRequest } from "./helpers/streams";

withStripeSimulator();
const ORIGIN = "http://localhost:3000";
const FINISH = "/api/stripe-simulator/finish/";

/** Every object the simulator holds, to show a refused request changed none. */
const simulatorObjects = async () =>
  (await prisma.stripeSimulatorObject.findMany({ orderBy: { id: "asc" } })).map(({ id, kind, data }) => ({ id, kind, data }));

async function startedOnboarding() {
  const owner = await registerOwner();
  const started = await call(connect, "/api/v1/auth/tenants/stripe/connect/", { token: owner.token, body: {} });
  expect(started.status).toBe(200);
  return { owner, url: new URL(started.body.url as string) };
}

const postForm = (fields: Record<string, string>, cookie?: string) =>
  call(finish, FINISH, { body: new URLSearchParams(fields).toString(), cookie, origin: cookie ? ORIGIN : undefined, headers: { "content-type": "application/x-www-form-urlencoded" } });

describe("POST /api/stripe-simulator/finish/", () => {
  it("lets the owner who started an Account Link onboarding finish it, back to the portal's callback", async () => {
    const { owner, url } = await startedOnboarding();
    const link = url.searchParams.get("link")!;
    const result = await postForm({ flow: "account_link", link, outcome: "complete" }, owner.session);
    expect(result.status).toBe(303);
    expect(result.headers.get("location")).toMatch(/^http:\/\/localhost:3000\/api\/v1\/auth\/tenants\/stripe\/callback\/\?state=/);
    const { accountId } = await prisma.stripeConnection.findUniqueOrThrow({ where: { tenantId: owner.tenantId } });
    const account = await handleSimulatorRequest({ method: "GET", path: `/v1/accounts/${accountId}`, params: new URLSearchParams(), authorization: `Bearer ${simulatorApiKey()}` });
    expect(account.body).toMatchObject({ charges_enabled: true, details_submitted: true });
  });

  it("refuses an anonymous caller with 401 and creates or changes nothing, in either flow", async () => {
    const { url } = await startedOnboarding();
    setOnboardingMode("oauth");
    const { url: authorize } = await startedOnboarding();
    const before = await simulatorObjects();

    const link = await postForm({ flow: "account_link", link: url.searchParams.get("link")!, outcome: "complete" });
    expect(link.status).toBe(401);
    expect(link.body).toEqual({ error: { code: "unauthorized", message: expect.any(String), request_id: ANY_REQUEST_ID } });
    const oauth = await postForm({ flow: "oauth", redirect_uri: authorize.searchParams.get("redirect_uri")!, state: authorize.searchParams.get("state")!, outcome: "complete" });
    expect(oauth.status).toBe(401);
    expect(await simulatorObjects()).toEqual(before);
  });

  it("answers another tenant's owner 404, and a member of the same tenant 403; nothing is created or changed", async () => {
    const { owner, url } = await startedOnboarding();
    setOnboardingMode("oauth");
    const { url: authorize } = await startedOnboarding();
    const stranger = await registerOwner();
    const admin = await addMember(owner.tenantId, "admin");
    const before = await simulatorObjects();

    const link = await postForm({ flow: "account_link", link: url.searchParams.get("link")!, outcome: "complete" }, stranger.session);
    expect(link.status).toBe(404);
    expect(link.body).toEqual({ error: { code: "not_found", message: "No such onboarding link.", request_id: ANY_REQUEST_ID } });
    const oauth = await postForm(
      { flow: "oauth", redirect_uri: authorize.searchParams.get("redirect_uri")!, state: authorize.searchParams.get("state")!, outcome: "complete" },
      stranger.session,
    );
    expect(oauth.status).toBe(404);
    expect(oauth.body.error.code).toBe("not_found");
    const sameTenantAdmin = await postForm({ flow: "account_link", link: url.searchParams.get("link")!, outcome: "complete" }, admin.session);
    expect(sameTenantAdmin.status).toBe(403);
    expect(await simulatorObjects()).toEqual(before);
  });

  it("answers an unknown link 404 in the error shape, and a malformed form 400", async () => {
    const owner = await registerOwner();
    const unknown = await postForm({ flow: "account_link", link: "link_simnosuchlink", outcome: "complete" }, owner.session);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: { code: "not_found", message: "No such onboarding link.", request_id: ANY_REQUEST_ID } });
    const malformed = await postForm({ flow: "account_link", outcome: "sideways" }, owner.session);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("validation_error");
  });

  it("lets the owner deny or complete an OAuth authorization they started", async () => {
    setOnboardingMode("oauth");
    const { owner, url } = await startedOnboarding();
    const fields = { flow: "oauth", redirect_uri: url.searchParams.get("redirect_uri")!, state: url.searchParams.get("state")! };
    const denied = await postForm({ ...fields, outcome: "deny" }, owner.session);
    expect(denied.status).toBe(303);
    expect(new URL(denied.headers.get("location")!).searchParams.get("error")).toBe("access_denied");
    const accepted = await postForm({ ...fields, outcome: "complete" }, owner.session);
    expect(new URL(accepted.headers.get("location")!).searchParams.get("code")).toMatch(/^ac_/);
  });

  it("cuts off a chunked form over 64 KB with 413, without reading it all", async () => {
    const { owner } = await startedOnboarding();
    const { stream, seen } = chunkedBody(2 * 1024 * 1024);
    const request = streamingRequest(FINISH, stream, { cookie: `next-auth.session-token=${owner.session}`, origin: ORIGIN });
    const response = await finish(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: "payload_too_large", message: expect.any(String), request_id: ANY_REQUEST_ID } });
    expect(seen.cancelled).toBe(true);
    expect(seen.pulledBytes).toBeLessThan(seen.totalBytes / 8);
  });
});

describe("the simulator's API", () => {
  const auth = () => `Bearer ${simulatorApiKey()}`;
  const createAccount = (key: string, tenant = "t1") =>
    handleSimulatorRequest({ method: "POST", path: "/v1/accounts", params: new URLSearchParams({ "metadata[tenant_id]": tenant }), authorization: auth(), idempotencyKey: key });

  it("honours Idempotency-Key as Stripe does: one account per key, replayed; other parameters refused", async () => {
    const key = `key-${Date.now()}`;
    const first = await createAccount(key);
    const again = await createAccount(key);
    expect(first.status).toBe(200);
    expect(again).toMatchObject({ status: 200, body: first.body, headers: { "idempotent-replayed": "true" } });
    expect((first.body as { metadata: object }).metadata).toEqual({ tenant_id: "t1" });
    const other = await createAccount(key, "t2");
    expect(other.status).toBe(400);
    expect(other.body).toMatchObject({ error: { type: "idempotency_error" } });
    const distinct = await createAccount(`${key}-other`);
    expect((distinct.body as { id: string }).id).not.toBe((first.body as { id: string }).id);
  });

  it("creates one account for concurrent requests with one key; the others replay it or are told to retry (409)", async () => {
    const key = `concurrent-${Date.now()}`;
    const tenant = `t-${key}`;
    const answers = await Promise.all(Array.from({ length: 5 }, () => createAccount(key, tenant)));
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    const ids = new Set(answers.filter((a) => a.status === 200).map((a) => (a.body as { id: string }).id));
    expect(ids.size).toBe(1);
    const accounts = (await prisma.stripeSimulatorObject.findMany({ where: { kind: "account" } })).filter(
      (row) => (row.data as { metadata?: { tenant_id?: string } }).metadata?.tenant_id === tenant,
    );
    expect(accounts).toHaveLength(1);
  });

  for (const [label, route, path] of [
    ["/v1/accounts", simulatorApi, "/v1/accounts"],
    ["/oauth/token", simulatorOAuth, "/oauth/token"],
  ] as const) {
    it(`${label}: refuses a body over 64 KB with a lying or absent Content-Length (413, Stripe's shape), without reading it all`, async () => {
      const before = await simulatorObjects();
      for (const contentLength of [undefined, 10]) {
        const { stream, seen } = chunkedBody(2 * 1024 * 1024);
        const response = await route(streamingRequest(path, stream, { authorization: auth(), "content-type": "application/x-www-form-urlencoded" }, contentLength));
        expect(response.status).toBe(413);
        expect(await response.json()).toEqual({ error: { type: "invalid_request_error", code: "payload_too_large", message: expect.any(String) } });
        expect(seen.cancelled).toBe(true);
        expect(seen.pulledBytes).toBeLessThan(seen.totalBytes / 8);
      }
      expect(await simulatorObjects()).toEqual(before);
    });
  }
});
