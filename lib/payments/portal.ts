// The portal's views of the tenant's payments: the same rows and mappers as
// the platform API, across both modes (or one, when the page picks it), never
// with the client secret, which belongs to the tenant's own checkout.
import { prisma } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { CurrencyCode } from "@/lib/money/currencies";
import { minorToMajor } from "@/lib/money/format";
import type { PaymentDetailResource, PaymentsSummaryQuery, PaymentsSummaryResource, PaymentTimelineEntry, PortalPaymentsExportQuery, PortalPaymentsQuery, PortalRefundInput } from "@/lib/schemas/payments";
import { asStatus, PAYMENT_STATUS, WEBHOOK_MESSAGE_STATUS } from "@/lib/statuses";
import { findScopedPayment, listScopedPayments, paymentFilters, type PaymentScope } from "./payments";
import { csvCell } from "@/lib/csv";
import { refundPayment } from "./refunds";
import { toPaymentResource, toRefundResource } from "./resources";

const modeScope = (tenantId: string, mode: "live" | "test" | undefined): PaymentScope => ({
  tenantId,
  ...(mode === undefined ? {} : { livemode: mode === "live" }),
});

/** GET /auth/tenants/payments/. */
export function listTenantPayments(tenantId: string, query: PortalPaymentsQuery) {
  return listScopedPayments(modeScope(tenantId, query.mode), query, { clientSecret: false });
}

// The answers' shapes are the shared schemas' (lib/schemas/payments.ts), which the pages read too.
type PaymentDetail = PaymentDetailResource;
type PaymentsSummary = PaymentsSummaryResource;

