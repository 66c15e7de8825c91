import { Badge, severityTone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { auditActionLabel } from "@/lib/audit/actions";
import type { AuditLogView } from "@/lib/audit/audit-log";

/** What was acted on, in words: "live and test keys", "test keys". */
function targetText(entry: AuditLogView): string | null {
  if (entry.target?.type === "api_keys") return entry.target.id === "all" ? "live and test keys" : `${entry.target.id} keys`;
  const url = (entry.metadata as { url?: unknown } | null)?.url;
  if (entry.target?.type === "webhook_endpoint" && typeof url === "string") return url;
  const team = entry.metadata as { email?: unknown; role?: unknown; from?: unknown; to?: unknown } | null;
  if (entry.action === "members.role_changed" && typeof team?.email === "string") return `${team.email}: ${String(team.from)} → ${String(team.to)}`;
  if ((entry.target?.type === "invitation" || entry.action === "members.removed") && typeof team?.email === "string") {
    return typeof team.role === "string" ? `${team.email} (${team.role})` : team.email;
  }
  return null;
}

function Actor({ entry }: { entry: AuditLogView }) {
  const { actor } = entry;
  const name = actor.type === "user" ? (actor.name ?? actor.label ?? "user") : actor.type === "anonymous" ? "Unknown account" : actor.type;
  const detail = actor.type === "user" ? (actor.email ?? actor.label) : actor.label;
  return (
    <>
      <p className="text-zinc-800">{name}</p>
      {detail ? <p className="max-w-[260px] truncate text-xs text-zinc-500" title={detail}>{detail}</p> : null}
    </>
  );
}

export function AuditTable({ entries, compact = false }: { entries: AuditLogView[]; compact?: boolean }) {
  return (
    <Table label={compact ? "Recent audit log entries" : "Audit log entries"}>
      <thead>
        <tr>
          <Th>Action</Th>
          <Th>Actor</Th>
          <Th>Time</Th>
          {compact ? null : (
            <>
              <Th>IP</Th>
              <Th>User agent</Th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <Tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
            <Td>
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <span className="font-medium whitespace-nowrap text-zinc-900">{auditActionLabel(entry.action)}</span>
                {entry.severity !== "info" ? <Badge tone={severityTone(entry.severity)}>{entry.severity}</Badge> : null}
              </div>
              <code className="font-mono text-xs text-zinc-500">{entry.action}</code>
              {targetText(entry) ? <p className="mt-1 text-xs text-zinc-600">{targetText(entry)}</p> : null}
              {entry.reason ? <p className="mt-1 text-xs text-zinc-600">Reason: {entry.reason}</p> : null}
            </Td>
            <Td>
              <Actor entry={entry} />
            </Td>
            <Td className="whitespace-nowrap text-zinc-600">
              <RelativeTime date={entry.created_at} />
            </Td>
            {compact ? null : (
              <>
                <Td className="font-mono text-xs text-zinc-600">{entry.ip ?? "—"}</Td>
                <Td className="max-w-[260px] truncate text-xs text-zinc-500" title={entry.user_agent ?? undefined}>
                  {entry.user_agent ?? "—"}
                </Td>
              </>
            )}
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
