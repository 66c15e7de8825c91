// The portal's views of a tenant's payments: list, detail (refunds, the
// webhook events each payment caused, its timeline), an admin's refund,
// the CSV export and the dashboard summary.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { GET as listRoute } from "@/app/api/v1/auth/tenants/payments/route";
import { GET as detailRoute } from "@/app/api/v1/auth/tenants/payments/[paymentId]/route";
import { POST as refundRoute } from "@/app/api/v1/auth/tenants/payments/[paymentId]/refund/route";
import { GET as exportRoute } from "@/app/api/v1/auth/tenants/payments/export/route";
import { GET as summaryRoute } from "@/app/api/v1/auth/tenants/payments/summary/route";
import { newPublicId } from "@/lib/ids";
import { BASE_URL, call, type CallOptions } from "./helpers/api";
import { addMember } from "./helpers/fixtures";
import { configureReceiver, confirmPayment, createPayment, createRefund, drainDeliveries, paymentTenant, succeededPayment, type PaymentTenant } from "./helpers/payments";
import { receiversPerTest } from "./helpers/receiver";
import { withStripeSimulator } from "./helpers/stripe-simulator";

withStripeSimulator();
const receiver = receiversPerTest();

type Who = Pick<CallOptions, "token" | "cookie" | "origin">;

const list = (who: Who, query = "") => call(listRoute, `/api/v1/auth/tenants/payments/${query}`, who);
const detail = (who: Who, paymentId: string) => call(detailRoute, `/api/v1/auth/tenants/payments/${paymentId}/`, { ...who, params: { paymentId } });
const refund = (who: Who, paymentId: string, body: unknown) =>
  call(refundRoute, `/api/v1/auth/tenants/payments/${paymentId}/refund/`, { ...who, method: "POST", body, params: { paymentId } });
const summary = (who: Who, query = "") => call(summaryRoute, `/api/v1/auth/tenants/payments/summary/${query}`, who);

