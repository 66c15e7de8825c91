import { headers } from "next/headers";
import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { TwoFactorCard } from "@/components/settings/two-factor-card";
import { getProfile } from "@/lib/account/profile";
import { getTwoFactorStatus } from "@/lib/auth/two-factor";
import { mustEnrolTwoFactor } from "@/lib/auth/two-factor-rules";
import { localeFromAcceptLanguage } from "@/lib/money/locale";
import { EmailCard } from "./_components/email-card";
import { NameCard } from "./_components/name-card";
import { PasswordCard } from "./_components/password-card";
import { SessionsCard } from "./_components/sessions-card";

export const metadata = portalPageMetadata("/settings/profile");

export default portalPage("/settings/profile", async ({ caller, page }) => {
  const [profile, requestHeaders, twoFactor] = await Promise.all([getProfile(caller), headers(), getTwoFactorStatus(caller)]);
  return (
    <>
      <PageHeader title={page.label} description={page.description} />
      {mustEnrolTwoFactor(caller) ? (
        <p role="alert" data-testid="two-factor-required-notice" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {caller.tenantName} requires two-factor sign-in. Set it up below to open the rest of the portal.
        </p>
      ) : null}
      <div className="space-y-6">
        <NameCard name={profile.user.name} />
        <EmailCard email={profile.user.email} verified={profile.user.email_verified} pending={profile.pending_email_change} />
        <PasswordCard />
        {/* Between the password and the sessions it protects. */}
        <TwoFactorCard initialStatus={twoFactor} account={caller.email} />
        <SessionsCard locale={localeFromAcceptLanguage(requestHeaders.get("accept-language"))} />
      </div>
    </>
  );
});
