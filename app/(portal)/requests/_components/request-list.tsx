"use client";

import { RowDetailsButton } from "@/components/list/row-details-button";
import { ExactTime } from "@/components/payments/exact-time";
import { Button } from "@/components/ui/button";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { ApiRequestLogEntry } from "@/lib/schemas/api-traffic";
import { cn } from "@/lib/utils";
import { KeyName, MethodPath, RequestIdWithCopy, StatusBadge } from "./request-bits";

type ListProps = { entries: ApiRequestLogEntry[]; locale: string; onOpen: (id: string) => void };

const cell = "px-3 first:pl-5 last:pr-5";

/** Wide screens: a table; a row opens the request (its chevron button is the keyboard's way in). */
function RequestsTable({ entries, locale, onOpen }: ListProps) {
  return (
    <div className="hidden md:block">
      <Table label="Requests" className="min-w-[720px] table-fixed">
        <colgroup>
          <col className="w-[150px]" />
          <col />
          <col className="w-[72px]" />
          <col className="w-[130px]" />
          <col className="w-[80px]" />
          <col className="w-[170px]" />
          <col className="w-[56px]" />
        </colgroup>
        <thead>
          <tr>
            <Th className={cell}>Time</Th>
            <Th className={cell}>Request</Th>
            <Th className={cell}>Status</Th>
            <Th className={cell}>Key</Th>
            <Th className={cn(cell, "text-right")}>Latency</Th>
            <Th className={cell}>Request id</Th>
            <Th className={cell}>
              <span className="sr-only">Details</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <Tr
              key={entry.request_id}
              data-testid="request-row"
              data-request={entry.request_id}
              data-status={entry.status}
              className="cursor-pointer"
              onClick={() => onOpen(entry.request_id)}
            >
              <Td className={cell}>
                <ExactTime date={entry.created_at} locale={locale} />
              </Td>
              <Td className={cn(cell, "min-w-0")}>
                <MethodPath entry={entry} truncate />
                {entry.error_code ? <span className="mt-0.5 block font-mono text-xs text-zinc-500">{entry.error_code}</span> : null}
              </Td>
              <Td className={cell}>
                <StatusBadge status={entry.status} />
              </Td>
              <Td className={cell}>
                <KeyName entry={entry} />
              </Td>
              <Td className={cn(cell, "text-right tabular-nums text-zinc-700")}>{entry.latency_ms} ms</Td>
              <Td className={cell}>
                <RequestIdWithCopy id={entry.request_id} short />
              </Td>
              <Td className={cn(cell, "text-right")}>
                <RowDetailsButton id={entry.request_id} onOpen={onOpen} />
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

/** Phones: the same facts and actions as stacked cards, instead of a table to scroll sideways. */
function RequestCards({ entries, locale, onOpen }: ListProps) {
  return (
    <ul className="space-y-3 md:hidden" aria-label="Requests">
      {entries.map((entry) => (
        <li key={entry.request_id} data-testid="request-card" data-request={entry.request_id} data-status={entry.status} className="rounded-md border border-zinc-200 p-3">
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <MethodPath entry={entry} />
              {entry.error_code ? <span className="mt-0.5 block font-mono text-xs text-zinc-500">{entry.error_code}</span> : null}
            </div>
            <StatusBadge status={entry.status} />
          </div>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-zinc-500">Time</dt>
            <dd className="text-right">
              <ExactTime date={entry.created_at} locale={locale} />
            </dd>
            <dt className="text-zinc-500">Key</dt>
            <dd className="text-right">
              <KeyName entry={entry} />
            </dd>
            <dt className="text-zinc-500">Latency</dt>
            <dd className="text-right tabular-nums">{entry.latency_ms} ms</dd>
          </dl>
          <div className="mt-2 flex flex-wrap items-center justify-between gap-2 border-t border-zinc-100 pt-2">
            <RequestIdWithCopy id={entry.request_id} short />
            <Button size="sm" variant="secondary" aria-label={`Details of ${entry.request_id}`} onClick={() => onOpen(entry.request_id)}>
              Details
            </Button>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function RequestList(props: ListProps) {
  return (
    <>
      <RequestsTable {...props} />
      <RequestCards {...props} />
    </>
  );
}
