import { z } from "zod";
import { CURRENCY_CODES, CURRENCIES } from "@/lib/money/currencies";
import { MAX_PERCENT_BPS, type FeeSchedule } from "@/lib/money/fees";

// A fee schedule as operators send it and as it is stored. Shared by the
// operator endpoints and the form that edits a schedule.

const currencyKeySchema = z.enum(CURRENCY_CODES, {
  error: "Use a supported currency code in lowercase, as Stripe writes it (usd, eur, jpy, …).",
});

/** Minor units per currency; a key that is not a supported lowercase code is refused, not ignored. */
const perCurrencyAmountsSchema = z.partialRecord(
  currencyKeySchema,
  z.int({ error: "Give an amount as an integer in the currency's smallest unit." }).min(0, "Amounts cannot be negative."),
  {
    error: (issue) => {
      // zod reports keys outside the enum as unrecognized_keys, an issue its types for record errors leave out.
      const keys = (issue as { keys?: unknown }).keys;
      return Array.isArray(keys) ? `Not a supported currency code in lowercase: ${keys.join(", ")}.` : undefined;
    },
  },
);

export const feeScheduleSchema = z
  .strictObject({
    percent_bps: z
      .int({ error: "Give percent_bps as an integer number of basis points (290 is 2.9%)." })
      .min(0, "percent_bps cannot be negative.")
      .max(MAX_PERCENT_BPS, `percent_bps is at most ${MAX_PERCENT_BPS} (100%).`),
    fixed: perCurrencyAmountsSchema.optional(),
    minimum: perCurrencyAmountsSchema.optional(),
    maximum: perCurrencyAmountsSchema.optional(),
  })
  .superRefine((schedule, context) => {
    for (const currency of CURRENCY_CODES) {
      const minimum = schedule.minimum?.[currency];
      const maximum = schedule.maximum?.[currency];
      if (minimum !== undefined && maximum !== undefined && minimum > maximum) {
        context.addIssue({ code: "custom", path: ["minimum", currency], message: `The minimum for ${currency} is above its maximum.` });
      }
      for (const part of ["fixed", "minimum", "maximum"] as const) {
        const amount = schedule[part]?.[currency];
        // A fee can never exceed a charge, so a larger number is a typo, not a policy.
        if (amount !== undefined && amount > CURRENCIES[currency].maximumAmount) {
          context.addIssue({ code: "custom", path: [part, currency], message: `The ${part === "fixed" ? "fixed fee" : part} for ${currency} is above the largest charge Stripe accepts.` });
        }
      }
    }
  }) satisfies z.ZodType<FeeSchedule>;

export type FeeScheduleInput = z.infer<typeof feeScheduleSchema>;

/** A tenant's schedule as operators set it; the JSON body `null` removes it, so the platform default applies again. */
export const tenantFeeScheduleBodySchema = feeScheduleSchema.nullable();
