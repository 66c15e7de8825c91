import { headers } from "next/headers";
import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { getProfile } from "@/lib/account/profile";
import { localeFromAcceptLanguage } from "@/lib/money/locale";
import { EmailCard } from "./_components/email-card";
import { NameCard } from "./_components/name-card";
import { PasswordCard } from "./_components/password-card";
import { SessionsCard } from "./_components/sessions-card";

export const metadata = portalPageMetadata("/settings/profile");

export default portalPage("/settings/profile", async ({ caller, page }) => {
  const [profile, requestHeaders] = await Promise.all([getProfile(caller), headers()]);
  return (
    <>
      <PageHeader title={page.label} description={page.description} />
      <div className="space-y-6">
        <NameCard name={profile.user.name} />
        <EmailCard email={profile.user.email} verified={profile.user.email_verified} pending={profile.pending_email_change} />
        <PasswordCard />
        {/*
          Two-factor sign-in: components/settings/two-factor-card.tsx (set up, recovery codes, turn off) goes
          here, between the password and the sessions it protects. It is built alongside this page.
        */}
        <SessionsCard locale={localeFromAcceptLanguage(requestHeaders.get("accept-language"))} />
      </div>
    </>
  );
});
