"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { REFUND_REASON_LABELS, refundableAmount } from "@/components/payments/payment-status";
import { PAYMENTS_QUERY, refundPayment } from "@/components/payments/queries";
import { checkRefundAmount, refundAmountInput } from "@/components/payments/refund-amount";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toaster";
import { ApiError } from "@/lib/client/api";
import { formatMoney } from "@/lib/money/format";
import { REFUND_REASONS, type PaymentResource, type RefundReason } from "@/lib/schemas/payments";

/** The API's refusal in words; amount_exceeds_refundable also names what is left, in this payment's currency. */
function refundErrorText(error: unknown, payment: PaymentResource, locale: string): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : "The refund failed.";
  const left = (error.details as { refundable_amount?: unknown } | undefined)?.refundable_amount;
  if (error.code === "amount_exceeds_refundable" && typeof left === "number") {
    return `${error.message} What is left to refund: ${formatMoney(left, payment.currency, locale)}.`;
  }
  return error.message;
}

export function RefundDialog({ payment, locale, onClose }: { payment: PaymentResource; locale: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const refundable = refundableAmount(payment);
  const [input, setInput] = useState(() => refundAmountInput(refundable, payment.currency));
  const [reason, setReason] = useState<RefundReason | "">("");
  const [refundFee, setRefundFee] = useState(false);
  const [touched, setTouched] = useState(false);
  const check = checkRefundAmount(input, payment.currency, refundable, locale);
  const money = (amount: number) => formatMoney(amount, payment.currency, locale);

  const refund = useMutation({
    mutationFn: (amount: number) =>
      refundPayment(payment.id, { amount, ...(reason ? { reason } : {}), refund_application_fee: refundFee }),
    onSuccess: (created) => {
      // The list's refunded amounts, this payment's detail and the dashboard's figures all move.
      void queryClient.invalidateQueries({ queryKey: PAYMENTS_QUERY });
      toast({ title: `Refunded ${money(created.amount)}`, description: `${payment.id}: the customer gets the money back in 5–10 business days.` });
      onClose();
    },
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (check.ok) refund.mutate(check.amount);
  }

  const whole = check.ok && check.amount === refundable && payment.refunded_amount === 0;
  const summary = check.ok
    ? `Refund ${money(check.amount)} of ${money(payment.amount)} to the customer${whole ? " (the whole payment)" : ""}.`
    : `Refund part or all of ${money(payment.amount)} to the customer.`;
  const amountError = touched || input !== refundAmountInput(refundable, payment.currency) ? (check.ok ? undefined : check.message) : undefined;

  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())} title={`Refund ${payment.id}`} description={<span data-testid="refund-summary">{summary}</span>}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <Field
          id={`${id}-amount`}
          label={`Amount (${payment.currency.toUpperCase()})`}
          error={amountError}
          hint={`Up to ${money(refundable)}${payment.refunded_amount > 0 ? `; ${money(payment.refunded_amount)} already refunded` : ""}.`}
        >
          <Input
            id={`${id}-amount`}
            inputMode="decimal"
            autoComplete="off"
            value={input}
            onChange={(event) => {
              setInput(event.target.value);
              refund.reset();
            }}
            aria-invalid={amountError ? true : undefined}
            aria-describedby={amountError ? `${id}-amount-error` : `${id}-amount-hint`}
            className="tabular-nums"
          />
        </Field>
        <Field id={`${id}-reason`} label="Reason">
          <select
            id={`${id}-reason`}
            value={reason}
            onChange={(event) => setReason(event.target.value as RefundReason | "")}
            className="block h-10 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm shadow-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none"
          >
            <option value="">No reason given</option>
            {REFUND_REASONS.map((value) => (
              <option key={value} value={value}>
                {REFUND_REASON_LABELS[value]}
              </option>
            ))}
          </select>
        </Field>
        <label className="flex items-start gap-2 text-sm text-zinc-800">
          <input
            type="checkbox"
            checked={refundFee}
            onChange={(event) => setRefundFee(event.target.checked)}
            className="mt-0.5 size-4 rounded border-zinc-300 accent-indigo-600"
          />
          <span>
            Also refund the platform fee
            <span className="block text-zinc-500">
              The platform gives back its fee of {money(payment.application_fee_amount)} in proportion to the amount refunded. Otherwise the refund comes out of your net.
            </span>
          </span>
        </label>
        <DialogActions error={refund.error ? refundErrorText(refund.error, payment, locale) : null} errorTestId="refund-error" onCancel={onClose}>
          <Button type="submit" variant="danger" pending={refund.isPending} disabled={touched && !check.ok}>
            {check.ok ? `Refund ${money(check.amount)}` : "Refund"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