/** GET /auth/tenants/payments/{id}/: the payment, its refunds, the webhook events it caused and what happened in order. */
export async function getTenantPaymentDetail(tenantId: string, paymentId: string): Promise<PaymentDetail> {
  const row = await findScopedPayment({ tenantId }, paymentId);
  const [refunds, messages] = await Promise.all([
    prisma.refund.findMany({ where: { paymentId: row.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.webhookMessage.findMany({
      where: { tenantId, subjectId: row.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, eventType: true, status: true, createdAt: true },
    }),
  ]);
  const timeline: PaymentTimelineEntry[] = [{ type: "created", at: row.createdAt.toISOString(), amount: row.amount }];
  // The last decline stays on the row after a later success, so a retried payment reads created → failed → succeeded.
  if (row.failedAt) timeline.push({ type: "failed", at: row.failedAt.toISOString(), ...(row.failureMessage ? { detail: row.failureMessage } : {}) });
  if (row.succeededAt) timeline.push({ type: "succeeded", at: row.succeededAt.toISOString(), amount: row.amount });
  for (const refund of refunds) {
    timeline.push({ type: "refunded", at: refund.createdAt.toISOString(), amount: refund.amount, ...(refund.reason ? { detail: refund.reason } : {}) });
  }
  timeline.sort((a, b) => a.at.localeCompare(b.at));
  return {
    ...toPaymentResource(row, { clientSecret: false }),
    refunds: refunds.map(toRefundResource),
    events: messages.map((message) => ({
      id: message.id,
      type: message.eventType,
      status: asStatus(WEBHOOK_MESSAGE_STATUS, message.status),
      created_at: message.createdAt.toISOString(),
    })),
    timeline,
  };
}

/** POST /auth/tenants/payments/{id}/refund/: an admin's refund, in either mode, audited with the outcome. */
export async function refundTenantPayment(caller: Caller, paymentId: string, input: PortalRefundInput, meta: RequestMeta) {
  const payment = await findScopedPayment({ tenantId: caller.tenantId }, paymentId);
  return refundPayment(payment, input, (tx, refund) =>
    recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "payments.refunded",
      target: { type: "payment", id: payment.id },
      meta,
      metadata: {
        refund_id: refund.id,
        amount: refund.amount,
        currency: refund.currency,
        livemode: refund.livemode,
        reason: refund.reason,
        refund_application_fee: refund.refundApplicationFee,
      },
    }),
  );
}

/** The most rows one export holds; a larger history is exported in date ranges. */
export const CSV_EXPORT_MAX_ROWS = 10_000;
const CSV_PAGE = 500;

export const CSV_COLUMNS = [
  "id",
  "created_at",
  "status",
  "mode",
  "currency",
  "amount",
  "application_fee",
  "net",
  "refunded",
  "description",
  "stripe_payment_intent",
] as const;

/** GET /auth/tenants/payments/export/: the filtered list, newest first, amounts in major units. */
export async function exportTenantPaymentsCsv(tenantId: string, query: PortalPaymentsExportQuery): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const where = paymentFilters(modeScope(tenantId, query.mode), query);
  const lines = [CSV_COLUMNS.join(",")];
  let cursor: { createdAt: Date; id: string } | null = null;
  let count = 0;
  let truncated = false;
  for (;;) {
    const rows: Awaited<ReturnType<typeof prisma.payment.findMany>> = await prisma.payment.findMany({
      where: cursor ? { ...where, OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: CSV_PAGE,
    });
    for (const row of rows) {
      if (count === CSV_EXPORT_MAX_ROWS) {
        truncated = true;
        break;
      }
      const currency = row.currency as CurrencyCode;
      const major = (amount: number) => minorToMajor(amount, currency);
      lines.push(
        [
          csvCell(row.id, { trusted: true }),
          csvCell(row.createdAt.toISOString(), { trusted: true }),
          csvCell(row.status, { trusted: true }),
          row.livemode ? "live" : "test",
          csvCell(row.currency, { trusted: true }),
          csvCell(major(row.amount), { trusted: true }),
          csvCell(major(row.applicationFeeAmount), { trusted: true }),
          csvCell(major(row.amount - row.applicationFeeAmount), { trusted: true }),
          csvCell(major(row.refundedAmount), { trusted: true }),
          csvCell(row.description ?? ""),
          csvCell(row.stripePaymentIntentId),
        ].join(","),
      );
      count += 1;
    }
    if (truncated || rows.length < CSV_PAGE) break;
    const last = rows.at(-1)!;
    cursor = { createdAt: last.createdAt, id: last.id };
  }
  return { csv: `${lines.join("\r\n")}\r\n`, rows: count, truncated };
}


const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * GET /auth/tenants/payments/summary/: succeeded payments of the last `days`
 * UTC days (today included), by the day they succeeded, per currency. Only
 * days with payments are listed: the chart fills the gaps.
 */
export async function paymentsSummary(tenantId: string, query: PaymentsSummaryQuery, now = new Date()): Promise<PaymentsSummary> {
  const todayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = new Date(todayStart - (query.days - 1) * DAY_MS);
  const rows = await prisma.payment.findMany({
    where: { tenantId, livemode: query.mode === "live", status: PAYMENT_STATUS.succeeded, succeededAt: { gte: from, lte: now } },
    select: { currency: true, amount: true, applicationFeeAmount: true, refundedAmount: true, succeededAt: true },
  });
  const currencies = new Map<string, PaymentsSummary["currencies"][number]>();
  const days = new Map<string, PaymentsSummary["days"][number]>();
  for (const row of rows) {
    const currency = row.currency as CurrencyCode;
    const total = currencies.get(currency) ?? { currency, volume: 0, fees: 0, refunded: 0, count: 0 };
    total.volume += row.amount;
    total.fees += row.applicationFeeAmount;
    total.refunded += row.refundedAmount;
    total.count += 1;
    currencies.set(currency, total);
    const date = row.succeededAt!.toISOString().slice(0, 10);
    const key = `${date}|${currency}`;
    const day = days.get(key) ?? { date, currency, volume: 0, fees: 0, count: 0 };
    day.volume += row.amount;
    day.fees += row.applicationFeeAmount;
    day.count += 1;
    days.set(key, day);
  }
  return {
    from: from.toISOString(),
    to: now.toISOString(),
    mode: query.mode,
    currencies: [...currencies.values()].sort((a, b) => b.volume - a.volume || a.currency.localeCompare(b.currency)),
    days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date) || a.currency.localeCompare(b.currency)),
  };
}
