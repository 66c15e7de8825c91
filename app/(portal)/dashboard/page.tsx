import { headers } from "next/headers";
import Link from "next/link";
import { filtersFromParams } from "@/components/payments/payment-filters";
import { VolumeChart } from "@/components/payments/volume-chart";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { Badge, roleTone, tenantStatusTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { listAuditLogs } from "@/lib/audit/audit-log";
import { mayOpenPage } from "@/lib/auth/page-access";
import { getAccount } from "@/lib/tenants/account";
import { listMembers } from "@/lib/team/members";
import { getStoredStatus } from "@/lib/stripe/connect";
import { localeFromAcceptLanguage } from "@/lib/money/locale";
import { getCurrencySettings } from "@/lib/tenants/settings";
import { requirementInWords } from "@/components/stripe/requirements";
import { StripeBalance } from "@/components/stripe/stripe-balance";
import { GettingStartedCard } from "@/components/onboarding/getting-started-card";
import { getGettingStarted } from "@/lib/onboarding/getting-started";
import type { TenantStatus } from "@/lib/statuses";

export const metadata = portalPageMetadata("/dashboard");

const STATUS_TEXT: Record<TenantStatus, string> = {
  pending: "Waiting for a Stripe account to be connected before payments can flow.",
  active: "Connected to Stripe and able to accept payments.",
  suspended: "Suspended: API access is paused. Contact the platform team.",
};

export default portalPage("/dashboard", async ({ caller, page, searchParams }) => {
  // Whoever may open the audit log sees its latest entries here (and the Stripe account, also admin+).
  const canAudit = mayOpenPage(caller, "/audit-log");
  const [account, members, audit, stripe, settings, requestHeaders, gettingStarted] = await Promise.all([
    getAccount(caller),
    listMembers(caller),
    canAudit ? listAuditLogs(caller.tenantId, { limit: 8 }) : Promise.resolve(null),
    getStoredStatus(caller.tenantId),
    getCurrencySettings(caller.tenantId),
    headers(),
    // The checklist's steps are admin and owner work; members are not asked to do them.
    canAudit ? getGettingStarted(caller) : Promise.resolve(null),
  ]);
  const due = stripe.requirements.currently_due;
  const locale = localeFromAcceptLanguage(requestHeaders.get("accept-language"));
  const stripeStatusLine = (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="dashboard-stripe">
      {stripe.connected ? (
        <>
          <Badge tone={stripe.charges_enabled ? "green" : "amber"}>charges {stripe.charges_enabled ? "enabled" : "disabled"}</Badge>
          <Badge tone={stripe.payouts_enabled ? "green" : "amber"}>payouts {stripe.payouts_enabled ? "enabled" : "disabled"}</Badge>
          {canAudit && due.length > 0 ? <span className="text-amber-800">Stripe needs: {due.map(requirementInWords).join("; ")}</span> : null}
        </>
      ) : (
        <Badge tone="grey">{stripe.disconnected_reason ? "disconnected" : "not connected"}</Badge>
      )}
    </div>
  );

  return (
    <>
      <PageHeader title={page.label} description={`An overview of ${account.tenant.name}: its status, its people and what happened lately.`} />
      {gettingStarted?.visible ? (
        <GettingStartedCard
          steps={gettingStarted.steps}
          completed={gettingStarted.completed}
          total={gettingStarted.total}
          firstCall={gettingStarted.first_call}
          isOwner={caller.role === "owner"}
        />
      ) : null}
      <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
        <Card title="Tenant">
          <dl className="space-y-3 text-sm">
            {/* The explanation is a second dd of Status: a dl may hold only dt/dd groups. */}
            <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-3">
              <dt className="text-zinc-500">Status</dt>
              <dd>
                <Badge tone={tenantStatusTone(account.tenant.status)}>{account.tenant.status}</Badge>
              </dd>
              <dd className="w-full text-zinc-600">{STATUS_TEXT[account.tenant.status]}</dd>
            </div>
            <div className="flex items-center justify-between gap-4">
              <dt className="text-zinc-500">Slug</dt>
              <dd className="font-mono text-xs">{account.tenant.slug}</dd>
            </div>
            <div className="flex items-center justify-between gap-4">
              <dt className="text-zinc-500">Created</dt>
              <dd>
                <RelativeTime date={account.tenant.created_at} />
              </dd>
            </div>
            <div className="flex items-center justify-between gap-4">
              <dt className="text-zinc-500">Your role</dt>
              <dd className="font-medium">{account.role}</dd>
            </div>
          </dl>
        </Card>
        <Card
          title="Members"
          description={canAudit ? `${members.length} ${members.length === 1 ? "person" : "people"} in this tenant` : "Members see only themselves."}
          actions={
            <Button asChild size="sm" variant="secondary">
              <Link href="/team">{caller.role === "owner" ? "Manage team" : "Open team"}</Link>
            </Button>
          }
        >
          <ul className="divide-y divide-zinc-100" data-testid="members-list">
            {members.map((member) => (
              <li key={member.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                <div className="min-w-0">
                  <p className="truncate font-medium text-zinc-900">{member.name}</p>
                  <p className="truncate text-zinc-500">{member.email}</p>
                </div>
                <div className="text-right">
                  <Badge tone={roleTone(member.role)}>{member.role}</Badge>
                  <p className="mt-1 text-xs text-zinc-500">
                    Last sign-in <RelativeTime date={member.last_login_at} />
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      {canAudit && stripe.connected ? (
        // Admins and owners see the account's balance and payouts; the status line moves to the widget's foot.
        <StripeBalance
          className="mt-6"
          locale={locale}
          mode={stripe.mode}
          footer={
            <div className="flex flex-wrap items-center justify-between gap-3">
              {stripeStatusLine}
              <Link href="/stripe" className="text-sm font-medium text-indigo-600 hover:underline">
                Manage
              </Link>
            </div>
          }
        />
      ) : (
        <Card
          className="mt-6"
          title="Stripe"
          // Members learn whether payments are set up, not the account or what Stripe asks for (GET /stripe/status is admin+).
          description={stripe.connected ? (canAudit ? `Account ${stripe.account_id}` : "A Stripe account is connected.") : "No Stripe account is connected yet."}
          actions={
            canAudit ? (
              <Link href="/stripe" className="text-sm font-medium text-indigo-600 hover:underline">
                {stripe.connected ? "Manage" : "Connect"}
              </Link>
            ) : undefined
          }
        >
          {stripeStatusLine}
        </Card>
      )}
      <VolumeChart
        locale={locale}
        defaultCurrency={settings.default_currency}
        initialMode={filtersFromParams(searchParams).mode}
      />
      <Card
        className="mt-6"
        title="Recent activity"
        description="The latest entries of the audit log."
        actions={
          canAudit ? (
            <Link href="/audit-log" className="text-sm font-medium text-indigo-600 hover:underline">
              View all
            </Link>
          ) : undefined
        }
      >
        {!audit ? (
          <p className="text-sm text-zinc-500">Only admins and owners can see the audit log.</p>
        ) : audit.data.length === 0 ? (
          <p className="text-sm text-zinc-500">Nothing has happened yet.</p>
        ) : (
          <AuditTable entries={audit.data} compact />
        )}
      </Card>
    </>
  );
});
