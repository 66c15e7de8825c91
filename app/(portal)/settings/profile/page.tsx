import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { TwoFactorCard } from "@/components/settings/two-factor-card";
import { getTwoFactorStatus } from "@/lib/auth/two-factor";
import { mustEnrolTwoFactor } from "@/lib/auth/two-factor-rules";

export const metadata = portalPageMetadata("/settings/profile");

export default portalPage("/settings/profile", async ({ caller, page }) => {
  const status = await getTwoFactorStatus(caller);
  return (
    <>
      <PageHeader title={page.label} description={page.description} />
      {mustEnrolTwoFactor(caller) ? (
        <p role="alert" data-testid="two-factor-required-notice" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {caller.tenantName} requires two-factor sign-in. Set it up below to open the rest of the portal.
        </p>
      ) : null}
      <div className="space-y-6">
        <TwoFactorCard initialStatus={status} account={caller.email} />
      </div>
    </>
  );
});
