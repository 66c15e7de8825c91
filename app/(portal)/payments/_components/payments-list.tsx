"use client";

import { RowDetailsButton } from "@/components/list/row-details-button";
import { ExactTime } from "@/components/payments/exact-time";
import { Money } from "@/components/payments/money";
import { paymentBadge } from "@/components/payments/payment-status";
import { Badge } from "@/components/ui/badge";
import { IdWithCopy } from "@/components/ui/copy-field";
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

// Eight columns fit the content width at 1280 px only with tighter cells than the default.
const cell = "px-3 first:pl-5 last:pr-5";

/** A row opens the payment (its details button is the keyboard's way in); on a phone each row is a card. */
export function PaymentsList({ payments, locale, onOpen }: ListProps) {
  return (
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
            <Td className={cn(cell, "text-right")} label="Amount">
              <Money amount={payment.amount} currency={payment.currency} locale={locale} className="font-medium text-zinc-900" />
              <span className="ml-1 text-xs text-zinc-500 uppercase">{payment.currency}</span>
              <RefundedLine payment={payment} locale={locale} />
            </Td>
            <Td className={cn(cell, "text-right text-zinc-600")} label="Fee">
              <Money amount={payment.application_fee_amount} currency={payment.currency} locale={locale} />
            </Td>
            <Td className={cn(cell, "text-right text-zinc-800")} label="Net">
              <Money amount={payment.net_amount} currency={payment.currency} locale={locale} />
            </Td>
            <Td className={cell} label="Status">
              <StatusBadge payment={payment} />
            </Td>
            <Td className={cn(cell, "max-w-[240px]")} label="Description and id">
              <p className="truncate text-zinc-800" title={payment.description ?? undefined}>
                {payment.description ?? <span className="text-zinc-400">No description</span>}
              </p>
              <IdWithCopy id={payment.id} label="payment id" short />
            </Td>
            <Td className={cell} label="Created">
              <ExactTime date={payment.created_at} locale={locale} />
            </Td>
            <Td className={cn(cell, "text-right")} actions>
              <RowDetailsButton id={payment.id} onOpen={onOpen} />
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
