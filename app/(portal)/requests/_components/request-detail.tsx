"use client";

import { useQuery } from "@tanstack/react-query";
import { Loader2 } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { fetchRequest, requestDetailKey } from "@/components/api-traffic/queries";
import { keyLabel, requestsHref, usageHref } from "@/components/api-traffic/traffic-filters";
import { ExactTime } from "@/components/payments/exact-time";
import { Badge } from "@/components/ui/badge";
import { CopyButton, CopyField } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import { ApiError } from "@/lib/client/api";
import type { ApiRequestLogEntry } from "@/lib/schemas/api-traffic";
import { MethodPath, StatusBadge } from "./request-bits";

function Row({ label, children, copy }: { label: string; children: ReactNode; copy?: { value: string; label: string } }) {
  return (
    <div className="grid grid-cols-[7rem_1fr_auto] items-baseline gap-x-3 border-b border-zinc-100 py-2 text-sm last:border-b-0">
      <dt className="text-zinc-500">{label}</dt>
      <dd className="min-w-0 text-zinc-900">{children}</dd>
      <dd>{copy ? <CopyButton value={copy.value} label={copy.label} compact /> : null}</dd>
    </div>
  );
}

const link = "font-medium text-indigo-600 hover:underline";

function Detail({ entry, locale }: { entry: ApiRequestLogEntry; locale: string }) {
  return (
    <div className="space-y-4" data-testid="request-detail" data-request={entry.request_id} data-status={entry.status}>
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={entry.status} />
        <MethodPath entry={entry} />
        {entry.mode === "test" ? <Badge tone="amber">Test</Badge> : <Badge tone="accent">Live</Badge>}
      </div>
      <CopyField value={entry.request_id} label="Request ID" />
      <dl>
        <Row label="Time" copy={{ value: entry.created_at, label: "the time" }}>
          <ExactTime date={entry.created_at} locale={locale} />
          <span className="block font-mono text-xs text-zinc-500">{entry.created_at}</span>
        </Row>
        <Row label="Status">
          <span className="tabular-nums">{entry.status}</span>
        </Row>
        <Row label="Error code" copy={entry.error_code ? { value: entry.error_code, label: "the error code" } : undefined}>
          {entry.error_code ? <code className="font-mono text-xs">{entry.error_code}</code> : <span className="text-zinc-500">none</span>}
        </Row>
        <Row label="Method">
          <code className="font-mono text-xs">{entry.method}</code>
        </Row>
        <Row label="Path" copy={{ value: entry.path, label: "the path" }}>
          <code className="font-mono text-xs break-all">{entry.path}</code>
        </Row>
        <Row label="Route" copy={{ value: entry.route, label: "the route" }}>
          <code className="block font-mono text-xs break-all">{entry.route}</code>
          <Link href={requestsHref({ route: entry.route })} className={`text-xs ${link}`}>
            Requests to this route
          </Link>
        </Row>
        <Row label="Latency">
          <span className="tabular-nums">{entry.latency_ms} ms</span>
        </Row>
        <Row label="Key" copy={{ value: keyLabel(entry.key), label: "the key's name" }}>
          <code className="block font-mono text-xs">{keyLabel(entry.key)}</code>
          <span className="flex flex-wrap gap-x-3 text-xs">
            <Link href={requestsHref({ key: entry.key.id })} className={link}>
              Requests with this key
            </Link>
            <Link href={usageHref({ key: entry.key.id })} className={link}>
              Its usage
            </Link>
          </span>
        </Row>
        <Row label="Mode">{entry.mode}</Row>
        <Row label="IP address" copy={entry.ip ? { value: entry.ip, label: "the IP address" } : undefined}>
          {entry.ip ? <code className="font-mono text-xs">{entry.ip}</code> : <span className="text-zinc-500">not recorded</span>}
        </Row>
        <Row label="User agent" copy={entry.user_agent ? { value: entry.user_agent, label: "the user agent" } : undefined}>
          {entry.user_agent ? <code className="font-mono text-xs break-all">{entry.user_agent}</code> : <span className="text-zinc-500">not sent</span>}
        </Row>
      </dl>
      <p className="text-xs text-zinc-500">Bodies and secrets are never logged: this is everything kept about the request, for 7 days.</p>
    </div>
  );
}

/** A side sheet over the log: reachable by URL (?request=req_…), so a request id quoted in an error leads straight here. */
export function RequestDetailPanel({ requestId, onClose, locale }: { requestId: string | null; onClose: () => void; locale: string }) {
  const query = useQuery({
    queryKey: requestDetailKey(requestId ?? ""),
    queryFn: () => fetchRequest(requestId!),
    enabled: requestId !== null,
    // A 404 is an answer, not a hiccup: asking again would only delay saying so.
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
  const notFound = query.error instanceof ApiError && (query.error.status === 404 || query.error.code === "validation_error");

  return (
    <Dialog open={requestId !== null} onOpenChange={(open) => (open ? null : onClose())} title="Request details" description={requestId ?? undefined} placement="side">
      {query.isPending ? (
        <div className="flex items-center gap-2 py-10 text-sm text-zinc-500" aria-busy="true">
          <Loader2 aria-hidden className="size-4 animate-spin" />
          Loading the request…
        </div>
      ) : notFound ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" role="alert" data-testid="request-not-found">
          <p className="font-medium">No request {requestId} in this tenant&apos;s log</p>
          <p className="mt-1">
            Check the id (it starts with <code className="font-mono">req_</code>, as in the <code className="font-mono">Request-Id</code> header). The log keeps the last 7 days of
            requests made with this tenant&apos;s secret keys; a request from the last few seconds can take up to 5 seconds to appear.
          </p>
        </div>
      ) : query.isError ? (
        <p className="text-sm text-red-600" role="alert">
          The request could not be loaded: {query.error.message}
        </p>
      ) : (
        <Detail entry={query.data} locale={locale} />
      )}
    </Dialog>
  );
}
