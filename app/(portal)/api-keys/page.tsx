import type { Metadata } from "next";
import { AccessDenied } from "@/components/shell/access-denied";
import { PageHeader } from "@/components/shell/page-header";
import { listApiKeys } from "@/lib/api-keys/api-keys";
import { requirePageCaller } from "@/lib/auth/current-caller";
import { hasRole } from "@/lib/auth/roles";
import { ApiKeysManager } from "./_components/api-keys-manager";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const caller = await requirePageCaller("/api-keys");
  const header = (
    <PageHeader title="API keys" description="Keys your servers use to call the platform API. Secret keys are shown once, when they are created." />
  );
  if (!hasRole(caller.role, "admin")) {
    return (
      <>
        {header}
        <AccessDenied what="API keys" who="admins and owners" tenantName={caller.tenantName} />
      </>
    );
  }
  const initial = await listApiKeys(caller.tenantId);
  return (
    <>
      {header}
      <ApiKeysManager initial={initial} canManage={hasRole(caller.role, "owner")} />
    </>
  );
}
