import type { ReactNode } from "react";
import { headers } from "next/headers";
import { Sidebar } from "@/components/shell/sidebar";
import { SuspensionBanner } from "@/components/shell/suspension-banner";
import { EmailVerificationBanner } from "@/components/shell/email-verification-banner";
import { TenantScope } from "@/components/shell/tenant-scope";
import { OutsideStripePage } from "@/components/stripe/outside-stripe-page";
import { RequirementsBanner } from "@/components/stripe/requirements-banner";
import { requirementsBanner } from "@/components/stripe/requirements-banner-view";
import { requirePageCaller } from "@/lib/auth/current-caller";
import { suspensionReasonOf } from "@/lib/platform/tenant-suspension";
import { TENANT_STATUS } from "@/lib/statuses";
import { getStoredStatus } from "@/lib/stripe/connect";
import { ownerNames } from "@/lib/team/members";
import { listMyTenants } from "@/lib/tenants/tenant-switch";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const path = (await headers()).get("x-pathname") ?? "/dashboard";
  const caller = await requirePageCaller(path);
  const [{ tenants }, suspensionReason, stripe] = await Promise.all([
    listMyTenants(caller),
    caller.tenantStatus === TENANT_STATUS.suspended ? suspensionReasonOf(caller.tenantId) : null,
    // The stored status: no call to Stripe per page (Stripe's events and the Stripe page keep it current).
    getStoredStatus(caller.tenantId),
  ]);
  let requirements = requirementsBanner(stripe, { role: caller.role, ownerNames: [] });
  // The owners' names are read only for a banner that sends the viewer to them.
  if (requirements?.action?.kind === "ask_owners") requirements = requirementsBanner(stripe, { role: caller.role, ownerNames: await ownerNames(caller.tenantId) });
  return (
    <TenantScope key={`${caller.userId}:${caller.tenantId}`} tenantId={caller.tenantId}>
      {/* The first stop of Tab on every portal page: past the navigation, straight to the page. */}
      <a
        href="#portal-main"
        className="sr-only z-50 rounded-md bg-white px-4 py-2 text-sm font-medium text-indigo-700 shadow-lg ring-2 ring-indigo-600 focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        Skip to content
      </a>
      <div className="min-h-screen lg:flex">
        <Sidebar
          user={{ name: caller.name, email: caller.email, role: caller.role, platformRole: caller.platformRole, tenantName: caller.tenantName, tenantStatus: caller.tenantStatus }}
          tenants={tenants.map((tenant) => ({ id: tenant.id, name: tenant.name, role: tenant.role, active: tenant.active }))}
        />
        <main id="portal-main" tabIndex={-1} className="min-w-0 flex-1 outline-none">
          <div className="mx-auto max-w-[1100px] px-4 py-8 sm:px-8">
            {suspensionReason !== null && <SuspensionBanner reason={suspensionReason} />}
            {caller.emailVerifiedAt === null && <EmailVerificationBanner email={caller.email} />}
            {requirements !== null && (
              <OutsideStripePage>
                <RequirementsBanner banner={requirements} />
              </OutsideStripePage>
            )}
            {children}
          </div>
        </main>
      </div>
    </TenantScope>
  );
}
