// Pure rules about a tenant's currencies; the service in settings.ts applies
// them. No server imports: the settings form uses them too.
import { CURRENCY_CODES, isSupportedCurrency, type CurrencyCode } from "@/lib/money/currencies";

export type CurrencySettings = { currencies: CurrencyCode[]; default_currency: CurrencyCode };

/** What a tenant has before anyone saves its settings: its default currency only, usd. */
export function defaultCurrencySettings(): CurrencySettings {
  return { currencies: ["usd"], default_currency: "usd" };
}

/**
 * Enabled currencies in the registry's order, whatever order they were
 * ticked in: the set is what matters, so one order makes "nothing changed"
 * a plain comparison and keeps the page and the API listing them alike.
 */
export function inRegistryOrder(currencies: readonly CurrencyCode[]): CurrencyCode[] {
  const enabled = new Set(currencies);
  return CURRENCY_CODES.filter((code) => enabled.has(code));
}

/** True when saving `next` over `current` would change nothing a person could see. */
export function sameCurrencySettings(current: CurrencySettings, next: CurrencySettings): boolean {
  const a = inRegistryOrder(current.currencies);
  const b = inRegistryOrder(next.currencies);
  return current.default_currency === next.default_currency && a.length === b.length && a.every((code, index) => code === b[index]);
}

/**
 * A stored row as settings: codes the registry no longer supports are
 * dropped rather than failing every read, and a row left with nothing
 * usable, or with a default that is not enabled, falls back as a whole
 * (never a default the tenant cannot charge in).
 */
export function currencySettingsFromStored(stored: { currencies: unknown; defaultCurrency: string } | null): CurrencySettings {
  if (!stored) return defaultCurrencySettings();
  const codes = Array.isArray(stored.currencies) ? stored.currencies.filter(isSupportedCurrency) : [];
  const currencies = inRegistryOrder(codes);
  if (!isSupportedCurrency(stored.defaultCurrency) || !currencies.includes(stored.defaultCurrency)) return defaultCurrencySettings();
  return { currencies, default_currency: stored.defaultCurrency };
}
