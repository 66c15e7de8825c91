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

/** Every tenant of the page: a table on wide screens, a stack of cards on phones, with the same facts. */
export function TenantList({ tenants, query }: { tenants: PlatformTenantView[]; query: string | null }) {
  if (tenants.length === 0) return <EmptyState query={query} />;
  return (
    <>
      <div className="hidden md:block">
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
                <Td>
                  <TenantStatusBadge status={tenant.status} />
                </Td>
                <Td>
                  <StripeStatusBadge stripe={tenant.stripe} />
                </Td>
                <Td className="font-mono text-xs text-zinc-700">{currenciesInWords(tenant)}</Td>
                <Td>
                  <p className="text-zinc-800 tabular-nums">{feeInWords(tenant)}</p>
                  <FeeSourceBadge source={tenant.fee_schedule.source} />
                </Td>
                <Td className="whitespace-nowrap">
                  <VolumeLines volume={tenant.volume_30d} />
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      </div>
      <ul className="-mx-5 divide-y divide-zinc-200 md:hidden" aria-label="Tenants">
        {tenants.map((tenant) => (
          <li key={tenant.id} className="px-5 py-4" data-testid="tenant-card" data-tenant-id={tenant.id}>
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <Link href={tenantHref(tenant)} className="font-medium text-indigo-700 hover:underline">
                  {tenant.name}
                </Link>
                <p className="truncate font-mono text-xs text-zinc-500">{tenant.slug}</p>
              </div>
              <TenantStatusBadge status={tenant.status} />
            </div>
            <dl className="mt-3 grid grid-cols-[7rem_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm">
              <dt className="text-zinc-500">Stripe</dt>
              <dd>
                <StripeStatusBadge stripe={tenant.stripe} />
              </dd>
              <dt className="text-zinc-500">Currencies</dt>
              <dd className="font-mono text-xs text-zinc-700">{currenciesInWords(tenant)}</dd>
              <dt className="text-zinc-500">Platform fee</dt>
              <dd>
                <p className="text-zinc-800 tabular-nums">{feeInWords(tenant)}</p>
                <FeeSourceBadge source={tenant.fee_schedule.source} />
              </dd>
              <dt className="text-zinc-500">Last 30 days</dt>
              <dd>
                <VolumeLines volume={tenant.volume_30d} />
              </dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
