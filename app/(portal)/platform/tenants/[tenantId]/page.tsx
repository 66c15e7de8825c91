import { format } from "date-fns";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { currenciesInWords, StripeStatusBadge, TenantStatusBadge } from "@/components/platform/tenant-facts";
import { PageHeader } from "@/components/shell/page-header";
import { portalPage } from "@/components/shell/portal-page";
import { Card } from "@/components/ui/card";
import { CopyField, IdWithCopy } from "@/components/ui/copy-field";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { AppError } from "@/lib/http/errors";
import { formatMoney } from "@/lib/money/format";
import { platformTenant, type PlatformTenantView } from "@/lib/platform/tenants";
import { VOLUME_WINDOW_DAYS } from "@/lib/platform/volume";
import { TENANT_STATUS } from "@/lib/statuses";
import { SuspensionActions } from "./_components/suspension-actions";
import { TenantFeeCard } from "./_components/tenant-fee-card";
import { TenantRateLimitsCard } from "./_components/tenant-rate-limits-card";

// Not the tenant's name: metadata renders before the page's gate, and would show it to anyone signed in.
export const metadata = { title: "Tenant" };

function BackLink() {
  return (
    <Link href="/platform" className="mb-4 inline-flex items-center gap-1.5 text-sm font-medium text-indigo-700 hover:underline">
      <ArrowLeft aria-hidden className="size-4" />
      All tenants
    </Link>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 py-2.5 sm:grid-cols-[11rem_minmax(0,1fr)] sm:gap-3">
      <dt className="text-sm text-zinc-500">{label}</dt>
      <dd className="min-w-0 text-sm text-zinc-900">{children}</dd>
    </div>
  );
}

const yesNo = (value: boolean) => (value ? "Yes" : "No");

function Exact({ date }: { date: string }) {
  return (
    <span className="tabular-nums">
      {format(new Date(date), "yyyy-MM-dd HH:mm")} (<RelativeTime date={date} />)
    </span>
  );
}

function Overview({ tenant }: { tenant: PlatformTenantView }) {
  return (
    <Card title="Overview" actions={<SuspensionActions tenant={{ id: tenant.id, name: tenant.name, slug: tenant.slug, status: tenant.status }} />}>
      {tenant.status === TENANT_STATUS.suspended ? (
        <div className="mb-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="tenant-suspension">
          <p className="font-medium">
            Suspended{tenant.suspended_at ? <> since <Exact date={tenant.suspended_at} /></> : null}
          </p>
          <p className="mt-1">
            Reason: <span data-testid="tenant-suspension-reason">{tenant.suspension_reason ?? "no reason was given"}</span>
          </p>
          <p className="mt-1 text-red-700">Its secret keys are refused and its webhook deliveries wait until it is reactivated.</p>
        </div>
      ) : null}
      <dl className="divide-y divide-zinc-100">
        <Fact label="Status">
          <TenantStatusBadge status={tenant.status} />
        </Fact>
        <Fact label="Tenant id">
          <div className="max-w-md">
            <CopyField value={tenant.id} label="Tenant id" />
          </div>
        </Fact>
        <Fact label="Slug">
          <span className="font-mono">{tenant.slug}</span>
        </Fact>
        <Fact label="Created">
          <Exact date={tenant.created_at} />
        </Fact>
        <Fact label="Members">
          <span className="tabular-nums">{tenant.member_count}</span>
        </Fact>
        <Fact label="Stripe">
          <div className="space-y-1">
            <StripeStatusBadge stripe={tenant.stripe} />
            {tenant.stripe.account_id ? (
              <p>
                <IdWithCopy id={tenant.stripe.account_id} label="Stripe account id" />
              </p>
            ) : null}
            <p className="text-zinc-600">
              Charges enabled: {yesNo(tenant.stripe.charges_enabled)} · Payouts enabled: {yesNo(tenant.stripe.payouts_enabled)}
            </p>
          </div>
        </Fact>
        <Fact label="Currencies">
          <span className="font-mono">{currenciesInWords(tenant)}</span>
          <span className="text-zinc-500"> · default {tenant.default_currency.toUpperCase()}</span>
        </Fact>
      </dl>
    </Card>
  );
}

function Volume({ tenant }: { tenant: PlatformTenantView }) {
  const label = `Volume over the last ${VOLUME_WINDOW_DAYS} days`;
  return (
    <Card title={`Last ${VOLUME_WINDOW_DAYS} days`} description="Live payments that succeeded, per currency; refunds are not taken off.">
      {tenant.volume_30d.length === 0 ? (
        <p className="py-4 text-center text-sm text-zinc-500" data-testid="volume-empty">
          No live payments succeeded in the last {VOLUME_WINDOW_DAYS} days.
        </p>
      ) : (
        <Table label={label} className="min-w-0">
          <thead>
            <tr>
              <Th>Currency</Th>
              <Th className="text-right">Volume</Th>
              <Th className="text-right">Platform fees</Th>
              <Th className="text-right">Payments</Th>
            </tr>
          </thead>
          <tbody>
            {tenant.volume_30d.map((row) => (
              <Tr key={row.currency}>
                <Td className="font-mono">{row.currency.toUpperCase()}</Td>
                <Td className="text-right tabular-nums" label="Volume">
                  {formatMoney(row.volume, row.currency)}
                </Td>
                <Td className="text-right tabular-nums" label="Platform fees">
                  {formatMoney(row.fees, row.currency)}
                </Td>
                <Td className="text-right tabular-nums" label="Payments">
                  {row.count}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}

export default portalPage("/platform", async ({ params }) => {
  const tenantId = typeof params.tenantId === "string" ? params.tenantId : "";
  const tenant = await platformTenant(tenantId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (!tenant) {
    return (
      <>
        <BackLink />
        <PageHeader title="Tenant not found" description="No tenant has this id. It may have been deleted, or the link is incomplete." />
      </>
    );
  }
  return (
    <>
      <BackLink />
      <PageHeader title={tenant.name} description={`A tenant of the platform, as its operators see it: status, Stripe, fees, API rate limits and recent volume.`} />
      <div className="space-y-6">
        <Overview tenant={tenant} />
        <TenantFeeCard tenant={{ id: tenant.id, name: tenant.name, currencies: tenant.currencies, default_currency: tenant.default_currency, fee_schedule: tenant.fee_schedule }} />
        <TenantRateLimitsCard tenant={{ id: tenant.id, name: tenant.name, rate_limits: tenant.rate_limits }} />
        <Volume tenant={tenant} />
      </div>
    </>
  );
});
