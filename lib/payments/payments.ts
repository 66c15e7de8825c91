import Stripe from "stripe";
import { prisma, Prisma } from "@/lib/db";
import type { ApiKeyCaller } from "@/lib/api-keys/api-keys";
import { feeScheduleFor } from "@/lib/fees/fee-schedules";
import { apiError } from "@/lib/http/errors";
import { newPublicId } from "@/lib/ids";
import { validateChargeAmount } from "@/lib/money/amounts";
import { applicationFeeAmount } from "@/lib/money/fees";
import type { ConfirmPaymentInput, CreatePaymentInput, ListPaymentsQuery } from "@/lib/schemas/payments";
import { requireStripe, type StripeSetup } from "@/lib/stripe/config";
import { stripeFailure } from "@/lib/stripe/connect";
import { asStatus, PAYMENT_STATUS, STRIPE_CONNECTION_STATUS, type PaymentStatus } from "@/lib/statuses";
import { readCurrencySettings } from "@/lib/tenants/settings";
import { applyPaymentSignal } from "./apply-transition";
import { nextPaymentState, type PaymentSignal } from "./payment-transitions";
import { toPaymentResource, type PaymentRow } from "./resources";

/** Which payments a caller sees: one tenant, and one mode or (the portal, unfiltered) both. */
export type PaymentScope = { tenantId: string; livemode?: boolean };

export const scopeOfKey = (caller: ApiKeyCaller): Required<PaymentScope> => ({ tenantId: caller.tenant.id, livemode: caller.mode === "live" });

const PAYMENT_ID = /^pay_[A-Za-z0-9]{1,64}$/;

const paymentNotFound = () => apiError("not_found", "No payment with this id.");

/** The payment if the scope may see it; another tenant's, the other mode's, or a malformed id all answer the same 404. */
export async function findScopedPayment(scope: PaymentScope, paymentId: string): Promise<PaymentRow> {
  if (!PAYMENT_ID.test(paymentId)) throw paymentNotFound();
  const row = await prisma.payment.findFirst({
    where: { id: paymentId, tenantId: scope.tenantId, ...(scope.livemode === undefined ? {} : { livemode: scope.livemode }) },
  });
  if (!row) throw paymentNotFound();
  return row;
}

/** The tenant's connected account, if it can take charges now. */
export async function chargeableAccount(tenantId: string): Promise<string> {
  const connection = await prisma.stripeConnection.findUnique({ where: { tenantId }, select: { accountId: true, status: true, chargesEnabled: true } });
  if (!connection || connection.status !== STRIPE_CONNECTION_STATUS.connected) {
    throw apiError("stripe_not_connected", "Connect a Stripe account on the portal's Stripe page before taking payments.");
  }
  if (!connection.chargesEnabled) {
    throw apiError("stripe_not_connected", "The connected Stripe account cannot accept charges yet: finish Stripe's onboarding requirements.");
  }
  return connection.accountId;
}

/**
 * Stripe keeps live and test data apart, and a platform key works in its own
 * mode only: a test key cannot create a live charge, nor a live key a test
 * one. The simulator stands in for both modes (its objects are never real
 * money), so there every key may create payments.
 */
export function assertModeAvailable(setup: StripeSetup, livemode: boolean): void {
  if (setup.keyMode === null) return;
  if ((setup.keyMode === "live") !== livemode) {
    const mode = livemode ? "live" : "test";
    throw apiError("stripe_mode_unavailable", `The platform's Stripe key is a ${setup.keyMode}-mode key, so it cannot create ${mode}-mode payments. Use your ${setup.keyMode} key.`);
  }
}

/** A PaymentIntent's status as the portal stores it (the ones that wait on the customer count as requires_payment_method). */
export function paymentStatusOf(intent: Pick<Stripe.PaymentIntent, "status">): PaymentStatus {
  switch (intent.status) {
    case "succeeded":
      return PAYMENT_STATUS.succeeded;
    case "processing":
      return PAYMENT_STATUS.processing;
    case "canceled":
      return PAYMENT_STATUS.failed;
    default:
      return PAYMENT_STATUS.requiresPaymentMethod;
  }
}

