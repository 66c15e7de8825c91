import type { CurrencySettings } from "@/lib/tenants/currency-settings";
import type { TenantFeesView } from "@/lib/tenants/settings";

export const SETTINGS_QUERY = ["settings", "currencies"] as const;
export const FEES_QUERY = ["settings", "fees"] as const;
export const SETTINGS_PATH = "/api/v1/auth/tenants/settings/";
export const FEES_PATH = "/api/v1/auth/tenants/fees/";

export type { CurrencySettings, TenantFeesView };
