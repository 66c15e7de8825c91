// The platform's fee on a payment: the application_fee_amount Stripe moves
// from the connected account to the platform. Pure rules; the fee is computed
// once, when a payment is created, and stored with it, so a later change of
// schedule never reaches payments that already exist.
import { CURRENCY_CODES, type CurrencyCode } from "@/lib/money/currencies";

/** Minor units per currency; a currency left out has no entry (0, no minimum, no maximum). */
export type PerCurrencyAmounts = Partial<Record<CurrencyCode, number>>;

export type FeeSchedule = {
  /** Percentage of the amount in basis points: 290 is 2.9%; 0..10000. */
  percent_bps: number;
  /** Added to the percentage, per payment. */
  fixed?: PerCurrencyAmounts;
  /** The fee is never below this (but never above the amount). */
  minimum?: PerCurrencyAmounts;
  /** The fee is never above this. */
  maximum?: PerCurrencyAmounts;
};

export const MAX_PERCENT_BPS = 10_000;

/**
 * What applies to a tenant without a schedule of its own: 2.9% plus a fixed
 * part worth roughly USD 0.20-0.35 in each currency, in the spirit of Stripe's
 * own card pricing. Only a starting value: operators set the platform's
 * default and each tenant's schedule, and those stored values win over this.
 * Fixed parts of three-decimal currencies end in 0, as Stripe wants their
 * amounts to.
 */
export const PLATFORM_DEFAULT_FEE_SCHEDULE = {
  percent_bps: 290,
  fixed: {
    usd: 30,
    eur: 25,
    gbp: 20,
    jpy: 30,
    krw: 400,
    cad: 30,
    aud: 30,
    nzd: 30,
    chf: 30,
    sek: 250,
    nok: 250,
    dkk: 180,
    pln: 100,
    czk: 600,
    huf: 9000,
    mxn: 500,
    brl: 150,
    inr: 2000,
    hkd: 200,
    sgd: 40,
    aed: 100,
    kwd: 80,
    bhd: 100,
    jod: 200,
    omr: 100,
    tnd: 800,
  },
} as const satisfies FeeSchedule;

/**
 * round_half_up(amount × bps / 10000) for non-negative integers, computed in
 * integers: the product is exact while it stays a safe integer (99,999,999 ×
 * 10,000 is about 1e12, far below 2^53), its remainder modulo 10000 is exact,
 * and subtracting the remainder leaves an exact multiple of 10000 to divide.
 * Dividing first and rounding the float would turn x.5 into x.4999… for some
 * amounts and round the wrong way.
 */
export function percentOfAmount(amount: number, bps: number): number {
  const product = amount * bps;
  if (!Number.isSafeInteger(product) || product < 0) throw new RangeError(`Cannot take ${bps} bps of ${amount} exactly.`);
  const remainder = product % MAX_PERCENT_BPS;
  return (product - remainder) / MAX_PERCENT_BPS + (remainder >= MAX_PERCENT_BPS / 2 ? 1 : 0);
}

/**
 * The platform's fee on a payment of `amount` minor units:
 * min(max(round_half_up(amount × percent_bps / 10000) + fixed[cur], minimum[cur]), maximum[cur], amount).
 * Never more than the amount itself, so the connected account never owes the
 * platform on a payment.
 */
export function applicationFeeAmount(amount: number, currency: CurrencyCode, schedule: FeeSchedule): number {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`An amount must be a non-negative integer; got ${amount}.`);
  const bps = schedule.percent_bps;
  if (!Number.isInteger(bps) || bps < 0 || bps > MAX_PERCENT_BPS) throw new RangeError(`percent_bps must be an integer in 0..${MAX_PERCENT_BPS}; got ${bps}.`);
  const fixed = schedule.fixed?.[currency] ?? 0;
  const minimum = schedule.minimum?.[currency] ?? 0;
  const maximum = schedule.maximum?.[currency] ?? Number.POSITIVE_INFINITY;
  return Math.min(Math.max(percentOfAmount(amount, bps) + fixed, minimum), maximum, amount);
}

/** What the connected account keeps of a payment after the platform's fee. */
export function netAmount(amount: number, fee: number): number {
  if (!Number.isSafeInteger(amount) || !Number.isSafeInteger(fee) || fee < 0 || fee > amount) {
    throw new RangeError(`A fee must be an integer between 0 and the amount; got ${fee} of ${amount}.`);
  }
  return amount - fee;
}

const SCHEDULE_PARTS = ["fixed", "minimum", "maximum"] as const;

/**
 * One spelling per schedule: currencies in registry order and empty maps left
 * out (an empty map and a missing one charge the same). Stored schedules and
 * API responses use it, and two schedules are the same exactly when their
 * canonical forms are equal, which is how a save that changes nothing is told
 * apart from one that does.
 */
export function canonicalFeeSchedule(schedule: FeeSchedule): FeeSchedule {
  const canonical: FeeSchedule = { percent_bps: schedule.percent_bps };
  for (const part of SCHEDULE_PARTS) {
    const amounts = schedule[part];
    if (!amounts) continue;
    const ordered: PerCurrencyAmounts = {};
    for (const currency of CURRENCY_CODES) {
      const amount = amounts[currency];
      if (amount !== undefined) ordered[currency] = amount;
    }
    if (Object.keys(ordered).length > 0) canonical[part] = ordered;
  }
  return canonical;
}

/** Whether two schedules are the same once canonical (an amount of 0 written out still differs from none). */
export function sameFeeSchedule(a: FeeSchedule, b: FeeSchedule): boolean {
  return JSON.stringify(canonicalFeeSchedule(a)) === JSON.stringify(canonicalFeeSchedule(b));
}
