"use client";

import { RowDetailsButton } from "@/components/list/row-details-button";
import { ExactTime } from "@/components/payments/exact-time";
import { Money } from "@/components/payments/money";
import { paymentBadge } from "@/components/payments/payment-status";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-field";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import type { PaymentResource } from "@/lib/schemas/payments";

type ListProps = { payments: PaymentResource[]; locale: string; onOpen: (id: string) => void };

function StatusBadge({ payment }: { payment: PaymentResource }) {
  const badge = paymentBadge(payment);
  return <Badge tone={badge.tone}>{badge.label}</Badge>;
}

function RefundedLine({ payment, locale }: { payment: PaymentResource; locale: string }) {
  if (payment.refunded_amount === 0) return null;
  return (
    <span className="block text-xs text-zinc-500">
      <Money amount={payment.refunded_amount} currency={payment.currency} locale={locale} /> refunded
    </span>
  );
}

/** pay_STKy…JfhE: enough to tell rows apart; the copy button and the detail have the whole id. */
function shortId(id: string): string {
  return id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

function IdWithCopy({ id, short = false }: { id: string; short?: boolean }) {
  return (
    <span className="inline-flex items-center gap-1">
      <code className="font-mono text-xs text-zinc-600" title={short ? id : undefined}>
        {short ? shortId(id) : id}
      </code>
      <CopyButton value={id} label={`payment id ${id}`} compact />
    </span>
  );
}

// Eight columns fit the content width at 1280 px only with tighter cells than the default.
const cell = "px-3 first:pl-5 last:pr-5";

/** Wide screens: a table; a row opens the payment (its chevron button is the keyboard's way in). */
function PaymentsTable({ payments, locale, onOpen }: ListProps) {
  return (
    <div className="hidden md:block">
      <Table label="Payments" className="min-w-[720px]">
        <thead>
          <tr>
            <Th className={cn(cell, "text-right")}>Amount</Th>
            <Th className={cn(cell, "text-right")}>Fee</Th>
            <Th className={cn(cell, "text-right")}>Net</Th>
            <Th className={cell}>Status</Th>
            <Th className={cell}>Description and id</Th>
            <Th className={cell}>Created</Th>
            <Th className={cell}>
              <span className="sr-only">Details</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {payments.map((payment) => (
            <Tr
              key={payment.id}
              data-testid="payment-row"
              data-payment={payment.id}
              data-status={payment.status}
              data-currency={payment.currency}
              className="cursor-pointer"
              onClick={() => onOpen(payment.id)}
            >
              <Td className={cn(cell, "text-right")}>
                <Money amount={payment.amount} currency={payment.currency} locale={locale} className="font-medium text-zinc-900" />
                <span className="ml-1 text-xs text-zinc-500 uppercase">{payment.currency}</span>
                <RefundedLine payment={payment} locale={locale} />
              </Td>
              <Td className={cn(cell, "text-right text-zinc-600")}>
                <Money amount={payment.application_fee_amount} currency={payment.currency} locale={locale} />
              </Td>
              <Td className={cn(cell, "text-right text-zinc-800")}>
                <Money amount={payment.net_amount} currency={payment.currency} locale={locale} />
              </Td>
              <Td className={cell}>
                <StatusBadge payment={payment} />
              </Td>
              <Td className={cn(cell, "max-w-[240px]")}>
                <p className="truncate text-zinc-800" title={payment.description ?? undefined}>
                  {payment.description ?? <span className="text-zinc-400">No description</span>}
                </p>
                <IdWithCopy id={payment.id} short />
              </Td>
              <Td className={cell}>
                <ExactTime date={payment.created_at} locale={locale} />
              </Td>
              <Td className={cn(cell, "text-right")}>
                <RowDetailsButton id={payment.id} onOpen={onOpen} />
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

/** Phones: the same facts and actions as stacked cards, instead of a table to scroll sideways. */
function PaymentCards({ payments, locale, onOpen }: ListProps) {
  return (
    <ul className="space-y-3 md:hidden" aria-label="Payments">
      {payments.map((payment) => (
        <li
          key={payment.id}
          data-testid="payment-card"
          data-payment={payment.id}
          data-status={payment.status}
          className="rounded-md border border-zinc-200 p-3"
        >
          <div className="flex items-start justify-between gap-3">
            <div>
              <Money amount={payment.amount} currency={payment.currency} locale={locale} className="text-base font-semibold text-zinc-900" />
              <span className="ml-1 text-xs text-zinc-500 uppercase">{payment.currency}</span>
              <RefundedLine payment={payment} locale={locale} />
            </div>
            <StatusBadge payment={payment} />
          </div>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-zinc-500">Fee</dt>
            <dd className="text-right">
              <Money amount={payment.application_fee_amount} currency={payment.currency} locale={locale} />
            </dd>
            <dt className="text-zinc-500">Net</dt>
            <dd className="text-right">
              <Money amount={payment.net_amount} currency={payment.currency} locale={locale} />
            </dd>
            <dt className="text-zinc-500">Description</dt>
            <dd className="truncate text-right text-zinc-700">{payment.description ?? "—"}</dd>
            <dt className="text-zinc-500">Created</dt>
            <dd className="text-right">
              <ExactTime date={payment.created_at} locale={locale} />
            </dd>
          </dl>
          <div className="mt-2 flex flex-wrap items-center justify-between gap-2 border-t border-zinc-100 pt-2">
            <IdWithCopy id={payment.id} short />
            <Button size="sm" variant="secondary" aria-label={`Details of ${payment.id}`} onClick={() => onOpen(payment.id)}>
              Details
            </Button>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function PaymentsList(props: ListProps) {
  return (
    <>
      <PaymentsTable {...props} />
      <PaymentCards {...props} />
    </>
  );
}
