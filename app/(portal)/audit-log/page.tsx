import { Download } from "lucide-react";
import Link from "next/link";
import { auditExportUrl, auditFiltersFromParams, auditFiltersToParams, auditQueryFilters, isAuditFiltered, withQuery } from "@/components/audit/audit-filters";
import { AuditEntryPanel } from "@/components/audit/audit-entry-panel";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { auditActionsByCategory } from "@/lib/audit/actions";
import { getAuditLogEntry, listAuditActors, listAuditLogs, type AuditLogView } from "@/lib/audit/audit-log";
import { AppError } from "@/lib/http/errors";
import { AuditFiltersForm } from "./_components/audit-filters-form";

export const metadata = portalPageMetadata("/audit-log");

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default portalPage("/audit-log", async ({ caller, page: info, searchParams: raw }) => {
  const filters = auditFiltersFromParams(raw);
  const query = auditQueryFilters(filters);
  const cursor = first(raw.cursor)?.slice(0, 64) || undefined;
  const openId = first(raw.entry)?.slice(0, 64) || null;
  const [page, actors] = await Promise.all([
    // A stale cursor (another tenant's, or cut short) starts again from the newest rather than failing the page.
    listAuditLogs(caller.tenantId, { ...query, cursor, limit: 25 }).catch(() => listAuditLogs(caller.tenantId, { ...query, limit: 25 })),
    listAuditActors(caller.tenantId),
  ]);
  let open: AuditLogView | null = openId ? (page.data.find((entry) => entry.id === openId) ?? null) : null;
  if (openId && !open) {
    open = await getAuditLogEntry(caller.tenantId, openId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") return null;
      throw error;
    });
  }
  const here = (extra: { cursor?: string | null; entry?: string | null }) => withQuery("/audit-log", auditFiltersToParams(filters, extra));
  const filtered = isAuditFiltered(filters);

  return (
    <>
      <PageHeader title={info.label} description={info.description} />
      <Card
        title="Entries"
        description="Newest first. Times are UTC, with how long ago beside them."
        actions={
          <Button asChild variant="secondary" size="sm">
            <a href={auditExportUrl(filters)} download data-testid="audit-export-csv">
              <Download aria-hidden className="size-4" />
              Export CSV
            </a>
          </Button>
        }
      >
        <AuditFiltersForm filters={filters} actors={actors} groups={auditActionsByCategory()} />
        {page.data.length === 0 ? (
          <div className="py-8 text-center" data-testid="audit-empty">
            <p className="font-medium text-zinc-900">{filtered ? "No entries match these filters" : "No entries"}</p>
            <p className="mt-1 text-sm text-zinc-500">
              {filtered ? (
                <Link href="/audit-log" className="text-indigo-600 hover:underline">
                  Show every entry
                </Link>
              ) : (
                "Sign-ins and changes will show up here as they happen."
              )}
            </p>
          </div>
        ) : (
          <AuditTable entries={page.data} detailsHref={(id) => here({ cursor, entry: id })} />
        )}
        {/* Only when there is somewhere to go: an empty nav left a blank band under the table. */}
        {cursor || page.next_cursor ? (
          <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
            {cursor ? (
              <Link href={here({})} className="font-medium text-indigo-600 hover:underline">
                ← Newest
              </Link>
            ) : (
              <span />
            )}
            {page.next_cursor ? (
              <Link href={here({ cursor: page.next_cursor })} className="font-medium text-indigo-600 hover:underline">
                Older entries →
              </Link>
            ) : null}
          </nav>
        ) : null}
      </Card>
      <AuditEntryPanel entry={open} missing={openId !== null && open === null} closeHref={here({ cursor })} />
    </>
  );
});
