import Link from "next/link";
import { currenciesInWords, FeeSourceBadge, feeInWords, StripeStatusBadge, TenantStatusBadge, VolumeLines } from "@/components/platform/tenant-facts";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { PlatformTenantView } from "@/lib/platform/tenants";

const tenantHref = (tenant: PlatformTenantView) => `/platform/tenants/${encodeURIComponent(tenant.id)}`;

function EmptyState({ query }: { query: string | null }) {
  return (
    <div className="py-8 text-center" data-testid="tenants-empty">
      {query ? (
        <>
          <p className="font-medium text-zinc-900">No tenant matches &ldquo;{query}&rdquo;</p>
          <p className="mt-1 text-sm text-zinc-500">
            Search by part of a name or slug, or paste a tenant&apos;s whole id.{" "}
            <Link href="/platform" className="font-medium text-indigo-600 hover:underline">
              Clear the search
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="font-medium text-zinc-900">No tenants yet</p>
          <p className="mt-1 text-sm text-zinc-500">A tenant appears here as soon as someone signs up and creates one.</p>
        </>
      )}
    </div>
  );
}

/** Every tenant of the page; on a phone each is a card. */
export function TenantList({ tenants, query }: { tenants: PlatformTenantView[]; query: string | null }) {
  if (tenants.length === 0) return <EmptyState query={query} />;
  return (
    <Table label="Tenants">
      <thead>
        <tr>
          <Th>Tenant</Th>
          <Th>Status</Th>
          <Th>Stripe</Th>
          <Th>Currencies</Th>
          <Th>Platform fee</Th>
          <Th>Last 30 days</Th>
        </tr>
      </thead>
      <tbody>
        {tenants.map((tenant) => (
          <Tr key={tenant.id} data-testid="tenant-row" data-tenant-id={tenant.id}>
            <Td>
              <Link href={tenantHref(tenant)} className="font-medium text-indigo-700 hover:underline">
                {tenant.name}
              </Link>
              <p className="font-mono text-xs text-zinc-500">{tenant.slug}</p>
            </Td>
            <Td label="Status">
              <TenantStatusBadge status={tenant.status} />
            </Td>
            <Td label="Stripe">
              <StripeStatusBadge stripe={tenant.stripe} />
            </Td>
            <Td className="font-mono text-xs text-zinc-700" label="Currencies">
              {currenciesInWords(tenant)}
            </Td>
            <Td label="Platform fee">
              <p className="text-zinc-800 tabular-nums">{feeInWords(tenant)}</p>
              <FeeSourceBadge source={tenant.fee_schedule.source} />
            </Td>
            <Td className="whitespace-nowrap" label="Last 30 days">
              <VolumeLines volume={tenant.volume_30d} />
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
