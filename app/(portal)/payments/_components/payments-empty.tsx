"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import type { PaymentFilters } from "@/components/payments/payment-filters";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-field";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { CurrencyCode } from "@/lib/money/currencies";
import { minimumChargeAmount } from "@/lib/money/currencies";

const noSubscription = () => () => {};

/** The portal's own address as the browser sees it (the server cannot know which host name the person used). */
function useOrigin(): string {
  return useSyncExternalStore(noSubscription, () => window.location.origin, () => "https://portal.example");
}

/** Two calls that create and confirm a test payment: the shortest path from an empty list to a row. */
export function paymentSnippet(origin: string, currency: CurrencyCode): string {
  // Twenty times the minimum is a sensible-looking amount in every currency (USD 10.00, JPY 1,000, KWD 3.000...).
  const amount = minimumChargeAmount(currency) * 20;
  return `curl ${origin}/api/v1/payments/ \\
  -H "Authorization: Bearer sk_test_…" \\
  -H "Idempotency-Key: $(uuidgen)" \\
  -H "Content-Type: application/json" \\
  -d '{"amount": ${amount}, "currency": "${currency}", "description": "First test payment"}'

curl ${origin}/api/v1/payments/pay_…/confirm/ \\
  -H "Authorization: Bearer sk_test_…" \\
  -H "Idempotency-Key: $(uuidgen)" \\
  -H "Content-Type: application/json" \\
  -d '{"payment_method": "pm_card_visa"}'`;
}

export function PaymentsEmpty({
  filters,
  filtered,
  onClear,
  defaultCurrency,
  canOpenKeys,
}: {
  filters: PaymentFilters;
  filtered: boolean;
  onClear: () => void;
  defaultCurrency: CurrencyCode;
  canOpenKeys: boolean;
}) {
  const origin = useOrigin();
  if (filtered) {
    return (
      <div className="py-8 text-center" data-testid="payments-empty-filtered">
        <p className="font-medium text-zinc-900">No payments match these filters</p>
        <p className="mt-1 text-sm text-zinc-500">Widen the date range or pick another status or currency.</p>
        <Button className="mt-4" size="sm" variant="secondary" onClick={onClear}>
          Clear filters
        </Button>
      </div>
    );
  }
  const snippet = paymentSnippet(origin, defaultCurrency);
  return (
    <div className="py-4" data-testid="payments-empty">
      <p className="font-medium text-zinc-900">No {filters.mode} payments yet</p>
      <p className="mt-1 text-sm text-zinc-600">
        {filters.mode === "live"
          ? "Live payments appear here once your server creates them with your live secret key. To try things first, switch to Test and create one with your test key:"
          : "Your server creates payments with its secret key through the platform API. Create and confirm one with your test key:"}
      </p>
      <div className="mt-3 flex items-start gap-2">
        <ScrollRegion as="pre" label="Example: create and confirm a test payment" className="min-w-0 flex-1 overflow-x-auto rounded-md bg-zinc-900 p-3 font-mono text-xs leading-relaxed text-zinc-100">
          {snippet}
        </ScrollRegion>
        <CopyButton value={snippet} label="the example commands" compact />
      </div>
      <p className="mt-3 text-sm text-zinc-600">
        {canOpenKeys ? (
          <>
            Replace <code className="font-mono">sk_test_…</code> with your test secret key from{" "}
            <Link href="/api-keys" className="font-medium text-indigo-600 hover:underline">
              API keys
            </Link>
            . <code className="font-mono">pm_card_visa</code> succeeds; <code className="font-mono">pm_card_chargeDeclined</code> is declined.
          </>
        ) : (
          <>
            Replace <code className="font-mono">sk_test_…</code> with the test secret key; an admin or owner can find it on the API keys page.
          </>
        )}
      </p>
    </div>
  );
}
