import { headers } from "next/headers";
import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { listApiKeys } from "@/lib/api-keys/api-keys";
import { mayOpenPage } from "@/lib/auth/page-access";
import { localeFromAcceptLanguage } from "@/lib/money/locale";
import { RequestsManager } from "./_components/requests-manager";

export const metadata = portalPageMetadata("/requests");

export default portalPage("/requests", async ({ caller, page }) => {
  const [keys, requestHeaders] = await Promise.all([listApiKeys(caller.tenantId), headers()]);
  return (
    <>
      <PageHeader title={page.label} description={page.description} />
      <RequestsManager initialKeys={keys} locale={localeFromAcceptLanguage(requestHeaders.get("accept-language"))} canOpenUsage={mayOpenPage(caller, "/usage")} />
    </>
  );
});
