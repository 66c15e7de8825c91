// The refund dialog's amount field: typed in major units ("5.00"), sent in
// minor units. Checked here before the API sees it, in the words a person
// needs to fix it; the API checks again and its message shows if it disagrees.
import { currencyExponent, type CurrencyCode } from "@/lib/money/currencies";
import { formatMoney, majorToMinor, minorToMajor } from "@/lib/money/format";

export type RefundAmountCheck = { ok: true; amount: number } | { ok: false; message: string };

/** The field's starting value: everything still refundable, as a person would type it. */
export function refundAmountInput(refundable: number, currency: CurrencyCode): string {
  return minorToMajor(refundable, currency);
}

export function checkRefundAmount(input: string, currency: CurrencyCode, refundable: number, locale?: string): RefundAmountCheck {
  const code = currency.toUpperCase();
  const exponent = currencyExponent(currency);
  if (input.trim() === "") return { ok: false, message: "Enter the amount to refund." };
  const amount = majorToMinor(input, currency);
  if (amount === null) {
    // A number with too many decimals is a different mistake from something that is not a number.
    if (/^\s*\d*\.\d+\s*$/.test(input)) {
      return {
        ok: false,
        message: exponent === 0 ? `${code} has no decimals: enter a whole amount.` : `${code} amounts have at most ${exponent} decimals.`,
      };
    }
    return { ok: false, message: `Enter the amount as a number, such as ${minorToMajor(exponent === 0 ? 500 : 5 * 10 ** exponent, currency)}.` };
  }
  if (amount <= 0) return { ok: false, message: "Enter an amount greater than zero." };
  // Stripe settles three-decimal currencies to the hundredth: the last digit must be 0.
  if (exponent === 3 && amount % 10 !== 0) return { ok: false, message: `${code} amounts must end in 0 (steps of ${minorToMajor(10, currency)}).` };
  if (amount > refundable) return { ok: false, message: `At most ${formatMoney(refundable, currency, locale)} can be refunded.` };
  return { ok: true, amount };
}
