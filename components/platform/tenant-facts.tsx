// Small pieces the console's list and a tenant's page both show, server-rendered.
import { Badge, tenantStatusTone, type BadgeTone } from "@/components/ui/badge";
import type { FeeScheduleSource } from "@/lib/fees/fee-schedules";
import type { CurrencyCode } from "@/lib/money/currencies";
import { describeFeeSchedule, formatMoney } from "@/lib/money/format";
import type { PlatformTenantView } from "@/lib/platform/tenants";
import { STRIPE_ACCOUNT_STATUS, TENANT_STATUS } from "@/lib/statuses";

export function TenantStatusBadge({ status }: { status: PlatformTenantView["status"] }) {
  return <Badge tone={tenantStatusTone(status)}>{status === TENANT_STATUS.suspended ? "Suspended" : status === TENANT_STATUS.active ? "Active" : "Pending"}</Badge>;
}

const STRIPE_WORDS: Record<PlatformTenantView["stripe"]["status"], string> = {
  [STRIPE_ACCOUNT_STATUS.connected]: "Connected",
  [STRIPE_ACCOUNT_STATUS.onboarding]: "Onboarding",
  [STRIPE_ACCOUNT_STATUS.disconnected]: "Disconnected",
  [STRIPE_ACCOUNT_STATUS.notConnected]: "Not connected",
};

/** Green only when the account can take payments; connected without charges needs attention. */
export function StripeStatusBadge({ stripe }: { stripe: PlatformTenantView["stripe"] }) {
  const tone: BadgeTone =
    stripe.status === STRIPE_ACCOUNT_STATUS.connected ? (stripe.charges_enabled ? "green" : "amber") : stripe.status === STRIPE_ACCOUNT_STATUS.onboarding ? "amber" : "grey";
  const words = stripe.status === STRIPE_ACCOUNT_STATUS.connected && !stripe.charges_enabled ? "Connected, charges off" : STRIPE_WORDS[stripe.status];
  return <Badge tone={tone}>{words}</Badge>;
}

export function FeeSourceBadge({ source }: { source: FeeScheduleSource }) {
  return <Badge tone={source === "tenant" ? "accent" : "grey"}>{source === "tenant" ? "Custom" : "Platform default"}</Badge>;
}

/** The fee in plain words in the tenant's default currency: "2.9% + $0.30 per payment". */
export function feeInWords(tenant: Pick<PlatformTenantView, "fee_schedule" | "default_currency">): string {
  return describeFeeSchedule(tenant.fee_schedule, tenant.default_currency);
}

/** "USD, EUR (default first)". */
export function currenciesInWords(tenant: Pick<PlatformTenantView, "currencies" | "default_currency">): string {
  const others = tenant.currencies.filter((code) => code !== tenant.default_currency);
  return [tenant.default_currency, ...others].map((code: CurrencyCode) => code.toUpperCase()).join(", ");
}

/** Last-30-days volume, one line per currency: "$123.40 · 1 payment". */
export function VolumeLines({ volume }: { volume: PlatformTenantView["volume_30d"] }) {
  if (volume.length === 0) return <span className="text-zinc-500">No live payments</span>;
  return (
    <ul className="space-y-0.5 tabular-nums">
      {volume.map((row) => (
        <li key={row.currency}>
          <span className="font-medium text-zinc-900">{formatMoney(row.volume, row.currency)}</span>
          <span className="text-zinc-500">
            {" "}
            · {row.count} payment{row.count === 1 ? "" : "s"}
          </span>
        </li>
      ))}
    </ul>
  );
}
