"use client";

import { outcomeLabel, statusTone } from "@/components/api-traffic/outcomes";
import { keyLabel, statusClass } from "@/components/api-traffic/traffic-filters";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-field";
import type { ApiRequestLogEntry } from "@/lib/schemas/api-traffic";

/** The status code, coloured by its class, with the class in words for those who do not see the colour. */
export function StatusBadge({ status }: { status: number }) {
  const statusClassName = statusClass(status);
  return (
    <Badge tone={statusTone(statusClassName)} className="tabular-nums">
      <span>{status}</span>
      <span className="sr-only"> {outcomeLabel(statusClassName)}</span>
    </Badge>
  );
}

export function MethodPath({ entry, truncate = false }: { entry: Pick<ApiRequestLogEntry, "method" | "path">; truncate?: boolean }) {
  return (
    <span className={truncate ? "flex min-w-0 items-baseline gap-2" : "inline-flex items-baseline gap-2"}>
      <span className="font-mono text-xs font-semibold text-zinc-700">{entry.method}</span>
      <span className={`font-mono text-xs text-zinc-900 ${truncate ? "truncate" : "break-all"}`} title={truncate ? entry.path : undefined}>
        {entry.path}
      </span>
    </span>
  );
}

export function KeyName({ entry }: { entry: Pick<ApiRequestLogEntry, "key" | "mode"> }) {
  return <code className="font-mono text-xs whitespace-nowrap text-zinc-700">{keyLabel(entry.key)}</code>;
}

/** req_8fJq…x2Lp: enough to tell rows apart; the copy button and the detail have the whole id. */
function shortId(id: string): string {
  return id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

export function RequestIdWithCopy({ id, short = false }: { id: string; short?: boolean }) {
  return (
    <span className="inline-flex items-center gap-1">
      <code className="font-mono text-xs whitespace-nowrap text-zinc-600" title={short ? id : undefined}>
        {short ? shortId(id) : id}
      </code>
      <CopyButton value={id} label={`request id ${id}`} compact />
    </span>
  );
}