const paymentMethodIdOf = (value: string | Stripe.PaymentMethod | null | undefined) => (value == null ? null : typeof value === "string" ? value : value.id);

/** POST /api/v1/payments/: a direct charge on the tenant's connected account, in the key's mode, with the platform's fee fixed now. */
export async function createPayment(caller: ApiKeyCaller, input: CreatePaymentInput) {
  const scope = scopeOfKey(caller);
  const accountId = await chargeableAccount(scope.tenantId);
  const settings = await readCurrencySettings(prisma, scope.tenantId);
  if (!settings.currencies.includes(input.currency)) {
    throw apiError("currency_not_enabled", `${input.currency} is not enabled for this tenant; enable it on the portal's settings page.`, {
      currency: input.currency,
      enabled_currencies: settings.currencies,
    });
  }
  const check = validateChargeAmount(input.amount, input.currency);
  if (!check.ok) {
    if (check.code === "amount_too_small") throw apiError("amount_too_small", check.message, { minimum_amount: check.minimum_amount, currency: input.currency });
    throw apiError("amount_invalid", check.message, { reason: check.reason, ...(check.maximum_amount === undefined ? {} : { maximum_amount: check.maximum_amount }) });
  }
  const setup = requireStripe();
  assertModeAvailable(setup, scope.livemode);
  const { schedule } = await feeScheduleFor(scope.tenantId);
  const fee = applicationFeeAmount(check.amount, input.currency, schedule);
  const id = newPublicId("pay");

  let intent: Stripe.PaymentIntent;
  try {
    intent = await setup.stripe.paymentIntents.create(
      {
        amount: check.amount,
        currency: input.currency,
        application_fee_amount: fee,
        description: input.description,
        metadata: input.metadata,
        receipt_email: input.receipt_email,
        // The platform API confirms server-side, with no return URL to come back to: no redirect-based methods.
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      },
      // Derived from the payment's id: a network retry of this call cannot create a second PaymentIntent.
      { stripeAccount: accountId, idempotencyKey: `payment-${id}-create` },
    );
  } catch (error) {
    throw stripeFailure(error);
  }

  const row = await prisma.payment.create({
    data: {
      id,
      tenantId: scope.tenantId,
      livemode: scope.livemode,
      amount: check.amount,
      currency: input.currency,
      applicationFeeAmount: fee,
      status: paymentStatusOf(intent),
      stripePaymentIntentId: intent.id,
      stripeAccountId: accountId,
      clientSecret: intent.client_secret,
      description: input.description ?? null,
      metadata: input.metadata ?? Prisma.DbNull,
      receiptEmail: input.receipt_email ?? null,
    },
  });
  return toPaymentResource(row);
}

/** GET /api/v1/payments/{id}/. */
export async function getPayment(caller: ApiKeyCaller, paymentId: string) {
  return toPaymentResource(await findScopedPayment(scopeOfKey(caller), paymentId));
}

function declineOf(error: Stripe.errors.StripeCardError) {
  return {
    code: error.code ?? "card_declined",
    declineCode: error.decline_code ?? null,
    message: error.message || "The card was declined.",
  };
}

async function applySignal(paymentId: string, signal: PaymentSignal) {
  return prisma.$transaction(async (tx) => {
    const row = await tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
    return applyPaymentSignal(tx, row, signal);
  });
}

/**
 * POST /api/v1/payments/{id}/confirm/. The payment is marked processing
 * first (a conditional update), so two confirmations at once cannot both
 * reach Stripe; the outcome goes through the same transitions as Stripe's
 * events, which may well have recorded it before Stripe answers here.
 */
