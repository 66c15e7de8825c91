import type { ReactNode } from "react";
import { headers } from "next/headers";
import { Sidebar } from "@/components/shell/sidebar";
import { SuspensionBanner } from "@/components/shell/suspension-banner";
import { TenantScope } from "@/components/shell/tenant-scope";
import { requirePageCaller } from "@/lib/auth/current-caller";
import { suspensionReasonOf } from "@/lib/platform/tenant-suspension";
import { TENANT_STATUS } from "@/lib/statuses";
import { listMyTenants } from "@/lib/tenants/tenant-switch";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const path = (await headers()).get("x-pathname") ?? "/dashboard";
  const caller = await requirePageCaller(path);
  const { tenants } = await listMyTenants(caller);
  const suspensionReason = caller.tenantStatus === TENANT_STATUS.suspended ? await suspensionReasonOf(caller.tenantId) : null;
  return (
    <TenantScope key={`${caller.userId}:${caller.tenantId}`} tenantId={caller.tenantId}>
      <div className="min-h-screen lg:flex">
        <Sidebar
          user={{ name: caller.name, email: caller.email, role: caller.role, platformRole: caller.platformRole, tenantName: caller.tenantName, tenantStatus: caller.tenantStatus }}
          tenants={tenants.map((tenant) => ({ id: tenant.id, name: tenant.name, role: tenant.role, active: tenant.active }))}
        />
        <main id="portal-main" className="min-w-0 flex-1">
          <div className="mx-auto max-w-[1100px] px-4 py-8 sm:px-8">
            {suspensionReason !== null && <SuspensionBanner reason={suspensionReason} />}
            {children}
          </div>
        </main>
      </div>
    </TenantScope>
  );
}
