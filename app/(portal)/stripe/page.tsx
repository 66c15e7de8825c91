import { headers } from "next/headers";
import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { hasRole } from "@/lib/auth/roles";
import { localeFromAcceptLanguage } from "@/lib/money/locale";
import { getStoredStatus } from "@/lib/stripe/connect";
import { callbackErrorMessage } from "@/lib/stripe/redirects";
import { StripeManager } from "./_components/stripe-manager";

export const metadata = portalPageMetadata("/stripe");

export default portalPage("/stripe", async ({ caller, page, searchParams: params }) => {
  const notice =
    params.connected === "1"
      ? ({ kind: "success", message: "Stripe account connected." } as const)
      : typeof params.error === "string"
        ? ({ kind: "error", message: callbackErrorMessage(params.error, typeof params.reason === "string" ? params.reason : undefined) } as const)
        : null;
  return (
    <>
      <PageHeader title={page.label} description={page.description} />
      <StripeManager
        initial={await getStoredStatus(caller.tenantId)}
        canManage={hasRole(caller.role, "owner")}
        notice={notice}
        locale={localeFromAcceptLanguage((await headers()).get("accept-language"))}
      />
    </>
  );
});