async function exportCsv(who: Who, query = "") {
  const headers = new Headers();
  if (who.token) headers.set("authorization", `Bearer ${who.token}`);
  const { NextRequest } = await import("next/server");
  const response = await exportRoute(new NextRequest(new URL(`/api/v1/auth/tenants/payments/export/${query}`, BASE_URL), { headers }), { params: Promise.resolve({}) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A stored payment, for figures that need set dates and descriptions (the simulator is not needed to read them). */
async function storedPayment(tenant: PaymentTenant, fields: { amount: number; currency?: string; status?: string; livemode?: boolean; fee?: number; refunded?: number; description?: string | null; at: Date }) {
  const id = newPublicId("pay");
  return prisma.payment.create({
    data: {
      id,
      tenantId: tenant.tenantId,
      livemode: fields.livemode ?? false,
      amount: fields.amount,
      currency: fields.currency ?? "usd",
      applicationFeeAmount: fields.fee ?? 0,
      status: fields.status ?? "succeeded",
      stripePaymentIntentId: `pi_portal${id.slice(4)}`,
      stripeAccountId: tenant.accountId ?? "acct_none",
      refundedAmount: fields.refunded ?? 0,
      description: fields.description ?? null,
      createdAt: fields.at,
      succeededAt: (fields.status ?? "succeeded") === "succeeded" ? fields.at : null,
    },
  });
}

describe("GET /api/v1/auth/tenants/payments/", () => {
  it("lets any member list both modes, or one, without client secrets", async () => {
    const tenant = await paymentTenant();
    const member = await addMember(tenant.tenantId, "member");
    const testPayment = await createPayment(tenant.testKey, { amount: 2000, currency: "usd" });
    const livePayment = await createPayment(tenant.liveKey, { amount: 3000, currency: "usd" });
    const all = await list({ token: member.token });
    expect(all.status).toBe(200);
    expect(all.body.data.map((payment: { id: string }) => payment.id)).toEqual([livePayment.body.id, testPayment.body.id]);
    expect(all.body.data.every((payment: { client_secret: unknown }) => payment.client_secret === null)).toBe(true);
    expect(all.body.next_cursor).toBeNull();
    expect((await list({ token: member.token }, "?mode=test")).body.data.map((payment: { id: string }) => payment.id)).toEqual([testPayment.body.id]);
    expect((await list({ cookie: member.session }, "?mode=live&limit=1")).body.data.map((payment: { id: string }) => payment.id)).toEqual([livePayment.body.id]);
    const paged = await list({ token: member.token }, "?limit=1");
    expect(paged.body.next_cursor).toBe(livePayment.body.id);
    expect((await list({ token: member.token }, `?limit=1&cursor=${paged.body.next_cursor}`)).body.data[0].id).toBe(testPayment.body.id);
  });

  it("answers 401 without a session, 400 for a bad mode, and never shows another tenant's payments", async () => {
    const tenant = await paymentTenant();
    const stranger = await paymentTenant();
    await createPayment(stranger.testKey, { amount: 2000, currency: "usd" });
    expect((await list({})).status).toBe(401);
    const bad = await list({ token: tenant.token }, "?mode=sandbox");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_error");
    expect((await list({ token: tenant.token })).body.data).toEqual([]);
  });
});

describe("GET /api/v1/auth/tenants/payments/{id}/", () => {
  it("shows the payment with its refunds, the webhook events it caused and its timeline in order", async () => {
    const tenant = await paymentTenant();
    await configureReceiver(tenant.token, await receiver());
    const created = await createPayment(tenant.testKey, { amount: 2000, currency: "usd", description: "Order 9" });
    expect((await confirmPayment(tenant.testKey, created.body.id, "pm_card_chargeDeclined")).status).toBe(402);
    expect((await confirmPayment(tenant.testKey, created.body.id, "pm_card_visa")).status).toBe(200);
    const refunded = await createRefund(tenant.testKey, { payment: created.body.id, amount: 500, reason: "requested_by_customer" });
    expect(refunded.status).toBe(201);
    await drainDeliveries();

    const member = await addMember(tenant.tenantId, "member");
    const shown = await detail({ token: member.token }, created.body.id);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      id: created.body.id,
      amount: 2000,
      status: "succeeded",
      refunded_amount: 500,
      client_secret: null,
      description: "Order 9",
      refunds: [{ id: refunded.body.id, amount: 500, reason: "requested_by_customer", stripe_refund: refunded.body.stripe_refund }],
    });
    expect(shown.body.events.map((event: { type: string }) => event.type)).toEqual(["payment.failed", "payment.succeeded", "payment.refunded"]);
    for (const event of shown.body.events) {
      expect(event).toEqual({ id: expect.stringMatching(/^msg_/), type: event.type, status: "delivered", created_at: expect.any(String) });
    }
    expect(shown.body.timeline.map((entry: { type: string }) => entry.type)).toEqual(["created", "failed", "succeeded", "refunded"]);
    expect(shown.body.timeline[0]).toMatchObject({ amount: 2000 });
    expect(shown.body.timeline[1].detail).toEqual(expect.any(String));
    expect(shown.body.timeline[3]).toMatchObject({ amount: 500, detail: "requested_by_customer" });
    const times = shown.body.timeline.map((entry: { at: string }) => Date.parse(entry.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("answers 404 for another tenant's payment and for a malformed id", async () => {
    const tenant = await paymentTenant();
    const stranger = await paymentTenant();
    const theirs = await createPayment(stranger.testKey, { amount: 2000, currency: "usd" });
    expect((await detail({ token: tenant.token }, theirs.body.id)).status).toBe(404);
    // "export" and "summary" are routes of their own; as an id they are simply unknown.
    expect((await detail({ token: tenant.token }, "export")).body.error.code).toBe("not_found");
  });
});

describe("POST /api/v1/auth/tenants/payments/{id}/refund/", () => {
  it("lets an admin refund a payment of either mode, audited", async () => {
    const tenant = await paymentTenant();
    const admin = await addMember(tenant.tenantId, "admin");
    const live = await succeededPayment(tenant.liveKey);
    const result = await refund({ cookie: admin.session, origin: BASE_URL }, live.id, { amount: 800, reason: "duplicate", refund_application_fee: true });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ payment: live.id, amount: 800, livemode: true, reason: "duplicate", refund_application_fee: true, application_fee_refunded: 35 });
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { tenantId: tenant.tenantId, action: "payments.refunded" } });
    expect(entry).toMatchObject({ actorUserId: admin.userId, targetType: "payment", targetId: live.id, severity: "warning" });
    expect(entry.metadata).toMatchObject({ refund_id: result.body.id, amount: 800, currency: "usd", livemode: true, reason: "duplicate" });
  });

  it("refuses a member (403), a cookie write from elsewhere (403), another tenant's payment (404) and bad amounts (400), changing nothing", async () => {
    const tenant = await paymentTenant();
    const member = await addMember(tenant.tenantId, "member");
    const payment = await succeededPayment(tenant.testKey);
    const stranger = await paymentTenant();
    const cases: [Who, string, unknown, number, string][] = [
      [{ token: member.token }, payment.id, { amount: 100 }, 403, "forbidden"],
      [{ cookie: tenant.session, origin: "https://evil.example" }, payment.id, { amount: 100 }, 403, "csrf_origin_mismatch"],
      [{ token: stranger.token }, payment.id, { amount: 100 }, 404, "not_found"],
      [{ token: tenant.token }, payment.id, { amount: 2001 }, 400, "amount_exceeds_refundable"],
      [{ token: tenant.token }, payment.id, { amount: 1.5 }, 400, "amount_invalid"],
      [{ token: tenant.token }, payment.id, { payment: payment.id }, 400, "validation_error"],
    ];
    for (const [who, id, body, status, code] of cases) {
      const result = await refund(who, id, body);
      expect(result.status, code).toBe(status);
      expect(result.body.error.code).toBe(code);
    }
    expect(await prisma.refund.count({ where: { paymentId: payment.id } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { tenantId: tenant.tenantId, action: "payments.refunded" } })).toBe(0);
    const pending = await createPayment(tenant.testKey, { amount: 2000, currency: "usd" });
    const notRefundable = await refund({ token: tenant.token }, pending.body.id, {});
    expect(notRefundable.status).toBe(409);
    expect(notRefundable.body.error.code).toBe("payment_not_refundable");
  });
});

describe("GET /api/v1/auth/tenants/payments/export/", () => {
  it("exports the filtered list as CSV, amounts in major units, quoted and guarded against formulas", async () => {
    const tenant = await paymentTenant({ connect: false });
    const at = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 12, minutes));
    const usd = await storedPayment(tenant, { amount: 123456, fee: 3610, refunded: 1000, description: 'Order "12", blue', at: at(0) });
    const yen = await storedPayment(tenant, { amount: 1000, currency: "jpy", fee: 59, description: "=HYPERLINK(\"http://evil\")", at: at(1) });
    const dinar = await storedPayment(tenant, { amount: 1000, currency: "kwd", fee: 110, status: "failed", description: "line\nbreak", at: at(2) });
    await storedPayment(tenant, { amount: 999, livemode: true, at: at(3) });

    const result = await exportCsv({ token: tenant.token }, "?mode=test");
    expect(result.status).toBe(200);
    expect(result.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(result.headers.get("content-disposition")).toMatch(/^attachment; filename="payments-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = result.text.split("\r\n");
    expect(lines[0]).toBe("id,created_at,status,mode,currency,amount,application_fee,net,refunded,description,stripe_payment_intent");
    expect(lines.slice(1, 4)).toEqual([
      `${dinar.id},2026-11-20T12:02:00.000Z,failed,test,kwd,1.000,0.110,0.890,0.000,"line\nbreak",${dinar.stripePaymentIntentId}`,
      `${yen.id},2026-11-20T12:01:00.000Z,succeeded,test,jpy,1000,59,941,0,"'=HYPERLINK(""http://evil"")",${yen.stripePaymentIntentId}`,
      `${usd.id},2026-11-20T12:00:00.000Z,succeeded,test,usd,1234.56,36.10,1198.46,10.00,"Order ""12"", blue",${usd.stripePaymentIntentId}`,
    ]);
    expect(lines.slice(4)).toEqual([""]);

    const filtered = await exportCsv({ token: tenant.token }, "?currency=jpy");
    expect(filtered.text.split("\r\n").filter(Boolean)).toHaveLength(2);
    expect((await exportCsv({ token: tenant.token }, "?status=nope")).status).toBe(400);
    expect((await exportCsv({})).status).toBe(401);
  });
});

describe("GET /api/v1/auth/tenants/payments/summary/", () => {
  it("sums succeeded payments per currency and per UTC day for one mode", async () => {
    const tenant = await paymentTenant({ connect: false });
    const now = new Date();
    // Midnight UTC: never later than now, whatever time of day the test runs.
    const daysAgo = (days: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - days));
    await storedPayment(tenant, { amount: 2000, fee: 88, refunded: 500, at: daysAgo(0) });
    await storedPayment(tenant, { amount: 1000, fee: 59, at: daysAgo(0) });
    await storedPayment(tenant, { amount: 5000, currency: "eur", fee: 170, at: daysAgo(3) });
    await storedPayment(tenant, { amount: 700, fee: 50, at: daysAgo(29) });
    await storedPayment(tenant, { amount: 9999, fee: 1, at: daysAgo(30) }); // outside 30 days
    await storedPayment(tenant, { amount: 4444, status: "failed", at: daysAgo(1) });
    await storedPayment(tenant, { amount: 3333, livemode: true, at: daysAgo(1) });

    const result = await summary({ token: tenant.token }, "?mode=test");
    expect(result.status).toBe(200);
    const date = (days: number) => daysAgo(days).toISOString().slice(0, 10);
    expect(result.body).toEqual({
      from: `${date(29)}T00:00:00.000Z`,
      to: expect.any(String),
      mode: "test",
      currencies: [
        { currency: "eur", volume: 5000, fees: 170, refunded: 0, count: 1 },
        { currency: "usd", volume: 3700, fees: 197, refunded: 500, count: 3 },
      ],
      days: [
        { date: date(29), currency: "usd", volume: 700, fees: 50, count: 1 },
        { date: date(3), currency: "eur", volume: 5000, fees: 170, count: 1 },
        { date: date(0), currency: "usd", volume: 3000, fees: 147, count: 2 },
      ],
    });
    expect((await summary({ token: tenant.token })).body).toMatchObject({ mode: "live", currencies: [{ currency: "usd", volume: 3333, count: 1 }] });
    expect((await summary({ token: tenant.token }, "?mode=test&days=1")).body.currencies).toEqual([{ currency: "usd", volume: 3000, fees: 147, refunded: 500, count: 2 }]);
    for (const query of ["?days=0", "?days=91", "?days=1.5", "?mode=both"]) {
      const bad = await summary({ token: tenant.token }, query);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.code).toBe("validation_error");
    }
  });
});
