import type { CurrencyCode } from "@/lib/money/currencies";
import { formatMoney } from "@/lib/money/format";
import { cn } from "@/lib/utils";

/** An amount in minor units as the viewer reads it: €12.34, ¥1,000, KWD 1.000; digits line up in columns. */
export function Money({ amount, currency, locale, className }: { amount: number; currency: CurrencyCode; locale: string; className?: string }) {
  return <span className={cn("whitespace-nowrap tabular-nums", className)}>{formatMoney(amount, currency, locale)}</span>;
}
