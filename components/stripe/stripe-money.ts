import { isSupportedCurrency } from "@/lib/money/currencies";
import { formatMoney } from "@/lib/money/format";

/**
 * An amount Stripe reported, for people. Stripe's balance may hold a currency
 * the portal does not take payments in; without its exponent the amount is
 * shown as it is, in minor units, rather than guessed.
 */
export function stripeMoney(amount: number, currency: string, locale?: string): string {
  return isSupportedCurrency(currency) ? formatMoney(amount, currency, locale) : `${amount} ${currency.toUpperCase()} (minor units)`;
}
