import type { Metadata } from "next";
import { AccessDenied } from "@/components/shell/access-denied";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageCaller } from "@/lib/auth/current-caller";
import { hasRole } from "@/lib/auth/roles";
import { getStoredStatus } from "@/lib/stripe/connect";
import { callbackErrorMessage } from "@/lib/stripe/redirects";
import { StripeManager } from "./_components/stripe-manager";

export const metadata: Metadata = { title: "Stripe" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function StripePage({ searchParams }: { searchParams: SearchParams }) {
  const caller = await requirePageCaller("/stripe");
  const header = <PageHeader title="Stripe" description="Connect a Stripe account so this tenant can accept payments, and keep an eye on what Stripe still needs." />;
  if (!hasRole(caller.role, "admin")) {
    return (
      <>
        {header}
        <AccessDenied what="the Stripe connection" who="admins and owners" tenantName={caller.tenantName} />
      </>
    );
  }
  const params = await searchParams;
  const notice =
    params.connected === "1"
      ? ({ kind: "success", message: "Stripe account connected." } as const)
      : typeof params.error === "string"
        ? ({ kind: "error", message: callbackErrorMessage(params.error, typeof params.reason === "string" ? params.reason : undefined) } as const)
        : null;
  return (
    <>
      {header}
      <StripeManager initial={await getStoredStatus(caller.tenantId)} canManage={hasRole(caller.role, "owner")} notice={notice} />
    </>
  );
}