export async function confirmPayment(caller: ApiKeyCaller, paymentId: string, input: ConfirmPaymentInput) {
  const row = await findScopedPayment(scopeOfKey(caller), paymentId);
  const previous = asStatus(PAYMENT_STATUS, row.status);
  const notConfirmable = () =>
    apiError("payment_not_confirmable", `This payment is ${previous}; only a payment that requires a payment method, or whose last card was declined, can be confirmed.`, {
      status: previous,
    });
  if (nextPaymentState({ ...row, status: previous }, { kind: "confirming" }).outcome === "refused") throw notConfirmable();
  // Before the claim: a refusal here must not leave the payment processing.
  const setup = requireStripe();
  assertModeAvailable(setup, row.livemode);
  const claimed = await applySignal(row.id, { kind: "confirming" });
  if (claimed.transition.outcome !== "changed") throw notConfirmable();

  let intent: Stripe.PaymentIntent;
  try {
    intent = await setup.stripe.paymentIntents.confirm(row.stripePaymentIntentId, { payment_method: input.payment_method }, { stripeAccount: row.stripeAccountId });
  } catch (error) {
    if (error instanceof Stripe.errors.StripeCardError) {
      const failed = await applySignal(row.id, { kind: "failed", paymentMethod: input.payment_method, failure: declineOf(error), at: new Date() });
      const payment = toPaymentResource(failed.row);
      throw apiError("card_declined", error.message || "The card was declined.", { decline_code: error.decline_code ?? null, payment });
    }
    await applySignal(row.id, { kind: "confirmation_abandoned", previous });
    if (error instanceof Stripe.errors.StripeInvalidRequestError && (error.param === "payment_method" || error.code === "resource_missing")) {
      throw apiError("validation_error", `Stripe refused the payment method: ${error.message}`, [
        { path: ["payment_method"], code: "invalid_payment_method", message: error.message },
      ]);
    }
    throw stripeFailure(error);
  }

  const status = paymentStatusOf(intent);
  const paymentMethod = paymentMethodIdOf(intent.payment_method) ?? input.payment_method;
  let signal: PaymentSignal;
  if (status === PAYMENT_STATUS.succeeded) signal = { kind: "succeeded", paymentMethod, at: new Date() };
  else if (status === PAYMENT_STATUS.processing) return toPaymentResource((await prisma.payment.findUniqueOrThrow({ where: { id: row.id } })));
  else signal = { kind: "confirmation_abandoned", previous };
  return toPaymentResource((await applySignal(row.id, signal)).row);
}

type ListScope = PaymentScope;

/**
 * Payments newest first, keyset-paginated on (createdAt, id) inside the
 * scope, so the walk uses the [tenantId, livemode, createdAt, id] index (or
 * [tenantId, createdAt, id] across both modes) and a payment that changes
 * status between pages is neither skipped nor repeated.
 */
export async function listScopedPayments(scope: ListScope, query: ListPaymentsQuery, options: { clientSecret: boolean }) {
  const where = paymentFilters(scope, query);
  let before: Prisma.PaymentWhereInput = {};
  if (query.cursor) {
    const anchor = await prisma.payment.findFirst({
      where: { id: query.cursor, tenantId: scope.tenantId, ...(scope.livemode === undefined ? {} : { livemode: scope.livemode }) },
      select: { id: true, createdAt: true },
    });
    if (!anchor) throw apiError("invalid_cursor");
    before = { OR: [{ createdAt: { lt: anchor.createdAt } }, { createdAt: anchor.createdAt, id: { lt: anchor.id } }] };
  }
  const rows = await prisma.payment.findMany({
    where: { ...where, ...before },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { data: page.map((row) => toPaymentResource(row, options)), next_cursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
}

/** The list's filters as a where clause (shared by the list, the CSV export and its tests). */
export function paymentFilters(scope: ListScope, query: Pick<ListPaymentsQuery, "status" | "currency" | "created_gte" | "created_lte">): Prisma.PaymentWhereInput {
  const created: Prisma.DateTimeFilter = {};
  if (query.created_gte) created.gte = new Date(query.created_gte);
  if (query.created_lte) created.lte = new Date(query.created_lte);
  return {
    tenantId: scope.tenantId,
    ...(scope.livemode === undefined ? {} : { livemode: scope.livemode }),
    ...(query.status ? { status: query.status } : {}),
    ...(query.currency ? { currency: query.currency } : {}),
    ...(Object.keys(created).length > 0 ? { createdAt: created } : {}),
  };
}

/** GET /api/v1/payments/: the key's mode only. */
export function listPayments(caller: ApiKeyCaller, query: ListPaymentsQuery) {
  return listScopedPayments(scopeOfKey(caller), query, { clientSecret: true });
}
