"use client";

import { outcomeLabel, statusTone } from "@/components/api-traffic/outcomes";
import { keyLabel, statusClass } from "@/components/api-traffic/traffic-filters";
import { Badge } from "@/components/ui/badge";
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
      <span className={`font-mono text-xs text-zinc-900 ${truncate ? "truncate max-md:break-all max-md:whitespace-normal" : "break-all"}`} title={truncate ? entry.path : undefined}>
        {entry.path}
      </span>
    </span>
  );
}

export function KeyName({ entry }: { entry: Pick<ApiRequestLogEntry, "key" | "mode"> }) {
  return <code className="font-mono text-xs whitespace-nowrap text-zinc-700">{keyLabel(entry.key)}</code>;
}
