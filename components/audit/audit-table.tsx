import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { Badge, severityTone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { auditActionLabel } from "@/lib/audit/actions";
import type { AuditLogView } from "@/lib/audit/audit-log";
import { displayIp } from "@/lib/http/display-ip";
import { auditActorText, auditTargetText, userAgentSummary, utcTimeLabel } from "./audit-entry-text";

function Actor({ entry }: { entry: AuditLogView }) {
  const { name, detail } = auditActorText(entry);
  return (
    <>
      <p className="text-zinc-800">{name}</p>
      {detail ? <p className="max-w-[180px] truncate text-xs text-zinc-500" title={detail}>{detail}</p> : null}
    </>
  );
}

/** Narrower than the shared cells' padding: six columns fit the content width at 1280 px without scrolling. */
const cell = "px-3 first:pl-5 last:pr-5";

/** Where a row's details open: the audit log page with the entry open (the dashboard's rows go there too). */
const defaultDetailsHref = (id: string) => `/audit-log?entry=${encodeURIComponent(id)}`;

export function AuditTable({ entries, compact = false, detailsHref = defaultDetailsHref }: { entries: AuditLogView[]; compact?: boolean; detailsHref?: (id: string) => string }) {
  return (
    <Table label={compact ? "Recent audit log entries" : "Audit log entries"}>
      <thead>
        <tr>
          <Th className={cell}>Action</Th>
          <Th className={cell}>Actor</Th>
          <Th className={cell}>Time</Th>
          {compact ? null : (
            <>
              <Th className={cell}>IP</Th>
              <Th className={cell}>User agent</Th>
            </>
          )}
          <Th className={`${cell} text-right`}>
            <span className="sr-only">Details</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const target = auditTargetText(entry);
          return (
            <Tr key={entry.id} data-testid="audit-row" data-action={entry.action} data-entry={entry.id}>
              <Td className={`${cell} min-w-[12rem]`}>
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span className="font-medium text-zinc-900">{auditActionLabel(entry.action)}</span>
                  {entry.severity !== "info" ? <Badge tone={severityTone(entry.severity)}>{entry.severity}</Badge> : null}
                </div>
                <code className="font-mono text-xs text-zinc-500">{entry.action}</code>
                {target ? <p className="mt-1 text-xs break-words text-zinc-600">{target}</p> : null}
                {entry.reason ? <p className="mt-1 text-xs break-words text-zinc-600">Reason: {entry.reason}</p> : null}
              </Td>
              <Td className={cell} label="Actor">
                <Actor entry={entry} />
              </Td>
              {/* The exact time beside the relative one: touch screens have no hover. */}
              <Td className={`${cell} whitespace-nowrap`} label="Time">
                <span className="block text-xs text-zinc-800 tabular-nums">{utcTimeLabel(entry.created_at)}</span>
                <span className="block text-xs text-zinc-500">
                  <RelativeTime date={entry.created_at} />
                </span>
              </Td>
              {compact ? null : (
                <>
                  <Td className={`${cell} min-w-[6.75rem] font-mono text-xs text-zinc-600 [overflow-wrap:anywhere]`} label="IP">{entry.ip ? displayIp(entry.ip) : "—"}</Td>
                  {/* In a few words here; the details show the whole user agent. */}
                  <Td className={`${cell} text-xs text-zinc-500`} title={entry.user_agent ?? undefined} label="User agent">
                    {entry.user_agent ? userAgentSummary(entry.user_agent) : "—"}
                  </Td>
                </>
              )}
              <Td className={`${cell} text-right`} actions>
                <Link
                  href={detailsHref(entry.id)}
                  scroll={false}
                  aria-label={`Details of ${auditActionLabel(entry.action)}, ${utcTimeLabel(entry.created_at)}`}
                  title="Details"
                  data-testid="audit-row-details"
                  className="inline-flex h-8 items-center gap-1 rounded-md px-2 text-zinc-600 max-md:border max-md:border-zinc-300 max-md:pl-3 max-md:font-medium hover:bg-zinc-100 hover:text-zinc-900 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
                >
                  <span className="md:hidden">Details</span>
                  <ChevronRight aria-hidden className="size-4" />
                </Link>
              </Td>
            </Tr>
          );
        })}
      </tbody>
    </Table>
  );
}
