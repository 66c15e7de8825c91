// The currencies the platform charges in, stated once. Amounts everywhere
// (API, database, events) are integers in the currency's minor unit, as
// Stripe takes them, so every rule that turns an amount into something a
// person reads or Stripe accepts starts here. Pure data: safe to import from
// client components.

/**
 * Stripe's zero-decimal currencies (ISO 4217 exponent 0 as Stripe applies it):
 * an amount of 50 in jpy is ¥50. Stripe's whole list, not only what we support,
 * so that adding a currency below cannot get its exponent wrong.
 */
export const ZERO_DECIMAL_CURRENCIES = [
  "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf",
] as const;

/**
 * Stripe's three-decimal currencies: 1000 in kwd is KWD 1.000. Stripe refuses
 * an amount whose last digit is not 0 in these (it cannot settle the third
 * decimal), so 1005 is refused and 1010 accepted.
 */
export const THREE_DECIMAL_CURRENCIES = ["bhd", "jod", "kwd", "omr", "tnd"] as const;

/**
 * Stripe's ceiling for an amount: eight digits of minor units (999,999.99 in a
 * two-decimal currency). Stripe allows more digits for a few currencies with
 * very small units (IDR, for one); none of them is supported here, so one
 * ceiling serves every entry below.
 */
export const STRIPE_MAXIMUM_AMOUNT = 99_999_999;

export type CurrencyRule = {
  /** Digits after the decimal point: 0, 2 or 3. */
  exponent: 0 | 2 | 3;
  /** The smallest charge Stripe accepts, in minor units. */
  minimumAmount: number;
  /** The largest charge Stripe accepts, in minor units. */
  maximumAmount: number;
};

function exponentOf(code: string): CurrencyRule["exponent"] {
  if ((ZERO_DECIMAL_CURRENCIES as readonly string[]).includes(code)) return 0;
  if ((THREE_DECIMAL_CURRENCIES as readonly string[]).includes(code)) return 3;
  return 2;
}

const rule = (code: string, minimumAmount: number): CurrencyRule => ({
  exponent: exponentOf(code),
  minimumAmount,
  maximumAmount: STRIPE_MAXIMUM_AMOUNT,
});

/**
 * Lowercase ISO 4217 codes, as Stripe writes them.
 *
 * Minimums come from Stripe's "Minimum and maximum charge amounts" table in
 * its payments documentation. Stripe states them per settlement currency, in
 * major units (USD 0.50, GBP 0.30, JPY 50, HUF 175.00, ...); they are written
 * here in minor units. A charge in another currency must still reach the
 * settlement currency's minimum after conversion, which Stripe checks itself.
 *
 * Stripe's table does not list krw, kwd, bhd, jod, omr or tnd: for those the
 * minimum is the amount worth about USD 0.50 at exchange rates of the time of
 * writing, rounded up (and, in three-decimal currencies, to a last digit of 0).
 * Revisit them if rates move far.
 *
 * HUF is charged with two decimals, as Stripe treats it for charges (Stripe
 * pays HUF out in whole forints only; payouts are not decided here).
 */
export const CURRENCIES = {
  usd: rule("usd", 50),
  eur: rule("eur", 50),
  gbp: rule("gbp", 30),
  jpy: rule("jpy", 50),
  krw: rule("krw", 700), // not in Stripe's table: about USD 0.50
  cad: rule("cad", 50),
  aud: rule("aud", 50),
  nzd: rule("nzd", 50),
  chf: rule("chf", 50),
  sek: rule("sek", 300),
  nok: rule("nok", 300),
  dkk: rule("dkk", 250),
  pln: rule("pln", 200),
  czk: rule("czk", 1500),
  huf: rule("huf", 17500),
  mxn: rule("mxn", 1000),
  brl: rule("brl", 50),
  inr: rule("inr", 50),
  hkd: rule("hkd", 400),
  sgd: rule("sgd", 50),
  aed: rule("aed", 200),
  kwd: rule("kwd", 160), // not in Stripe's table: KWD 0.160, about USD 0.52
  bhd: rule("bhd", 190), // not in Stripe's table: BHD 0.190, about USD 0.50
  jod: rule("jod", 360), // not in Stripe's table: JOD 0.360, about USD 0.51
  omr: rule("omr", 200), // not in Stripe's table: OMR 0.200, about USD 0.52
  tnd: rule("tnd", 1500), // not in Stripe's table: TND 1.500, about USD 0.50
} as const satisfies Record<string, CurrencyRule>;

export type CurrencyCode = keyof typeof CURRENCIES;

/** Every supported code, in the registry's order (a non-empty tuple, as z.enum wants). */
export const CURRENCY_CODES = Object.keys(CURRENCIES) as [CurrencyCode, ...CurrencyCode[]];

/** True only for a supported code written as Stripe writes it (lowercase): "USD" is not one. */
export function isSupportedCurrency(value: unknown): value is CurrencyCode {
  return typeof value === "string" && Object.hasOwn(CURRENCIES, value);
}

export const currencyExponent = (currency: CurrencyCode): CurrencyRule["exponent"] => CURRENCIES[currency].exponent;

export const minimumChargeAmount = (currency: CurrencyCode): number => CURRENCIES[currency].minimumAmount;

export const maximumChargeAmount = (currency: CurrencyCode): number => CURRENCIES[currency].maximumAmount;
