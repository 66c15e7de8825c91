"use client";

import { useQuery } from "@tanstack/react-query";
import { Loader2 } from "lucide-react";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { ExactTime } from "@/components/payments/exact-time";
import { Money } from "@/components/payments/money";
import { paymentBadge, refundableAmount, refundReasonLabel } from "@/components/payments/payment-status";
import { fetchPayment, paymentDetailKey } from "@/components/payments/queries";
import { orderTimeline } from "@/components/payments/timeline";
import { Badge, messageStatusTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyField, IdWithCopy } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import type { PaymentDetailResource, PaymentTimelineType } from "@/lib/schemas/payments";
import { PAYMENT_STATUS, REFUND_STATUS } from "@/lib/statuses";
import { cn } from "@/lib/utils";
import { RefundDialog } from "./refund-dialog";

type PanelProps = { paymentId: string | null; onClose: () => void; locale: string; canRefund: boolean; canOpenWebhooks: boolean };

const TIMELINE_LABELS: Record<PaymentTimelineType, string> = { created: "Created", succeeded: "Succeeded", failed: "Failed", refunded: "Refunded" };
const TIMELINE_DOT: Record<PaymentTimelineType, string> = {
  created: "bg-zinc-400",
  succeeded: "bg-emerald-500",
  failed: "bg-red-500",
  refunded: "bg-zinc-500",
};

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="border-t border-zinc-200 pt-4" data-testid={testId}>
      <h3 className="mb-2 text-sm font-semibold text-zinc-900">{title}</h3>
      {children}
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-1 text-sm">
      <dt className="text-zinc-500">{label}</dt>
      <dd className="text-right text-zinc-900">{children}</dd>
    </div>
  );
}

