// Whether Stripe will accept an amount as a charge, decided before Stripe is
// asked: a refusal then names the rule that was broken, in the API's own error
// codes, instead of whatever Stripe would say.
import type { ErrorCode } from "@/lib/http/errors";
import { currencyExponent, maximumChargeAmount, minimumChargeAmount, type CurrencyCode } from "@/lib/money/currencies";
import { formatMoney } from "@/lib/money/format";

export type AmountInvalidReason = "not_an_integer" | "not_positive" | "over_maximum" | "last_digit_not_zero";

/** The outcome; a refusal carries the error code, a sentence and what the caller needs to correct it. */
export type ChargeAmountCheck =
  | { ok: true; amount: number }
  | { ok: false; code: Extract<ErrorCode, "amount_invalid">; reason: AmountInvalidReason; message: string; maximum_amount?: number }
  | { ok: false; code: Extract<ErrorCode, "amount_too_small">; message: string; minimum_amount: number };

const invalid = (reason: AmountInvalidReason, message: string, maximum_amount?: number): ChargeAmountCheck => ({
  ok: false,
  code: "amount_invalid",
  reason,
  message,
  ...(maximum_amount === undefined ? {} : { maximum_amount }),
});

/**
 * `amount` as it arrived (unknown: a JSON body may hold anything), checked
 * against the currency's rules: a positive integer of minor units, at most
 * Stripe's maximum, ending in 0 in a three-decimal currency, and at least
 * Stripe's minimum charge.
 */
export function validateChargeAmount(amount: unknown, currency: CurrencyCode): ChargeAmountCheck {
  if (typeof amount !== "number" || !Number.isSafeInteger(amount)) {
    return invalid("not_an_integer", `Send the amount as an integer in the currency's smallest unit (for ${currency}, ${formatMoney(1, currency)} is 1).`);
  }
  if (amount <= 0) return invalid("not_positive", "The amount must be greater than zero.");
  const maximum = maximumChargeAmount(currency);
  if (amount > maximum) return invalid("over_maximum", `The amount is over the maximum of ${formatMoney(maximum, currency)}.`, maximum);
  if (currencyExponent(currency) === 3 && amount % 10 !== 0) {
    return invalid("last_digit_not_zero", `Amounts in ${currency} must end in 0 (Stripe does not charge the third decimal).`);
  }
  const minimum = minimumChargeAmount(currency);
  if (amount < minimum) {
    return { ok: false, code: "amount_too_small", message: `The amount is below the minimum charge of ${formatMoney(minimum, currency)}.`, minimum_amount: minimum };
  }
  return { ok: true, amount };
}
