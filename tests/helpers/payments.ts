import { expect } from "vitest";
import { prisma } from "@/lib/db";
import { POST as register } from "@/app/api/v1/auth/register/route";
import { POST as connect } from "@/app/api/v1/auth/tenants/stripe/connect/route";
import { GET as callback } from "@/app/api/v1/auth/tenants/stripe/callback/route";
import { PUT as putSettings } from "@/app/api/v1/auth/tenants/settings/route";
import { POST as setWebhookConfig } from "@/app/api/v1/auth/tenants/webhooks/config/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/payments/route";
import { GET as getRoute } from "@/app/api/v1/payments/[paymentId]/route";
import { POST as confirmRoute } from "@/app/api/v1/payments/[paymentId]/confirm/route";
import { POST as refundRoute } from "@/app/api/v1/refunds/route";
import { encodeSessionToken } from "@/lib/auth/tokens";
import { finishAccountLink } from "@/lib/stripe/simulator/onboarding";
import { deliverDueAttempts } from "@/lib/webhooks/attempt-runner";
import { call, nextTestIp } from "./api";
import type { Receiver } from "./receiver";

type IssuedKey = { mode: string; type: string; key: string };

let counter = 0;

/** A fresh tenant through the API, with the keys shown once at sign-up; connected to the simulator's Stripe unless told otherwise. */
export async function paymentTenant(options: { connect?: boolean; currencies?: string[] } = {}) {
  counter += 1;
  const email = `pay${counter}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const name = `Payer ${counter}`;
  const result = await call(register, "/api/v1/auth/register/", {
    body: { email, password: "long enough password", name, tenant_name: `Shop ${counter}` },
    ip: nextTestIp(),
  });
  expect(result.status).toBe(201);
  const keys = result.body.api_keys as IssuedKey[];
  const key = (mode: string, type: string) => keys.find((k) => k.mode === mode && k.type === type)!.key;
  const tenant = {
    tenantId: result.body.tenant.id as string,
    userId: result.body.user.id as string,
    token: result.body.access_token as string,
    session: await encodeSessionToken({ id: result.body.user.id, email, name, sessionVersion: 0 }, result.body.tenant.id),
    testKey: key("test", "secret"),
    liveKey: key("live", "secret"),
    publishableKey: key("test", "publishable"),
    accountId: null as string | null,
  };
  if (options.connect !== false) {
    const started = await call(connect, "/api/v1/auth/tenants/stripe/connect/", { token: tenant.token, body: {} });
    expect(started.status).toBe(200);
    const back = new URL(await finishAccountLink(new URL(started.body.url).searchParams.get("link")!, "complete"));
    const done = await call(callback, back.pathname + back.search, { cookie: tenant.session, headers: { accept: "application/json" } });
    expect(done.status).toBe(200);
    expect(done.body.charges_enabled).toBe(true);
    tenant.accountId = done.body.account_id;
  }
  if (options.currencies) await enableCurrencies(tenant.token, options.currencies);
  return tenant;
}
export type PaymentTenant = Awaited<ReturnType<typeof paymentTenant>>;

export async function enableCurrencies(token: string, currencies: string[]) {
  const saved = await call(putSettings, "/api/v1/auth/tenants/settings/", { token, method: "PUT", body: { currencies, default_currency: currencies[0] } });
  expect(saved.status).toBe(200);
}

const bearer = (key: string, headers: Record<string, string> = {}) => ({ headers: { authorization: `Bearer ${key}`, ...headers } });

export const createPayment = (key: string, body: unknown, headers: Record<string, string> = {}) =>
  call(createRoute, "/api/v1/payments/", { ...bearer(key, headers), method: "POST", body });

export const confirmPayment = (key: string, paymentId: string, paymentMethod: string, headers: Record<string, string> = {}) =>
  call(confirmRoute, `/api/v1/payments/${paymentId}/confirm/`, { ...bearer(key, headers), method: "POST", body: { payment_method: paymentMethod }, params: { paymentId } });

export const getPayment = (key: string, paymentId: string) => call(getRoute, `/api/v1/payments/${paymentId}/`, { ...bearer(key), params: { paymentId } });

export const listPayments = (key: string, query = "") => call(listRoute, `/api/v1/payments/${query}`, bearer(key));

export const createRefund = (key: string, body: unknown, headers: Record<string, string> = {}) =>
  call(refundRoute, "/api/v1/refunds/", { ...bearer(key, headers), method: "POST", body });

/** A payment created and confirmed with pm_card_visa. */
export async function succeededPayment(key: string, body: Record<string, unknown> = { amount: 2000, currency: "usd" }) {
  const created = await createPayment(key, body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const confirmed = await confirmPayment(key, created.body.id, "pm_card_visa");
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  expect(confirmed.body.status).toBe("succeeded");
  return confirmed.body;
}

/** Points the tenant's webhook endpoint at a receiver that verifies signatures (no verification ping: it receives only events). */
export async function configureReceiver(token: string, target: Receiver) {
  const configured = await call(setWebhookConfig, "/api/v1/auth/tenants/webhooks/config/", { token, body: { url: target.url, verify: false } });
  expect(configured.status).toBe(200);
  target.setSecret(configured.body.secret);
}

/** Delivers every due webhook attempt now. */
export async function drainDeliveries() {
  const pass = () => deliverDueAttempts("payments-test", { batchSize: 50, concurrency: 2 });
  for (let handled = await pass(); handled > 0; handled = await pass());
}

/** The tenant's webhook messages about one payment, oldest first. */
export const paymentMessages = (tenantId: string, paymentId: string) =>
  prisma.webhookMessage.findMany({ where: { tenantId, subjectId: paymentId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
