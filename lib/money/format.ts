// Amounts as people read and type them. Client components import this, so it
// stays free of server code. No amount passes through a binary float: minor
// units become a decimal string by moving the decimal point, and
// Intl.NumberFormat formats that string exactly.
import { currencyExponent, type CurrencyCode } from "@/lib/money/currencies";
import type { FeeSchedule } from "@/lib/money/fees";

/**
 * The locale used when a caller names none. Fixed rather than the runtime's
 * default, so that a server-rendered page and the browser that hydrates it
 * print the same string.
 */
export const DEFAULT_MONEY_LOCALE = "en-US";

function assertMinorUnits(amount: number): void {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`An amount in minor units must be an integer; got ${amount}.`);
}

/** Minor units as a plain decimal string in major units: 1234 usd → "12.34", 1000 jpy → "1000", 1000 kwd → "1.000". */
export function minorToMajor(amount: number, currency: CurrencyCode): string {
  assertMinorUnits(amount);
  const exponent = currencyExponent(currency);
  const sign = amount < 0 ? "-" : "";
  const digits = String(Math.abs(amount));
  if (exponent === 0) return sign + digits;
  const padded = digits.padStart(exponent + 1, "0");
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/**
 * What a person typed into an amount field, in minor units; null when it is not
 * an amount in this currency. Accepts "12", "12.3", "12.34", ".5" and
 * surrounding spaces; refuses signs, grouping separators, exponents, and more
 * decimals than the currency has (unless they are zeros: "1000.00" in jpy is
 * ¥1000). The decimal point is ".", as in the API's own examples.
 */
export function majorToMinor(input: string, currency: CurrencyCode): number | null {
  const match = /^(\d*)(?:\.(\d*))?$/.exec(input.trim());
  if (!match) return null;
  const [, whole, fraction = ""] = match;
  if (whole === "" && fraction === "") return null;
  const exponent = currencyExponent(currency);
  if (/[^0]/.test(fraction.slice(exponent))) return null;
  const minor = Number((whole + fraction.slice(0, exponent).padEnd(exponent, "0")).replace(/^0+(?=\d)/, ""));
  return Number.isSafeInteger(minor) ? minor : null;
}

/**
 * An amount for people: formatMoney(1234, "usd") → "$12.34", (1000, "jpy") →
 * "¥1,000", (1000, "kwd") → "KWD 1.000". Always the currency's own number of
 * decimals as Stripe applies them, even where the locale's data differs (ICU
 * prints HUF without decimals; Stripe charges it with two).
 */
export function formatMoney(amount: number, currency: CurrencyCode, locale: string = DEFAULT_MONEY_LOCALE): string {
  const exponent = currencyExponent(currency);
  const format = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  // A decimal string is formatted exactly (a number would pass through binary floating point first).
  return format.format(minorToMajor(amount, currency) as `${number}`);
}

/** Basis points as a percentage for people: 290 → "2.9%", 1 → "0.01%", 10000 → "100%". */
export function formatPercentBps(bps: number, locale: string = DEFAULT_MONEY_LOCALE): string {
  if (!Number.isSafeInteger(bps) || bps < 0) throw new RangeError(`Basis points must be a non-negative integer; got ${bps}.`);
  const digits = String(bps).padStart(5, "0");
  const fraction = `${digits.slice(0, -4)}.${digits.slice(-4)}`;
  const format = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 });
  return format.format(fraction as `${number}`);
}

/**
 * A fee schedule in plain words, for one currency: "2.9% + $0.30 per payment",
 * with ", at least $1.00" and ", at most $5.00" where a minimum or maximum
 * changes the outcome, or "No platform fee" when nothing is ever taken.
 */
export function describeFeeSchedule(schedule: FeeSchedule, currency: CurrencyCode, locale: string = DEFAULT_MONEY_LOCALE): string {
  const money = (amount: number) => formatMoney(amount, currency, locale);
  const fixed = schedule.fixed?.[currency] ?? 0;
  const minimum = schedule.minimum?.[currency] ?? 0;
  const maximum = schedule.maximum?.[currency];
  if (maximum === 0) return "No platform fee";
  const parts = [...(schedule.percent_bps > 0 ? [formatPercentBps(schedule.percent_bps, locale)] : []), ...(fixed > 0 ? [money(fixed)] : [])];
  if (parts.length === 0) {
    // Without a percentage or a fixed part, the minimum is the whole fee (up to the maximum).
    if (minimum === 0) return "No platform fee";
    return `${money(maximum === undefined ? minimum : Math.min(minimum, maximum))} per payment`;
  }
  // A minimum at or below the fixed part never binds, so it is not worth a word.
  const atLeast = minimum > fixed ? `, at least ${money(minimum)}` : "";
  const atMost = maximum !== undefined ? `, at most ${money(maximum)}` : "";
  return `${parts.join(" + ")} per payment${atLeast}${atMost}`;
}
