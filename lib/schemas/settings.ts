import { z } from "zod";
import { CURRENCY_CODES } from "@/lib/money/currencies";

// A tenant's currencies as the settings form and PUT /tenants/settings/ send
// them. Shared by the route and the form, so the page refuses what the API
// would refuse, with the same words.

const currencyCodeSchema = z.enum(CURRENCY_CODES, {
  error: "Use a supported currency code in lowercase, as Stripe writes it (usd, eur, jpy, …).",
});

export const currencySettingsSchema = z
  .strictObject({
    currencies: z
      .array(currencyCodeSchema, { error: "Send currencies as a list of currency codes." })
      .min(1, "Enable at least one currency.")
      .refine((codes) => new Set(codes).size === codes.length, "List each currency once."),
    default_currency: currencyCodeSchema,
  })
  .refine((settings) => settings.currencies.includes(settings.default_currency), {
    path: ["default_currency"],
    message: "The default currency must be one of the enabled currencies.",
  });

export type CurrencySettingsInput = z.infer<typeof currencySettingsSchema>;
