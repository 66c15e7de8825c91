import { headers } from "next/headers";
import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { listApiKeys } from "@/lib/api-keys/api-keys";
import { mayOpenPage } from "@/lib/auth/page-access";
import { localeFromAcceptLanguage } from "@/lib/money/locale";
import { UsageManager } from "./_components/usage-manager";

export const metadata = portalPageMetadata("/usage");

export default portalPage("/usage", async ({ caller, page }) => {
  const [keys, requestHeaders] = await Promise.all([listApiKeys(caller.tenantId), headers()]);
  return (
    <>
      <PageHeader title={page.label} description={page.description} />
      <UsageManager initialKeys={keys} locale={localeFromAcceptLanguage(requestHeaders.get("accept-language"))} canOpenKeys={mayOpenPage(caller, "/api-keys")} />
    </>
  );
});
