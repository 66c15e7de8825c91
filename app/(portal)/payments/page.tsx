import { headers } from "next/headers";
import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { mayOpenPage } from "@/lib/auth/page-access";
import { hasRole } from "@/lib/auth/roles";
import { localeFromAcceptLanguage } from "@/lib/money/locale";
import { getCurrencySettings } from "@/lib/tenants/settings";
import { PaymentsManager } from "./_components/payments-manager";

export const metadata = portalPageMetadata("/payments");

export default portalPage("/payments", async ({ caller, page }) => {
  const [settings, requestHeaders] = await Promise.all([getCurrencySettings(caller.tenantId), headers()]);
  return (
    <>
      <PageHeader title={page.label} description={page.description} />
      <PaymentsManager
        enabledCurrencies={settings.currencies}
        defaultCurrency={settings.default_currency}
        locale={localeFromAcceptLanguage(requestHeaders.get("accept-language"))}
        canRefund={hasRole(caller.role, "admin")}
        canOpenKeys={mayOpenPage(caller, "/api-keys")}
        canOpenWebhooks={mayOpenPage(caller, "/webhooks")}
      />
    </>
  );
});
