// The fee schedule form's conversions, kept pure so they are tested on their
// own: operators type a percentage and amounts in major units (1.50 %, €0.25),
// the API takes basis points and minor units. The checks that decide whether a
// schedule is acceptable are the API's own schema, run here before sending.
import { CURRENCY_CODES, currencyExponent, type CurrencyCode } from "@/lib/money/currencies";
import { applicationFeeAmount, type FeeSchedule, type PerCurrencyAmounts } from "@/lib/money/fees";
import { formatMoney, majorToMinor, minorToMajor } from "@/lib/money/format";
import { feeScheduleSchema } from "@/lib/schemas/fees";

export const AMOUNT_PARTS = ["fixed", "minimum", "maximum"] as const;
export type AmountPart = (typeof AMOUNT_PARTS)[number];

/** One currency's line of the form; `id` keeps React's key stable while the currency is changed. */
export type FeeRow = { id: number; currency: CurrencyCode } & Record<AmountPart, string>;
export type FeeFormValues = { percent: string; rows: FeeRow[] };

export type RowErrors = Partial<Record<"currency" | AmountPart, string>>;
export type FeeFormErrors = { percent?: string; rows: Record<number, RowErrors>; form?: string };

/**
 * A percentage as typed, in basis points: "2.9" and "2.90" → 290, "0.01" → 1,
 * "100" → 10000; null for anything that is not a plain non-negative number
 * with at most two decimals (a third decimal is below what a basis point can say).
 * The decimal point is ".", as in amounts. Values above 100% come back as
 * numbers, for the schema to refuse with its message.
 */
export function percentToBps(text: string): number | null {
  const match = /^(\d+)(?:\.(\d{0,2}))?$|^\.(\d{1,2})$/.exec(text.trim());
  if (!match) return null;
  const whole = match[1] ?? "0";
  const fraction = (match[2] ?? match[3] ?? "").padEnd(2, "0");
  const bps = Number(whole) * 100 + Number(fraction);
  return Number.isSafeInteger(bps) ? bps : null;
}

/** Basis points as the form shows them: 290 → "2.90", 1 → "0.01", 10000 → "100.00". */
export function bpsToPercent(bps: number): string {
  return `${Math.floor(bps / 100)}.${String(bps % 100).padStart(2, "0")}`;
}

/** A stored schedule as form values: one row per currency any part names, in the registry's order. */
export function formValuesFromSchedule(schedule: FeeSchedule): FeeFormValues {
  const named = new Set(AMOUNT_PARTS.flatMap((part) => Object.keys(schedule[part] ?? {})));
  const rows = CURRENCY_CODES.filter((code) => named.has(code)).map((currency, index): FeeRow => {
    const text = (part: AmountPart) => {
      const amount = schedule[part]?.[currency];
      return amount === undefined ? "" : minorToMajor(amount, currency);
    };
    return { id: index, currency, fixed: text("fixed"), minimum: text("minimum"), maximum: text("maximum") };
  });
  return { percent: bpsToPercent(schedule.percent_bps), rows };
}

/** A new empty row, for the first currency the form does not list yet. */
export function newRow(rows: readonly FeeRow[]): FeeRow {
  const used = new Set(rows.map((row) => row.currency));
  const currency = CURRENCY_CODES.find((code) => !used.has(code)) ?? CURRENCY_CODES[0];
  const id = rows.reduce((highest, row) => Math.max(highest, row.id), -1) + 1;
  return { id, currency, fixed: "", minimum: "", maximum: "" };
}

function amountHint(currency: CurrencyCode): string {
  const exponent = currencyExponent(currency);
  const code = currency.toUpperCase();
  return exponent === 0 ? `Give an amount in whole ${code}, without decimals.` : `Give an amount in ${code} with at most ${exponent} decimals.`;
}

type Issue = { path?: readonly PropertyKey[]; message?: string };

/**
 * Puts the schema's messages (from the form's own check, or the API's
 * validation_error details) beside the field they are about: percent_bps on
 * the percentage, [part, currency] on that currency's row; anything else on
 * the form. A field keeps the first message it gets.
 */
export function placeIssues(values: FeeFormValues, issues: readonly Issue[], errors: FeeFormErrors = { rows: {} }): FeeFormErrors {
  const rowOf = new Map<string, number>();
  values.rows.forEach((row, index) => {
    if (!rowOf.has(row.currency)) rowOf.set(row.currency, index);
  });
  for (const issue of issues) {
    const message = issue.message ?? "This value is not accepted.";
    const [first, second] = issue.path ?? [];
    const index = typeof second === "string" ? rowOf.get(second) : undefined;
    if (first === "percent_bps") {
      errors.percent ??= message;
    } else if (AMOUNT_PARTS.includes(first as AmountPart) && index !== undefined) {
      const part = first as AmountPart;
      if (!errors.rows[index]?.[part]) errors.rows[index] = { ...errors.rows[index], [part]: message };
    } else {
      errors.form ??= message;
    }
  }
  return errors;
}

/**
 * The form's values as the schedule the API takes, or the messages to show
 * beside each field. Typing problems (not a number, too many decimals, a
 * currency twice) are found here; everything else comes from the schema the
 * API applies, mapped back to the row of its currency.
 */
export function scheduleFromFormValues(values: FeeFormValues): { schedule: FeeSchedule; errors?: undefined } | { schedule?: undefined; errors: FeeFormErrors } {
  const errors: FeeFormErrors = { rows: {} };
  const rowError = (index: number, field: keyof RowErrors, message: string) => {
    errors.rows[index] = { ...errors.rows[index], [field]: message };
  };

  const bps = percentToBps(values.percent);
  if (bps === null) errors.percent = "Give the percentage as a number with at most two decimals, such as 2.9 or 2.90.";

  const candidate: { percent_bps: number } & Partial<Record<AmountPart, PerCurrencyAmounts>> = { percent_bps: bps ?? 0 };
  const seen = new Set<CurrencyCode>();
  values.rows.forEach((row, index) => {
    if (seen.has(row.currency)) {
      rowError(index, "currency", `${row.currency.toUpperCase()} is already listed above.`);
      return;
    }
    seen.add(row.currency);
    for (const part of AMOUNT_PARTS) {
      if (row[part].trim() === "") continue;
      const minor = majorToMinor(row[part], row.currency);
      if (minor === null) {
        rowError(index, part, amountHint(row.currency));
        continue;
      }
      candidate[part] = { ...candidate[part], [row.currency]: minor };
    }
  });

  const parsed = feeScheduleSchema.safeParse(candidate);
  if (!parsed.success) placeIssues(values, parsed.error.issues, errors);
  const hasErrors = errors.percent !== undefined || errors.form !== undefined || Object.keys(errors.rows).length > 0;
  if (hasErrors || !parsed.success) return { errors };
  return { schedule: parsed.data };
}

/** A round payment to show a schedule on: 20 in the currency's major unit (2,000 in a currency without decimals). */
export function previewAmount(currency: CurrencyCode): number {
  const exponent = currencyExponent(currency);
  return exponent === 0 ? 2000 : 20 * 10 ** exponent;
}

/** What a schedule takes from a round payment: "A €20.00 payment pays €0.55". */
export function previewLine(schedule: FeeSchedule, currency: CurrencyCode, locale?: string): string {
  const amount = previewAmount(currency);
  const fee = applicationFeeAmount(amount, currency, schedule);
  return `A ${formatMoney(amount, currency, locale)} payment pays ${formatMoney(fee, currency, locale)}`;
}