function Detail({ payment, locale, canRefund, canOpenWebhooks }: { payment: PaymentDetailResource; locale: string; canRefund: boolean; canOpenWebhooks: boolean }) {
  const [refunding, setRefunding] = useState(false);
  const badge = paymentBadge(payment);
  const refundable = refundableAmount(payment);
  const money = (amount: number, className?: string) => <Money amount={amount} currency={payment.currency} locale={locale} className={className} />;
  const refundBlockedBy = !canRefund
    ? "Only admins and owners can refund."
    : payment.status !== PAYMENT_STATUS.succeeded
      ? "Only a succeeded payment can be refunded."
      : refundable === 0
        ? "This payment is fully refunded."
        : null;

  return (
    <div className="space-y-4" data-testid="payment-detail" data-payment={payment.id}>
      <div className="flex flex-wrap items-center gap-3">
        {money(payment.amount, "text-2xl font-semibold text-zinc-900")}
        <span className="text-sm text-zinc-500 uppercase">{payment.currency}</span>
        <Badge tone={badge.tone}>{badge.label}</Badge>
        {payment.livemode ? null : <Badge tone="amber">Test</Badge>}
      </div>
      {payment.failure ? (
        <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="payment-failure">
          {payment.failure.message}
          <span className="block font-mono text-xs">
            {payment.failure.code}
            {payment.failure.decline_code ? ` · ${payment.failure.decline_code}` : ""}
          </span>
        </p>
      ) : null}

      <div>
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" size="sm" disabled={refundBlockedBy !== null} onClick={() => setRefunding(true)} aria-describedby={refundBlockedBy ? "refund-blocked" : undefined}>
            Refund
          </Button>
          {refundBlockedBy ? (
            <p id="refund-blocked" className="text-sm text-zinc-600" data-testid="refund-blocked">
              {refundBlockedBy}
            </p>
          ) : null}
        </div>
      </div>

      <Section title="Amounts" testId="payment-amounts">
        <dl>
          <Row label="Amount">{money(payment.amount)}</Row>
          <Row label="Platform fee">{money(payment.application_fee_amount)}</Row>
          <Row label="Net">{money(payment.net_amount, "font-medium")}</Row>
          <Row label="Refunded">{money(payment.refunded_amount)}</Row>
          {payment.status === PAYMENT_STATUS.succeeded ? <Row label="Refundable">{money(refundable)}</Row> : null}
        </dl>
      </Section>

      <Section title="Timeline" testId="payment-timeline">
        <ol className="space-y-3">
          {orderTimeline(payment.timeline).map((entry, index) => (
            <li key={`${entry.type}-${entry.at}-${index}`} className="flex gap-3 text-sm" data-testid="timeline-entry" data-type={entry.type}>
              <span aria-hidden className={cn("mt-1.5 size-2.5 shrink-0 rounded-full", TIMELINE_DOT[entry.type])} />
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <span className="font-medium text-zinc-900">{TIMELINE_LABELS[entry.type]}</span>
                  {entry.amount !== undefined ? money(entry.amount, "text-zinc-700") : null}
                </p>
                {entry.detail ? <p className="text-zinc-600">{entry.type === "refunded" ? refundReasonLabel(entry.detail) : entry.detail}</p> : null}
                <div className="text-xs">
                  <ExactTime date={entry.at} locale={locale} />
                </div>
              </div>
            </li>
          ))}
        </ol>
      </Section>

      <Section title="Identifiers">
        <div className="space-y-2">
          <CopyField value={payment.id} label="Payment ID" />
          <CopyField value={payment.stripe_payment_intent} label="Stripe PaymentIntent ID" />
        </div>
      </Section>

      <Section title="Details">
        <dl>
          <Row label="Description">{payment.description ?? "—"}</Row>
          <Row label="Mode">{payment.livemode ? "Live" : "Test"}</Row>
          <Row label="Payment method">{payment.payment_method ? <IdWithCopy id={payment.payment_method} label="payment method" /> : "—"}</Row>
          <Row label="Receipt email">{payment.receipt_email ?? "—"}</Row>
          <Row label="Created">
            <ExactTime date={payment.created_at} locale={locale} />
          </Row>
        </dl>
      </Section>

      <Section title="Metadata">
        {Object.keys(payment.metadata).length === 0 ? (
          <p className="text-sm text-zinc-500">No metadata. Your server can attach up to 50 key–value pairs when it creates the payment.</p>
        ) : (
          <dl className="divide-y divide-zinc-100 rounded-md border border-zinc-200 text-sm" data-testid="payment-metadata">
            {Object.entries(payment.metadata).map(([key, value]) => (
              <div key={key} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-3 px-3 py-1.5">
                <dt className="truncate font-mono text-xs text-zinc-600" title={key}>
                  {key}
                </dt>
                <dd className="font-mono text-xs break-words text-zinc-900">{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </Section>

      <Section title="Refunds" testId="payment-refunds">
        {payment.refunds.length === 0 ? (
          <p className="text-sm text-zinc-500">No refunds.</p>
        ) : (
          <ul className="space-y-2">
            {payment.refunds.map((refund) => (
              <li key={refund.id} className="rounded-md border border-zinc-200 p-3 text-sm" data-testid="refund-item">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  {money(refund.amount, "font-medium")}
                  <Badge tone={refund.status === REFUND_STATUS.succeeded ? "green" : refund.status === REFUND_STATUS.failed ? "red" : "amber"}>{refund.status}</Badge>
                </div>
                <p className="mt-1 text-zinc-600">
                  {refund.reason ? refundReasonLabel(refund.reason) : "No reason given"}
                  {refund.application_fee_refunded > 0 ? <> · platform fee returned: {money(refund.application_fee_refunded)}</> : null}
                </p>
                <p className="mt-1 flex flex-wrap items-center gap-x-3">
                  <IdWithCopy id={refund.id} label="refund id" />
                  <IdWithCopy id={refund.stripe_refund} label="Stripe refund id" />
                </p>
                <div className="mt-1 text-xs">
                  <ExactTime date={refund.created_at} locale={locale} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Webhook events" testId="payment-events">
        {payment.events.length === 0 ? (
          <p className="text-sm text-zinc-500">No events yet: the payment sends payment.succeeded, payment.failed and payment.refunded to your endpoint.</p>
        ) : (
          <ul className="divide-y divide-zinc-100">
            {payment.events.map((event) => (
              <li key={event.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm" data-testid="payment-event" data-type={event.type}>
                <div className="min-w-0">
                  <p className="font-mono text-xs text-zinc-900">{event.type}</p>
                  <IdWithCopy id={event.id} label="message id" />
                </div>
                <Badge tone={messageStatusTone(event.status)}>{event.status}</Badge>
              </li>
            ))}
          </ul>
        )}
        {canOpenWebhooks ? (
          <p className="mt-2 text-sm">
            <Link href="/webhooks" className="font-medium text-indigo-600 hover:underline">
              See every delivery and its attempts on Webhooks
            </Link>
          </p>
        ) : (
          <p className="mt-2 text-sm text-zinc-500">Admins and owners see each delivery&apos;s attempts on the Webhooks page.</p>
        )}
      </Section>

      {refunding ? <RefundDialog payment={payment} locale={locale} onClose={() => setRefunding(false)} /> : null}
    </div>
  );
}

/** The payment named by ?payment= in the URL, in a side panel over the list. */
export function PaymentDetailPanel({ paymentId, onClose, locale, canRefund, canOpenWebhooks }: PanelProps) {
  const query = useQuery({
    queryKey: paymentDetailKey(paymentId ?? ""),
    queryFn: () => fetchPayment(paymentId ?? ""),
    enabled: paymentId !== null,
  });
  return (
    <Dialog
      open={paymentId !== null}
      onOpenChange={(open) => (open ? null : onClose())}
      placement="side"
      title="Payment"
      description={paymentId ? <code className="font-mono text-xs">{paymentId}</code> : undefined}
    >
      {query.isPending ? (
        <div className="flex items-center gap-2 py-8 text-sm text-zinc-500" aria-busy="true">
          <Loader2 aria-hidden className="size-4 animate-spin" />
          Loading the payment…
        </div>
      ) : query.isError ? (
        <div role="alert" className="space-y-3 py-4">
          <p className="text-sm text-red-600">{query.error.message}</p>
          <Button variant="secondary" size="sm" onClick={onClose}>
            Back to the list
          </Button>
        </div>
      ) : (
        <Detail payment={query.data} locale={locale} canRefund={canRefund} canOpenWebhooks={canOpenWebhooks} />
      )}
    </Dialog>
  );
}
