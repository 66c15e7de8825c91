import Link from "next/link";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { auditActionLabel, auditActionsByCategory } from "@/lib/audit/actions";
import { listAuditLogs } from "@/lib/audit/audit-log";
import { auditLogQuerySchema } from "@/lib/schemas/audit";

export const metadata = portalPageMetadata("/audit-log");

export default portalPage("/audit-log", async ({ caller, page: info, searchParams: raw }) => {
  const parsed = auditLogQuerySchema.safeParse({
    action: typeof raw.action === "string" && raw.action !== "" ? raw.action : undefined,
    cursor: typeof raw.cursor === "string" ? raw.cursor : undefined,
    limit: 25,
  });
  const query = parsed.success ? parsed.data : { limit: 25 };
  const page = await listAuditLogs(caller.tenantId, query).catch(() => listAuditLogs(caller.tenantId, { ...query, cursor: undefined }));
  const filterQuery = query.action ? `action=${encodeURIComponent(query.action)}&` : "";

  return (
    <>
      <PageHeader title={info.label} description={info.description} />
      <Card
        title="Entries"
        actions={
          <form method="get" className="flex flex-wrap items-center gap-2" aria-label="Filter the audit log">
            <label htmlFor="action" className="text-sm text-zinc-600">
              Action
            </label>
            <select
              id="action"
              name="action"
              defaultValue={query.action ?? ""}
              className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm"
            >
              <option value="">All actions</option>
              {/* Every registered action, not only those already logged: "nobody has revoked keys" is an answer too. */}
              {auditActionsByCategory().map((group) => (
                <optgroup key={group.category} label={group.label}>
                  {group.actions.map((action) => (
                    <option key={action.name} value={action.name}>
                      {action.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <Button type="submit" variant="secondary" size="sm">
              Filter
            </Button>
          </form>
        }
      >
        {page.data.length === 0 ? (
          <div className="py-8 text-center">
            <p className="font-medium text-zinc-900">No entries{query.action ? ` for ${auditActionLabel(query.action)}` : ""}</p>
            <p className="mt-1 text-sm text-zinc-500">
              {query.action ? (
                <Link href="/audit-log" className="text-indigo-600 hover:underline">
                  Show all actions
                </Link>
              ) : (
                "Sign-ins and changes will show up here as they happen."
              )}
            </p>
          </div>
        ) : (
          <AuditTable entries={page.data} />
        )}
        {/* Only when there is somewhere to go: an empty nav left a blank band under the table. */}
        {query.cursor || page.next_cursor ? (
          <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
            {query.cursor ? (
              <Link href={`/audit-log?${filterQuery}`} className="font-medium text-indigo-600 hover:underline">
                ← Newest
              </Link>
            ) : (
              <span />
            )}
            {page.next_cursor ? (
              <Link href={`/audit-log?${filterQuery}cursor=${page.next_cursor}`} className="font-medium text-indigo-600 hover:underline">
                Older entries →
              </Link>
            ) : null}
          </nav>
        ) : null}
      </Card>
    </>
  );
});
