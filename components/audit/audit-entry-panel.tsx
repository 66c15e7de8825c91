"use client";

import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { Badge, severityTone } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { auditActionLabel } from "@/lib/audit/actions";
import type { AuditLogView } from "@/lib/audit/audit-log";
import { displayIp } from "@/lib/http/display-ip";
import { auditActorText, auditRequestId, auditTargetText, utcTimeLabel } from "./audit-entry-text";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 border-b border-zinc-100 py-2 text-sm sm:grid-cols-[8rem_minmax(0,1fr)] sm:gap-4">
      <dt className="text-zinc-500">{label}</dt>
      <dd className="min-w-0 text-zinc-900">{children}</dd>
    </div>
  );
}

function Mono({ value, label }: { value: string; label: string }) {
  return (
    <span className="flex items-start gap-1">
      <code className="min-w-0 font-mono text-xs break-all text-zinc-800">{value}</code>
      <CopyButton value={value} label={label} compact />
    </span>
  );
}

/** The viewer's own clock, with its zone named: the panel renders in the browser only (a portal). */
function localTimeLabel(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "long" }).format(new Date(iso));
}

function EntryDetail({ entry }: { entry: AuditLogView }) {
  const actor = auditActorText(entry);
  const target = auditTargetText(entry);
  const requestId = auditRequestId(entry);
  const metadata = entry.metadata === null ? null : JSON.stringify(entry.metadata, null, 2);
  const ip = entry.ip ? displayIp(entry.ip) : null;
  return (
    <div data-testid="audit-entry-detail" data-entry={entry.id}>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <Badge tone={severityTone(entry.severity)}>{entry.severity}</Badge>
        <code className="font-mono text-xs text-zinc-600">{entry.action}</code>
      </div>
      <dl>
        <Row label="Entry id">
          <Mono value={entry.id} label="entry id" />
        </Row>
        <Row label="Actor">
          <span className="block">{actor.name}</span>
          {actor.detail ? <span className="block text-xs break-all text-zinc-600">{actor.detail}</span> : null}
          <span className="block text-xs text-zinc-500">
            {entry.actor.type}
          </span>
          {entry.actor.user_id ? <Mono value={entry.actor.user_id} label="actor's user id" /> : null}
        </Row>
        <Row label="Target">
          {entry.target ? (
            <>
              {target ? <span className="block break-words">{target}</span> : null}
              <span className="flex flex-wrap items-center gap-x-1 text-xs text-zinc-600">
                {entry.target.type}: <Mono value={entry.target.id} label={`${entry.target.type} id`} />
              </span>
            </>
          ) : (
            <span className="text-zinc-500">—</span>
          )}
        </Row>
        <Row label="Reason">{entry.reason ? <span className="break-words whitespace-pre-wrap">{entry.reason}</span> : <span className="text-zinc-500">—</span>}</Row>
        <Row label="Time (UTC)">
          <span className="tabular-nums">{utcTimeLabel(entry.created_at)}</span>
          <span className="block text-xs text-zinc-500">
            <RelativeTime date={entry.created_at} />
          </span>
        </Row>
        <Row label="Time (yours)">
          <span className="tabular-nums" data-testid="audit-entry-local-time">
            {localTimeLabel(entry.created_at)}
          </span>
        </Row>
        <Row label="Request id">{requestId ? <Mono value={requestId} label="request id" /> : <span className="text-zinc-500">Not recorded for this action</span>}</Row>
        <Row label="IP address">
          {ip ? (
            <>
              <Mono value={ip} label="IP address" />
              {ip !== entry.ip ? <span className="block text-xs text-zinc-500">recorded as {entry.ip}</span> : null}
            </>
          ) : (
            <span className="text-zinc-500">—</span>
          )}
        </Row>
        <Row label="User agent">{entry.user_agent ? <Mono value={entry.user_agent} label="user agent" /> : <span className="text-zinc-500">—</span>}</Row>
      </dl>
      <section className="mt-4" aria-labelledby="audit-entry-metadata">
        <div className="mb-2 flex items-center justify-between gap-2">
          <h3 id="audit-entry-metadata" className="text-sm font-semibold text-zinc-900">
            Metadata
          </h3>
          {metadata ? <CopyButton value={metadata} label="metadata JSON" /> : null}
        </div>
        {metadata ? (
          <pre className="max-h-80 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs text-zinc-800" tabIndex={0} aria-label="Metadata JSON" data-testid="audit-entry-metadata">
            {metadata}
          </pre>
        ) : (
          <p className="text-sm text-zinc-500">None recorded.</p>
        )}
      </section>
    </div>
  );
}

/**
 * One entry with everything recorded, beside the list. The open entry lives
 * in the URL (`entry=`), so a link to it can be shared; closing goes back to
 * the same filtered list.
 */
export function AuditEntryPanel({ entry, missing, closeHref }: { entry: AuditLogView | null; missing: boolean; closeHref: string }) {
  const router = useRouter();
  const open = entry !== null || missing;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) router.replace(closeHref, { scroll: false });
      }}
      placement="side"
      title={entry ? auditActionLabel(entry.action) : "Entry not found"}
      description={entry ? "Everything recorded for this audit log entry." : undefined}
    >
      {entry ? (
        <EntryDetail entry={entry} />
      ) : (
        <p className="text-sm text-zinc-600" data-testid="audit-entry-missing">
          This audit log has no entry with that id. It may belong to another tenant, or the link was cut short.
        </p>
      )}
    </Dialog>
  );
}
