import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { Card } from "@/components/ui/card";
import { platformDefaultFeeSchedule } from "@/lib/fees/fee-schedules";
import { listPlatformTenants } from "@/lib/platform/tenants";
import { platformTenantsQuerySchema } from "@/lib/schemas/platform";
import { DefaultFeeCard } from "./_components/default-fee-card";
import { TenantList } from "./_components/tenant-list";
import { TenantSearch } from "./_components/tenant-search";

export const metadata = portalPageMetadata("/platform");

const PAGE_SIZE = 25;

export default portalPage("/platform", async ({ page: info, searchParams: raw }) => {
  const parsed = platformTenantsQuerySchema.safeParse({
    q: typeof raw.q === "string" && raw.q.trim() !== "" ? raw.q : undefined,
    cursor: typeof raw.cursor === "string" && raw.cursor !== "" ? raw.cursor : undefined,
    limit: PAGE_SIZE,
  });
  const query = parsed.success ? parsed.data : { limit: PAGE_SIZE };
  // A cursor that no longer names a tenant (deleted, or typed by hand) starts from the newest again.
  const [page, defaultSchedule] = await Promise.all([
    listPlatformTenants(query).catch(() => listPlatformTenants({ ...query, cursor: undefined })),
    platformDefaultFeeSchedule(),
  ]);
  const search = query.q ? `q=${encodeURIComponent(query.q)}&` : "";

  return (
    <>
      <PageHeader title={info.label} description={info.description} />
      <div className="space-y-6">
        <Card
          title="Tenants"
          description="Newest first. Volume counts live payments that succeeded in the last 30 days."
        >
          <div className="mb-4">
            <TenantSearch initialQuery={query.q ?? ""} />
          </div>
          <TenantList tenants={page.data} query={query.q ?? null} />
          {query.cursor || page.next_cursor ? (
            <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
              {query.cursor ? (
                <Link href={`/platform?${search}`} className="font-medium text-indigo-600 hover:underline">
                  ← Newest
                </Link>
              ) : (
                <span />
              )}
              {page.next_cursor ? (
                <Link href={`/platform?${search}cursor=${encodeURIComponent(page.next_cursor)}`} className="font-medium text-indigo-600 hover:underline">
                  Older tenants →
                </Link>
              ) : null}
            </nav>
          ) : null}
        </Card>
        <DefaultFeeCard schedule={defaultSchedule} />
      </div>
    </>
  );
});
