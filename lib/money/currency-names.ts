import type { CurrencyCode } from "@/lib/money/currencies";

// One fixed locale, so the server-rendered page and the browser that hydrates it print the same names.
const names = new Intl.DisplayNames(["en"], { type: "currency" });

/** "EUR — Euro". */
export function currencyLabel(code: CurrencyCode): string {
  return `${code.toUpperCase()} — ${names.of(code.toUpperCase()) ?? code.toUpperCase()}`;
}
