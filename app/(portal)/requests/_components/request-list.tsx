"use client";

import { RowDetailsButton } from "@/components/list/row-details-button";
import { ExactTime } from "@/components/payments/exact-time";
import { IdWithCopy } from "@/components/ui/copy-field";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { ApiRequestLogEntry } from "@/lib/schemas/api-traffic";
import { cn } from "@/lib/utils";
import { KeyName, MethodPath, StatusBadge } from "./request-bits";

type ListProps = { entries: ApiRequestLogEntry[]; locale: string; onOpen: (id: string) => void };

const cell = "px-3 first:pl-5 last:pr-5";

/** A row opens the request (its details button is the keyboard's way in); on a phone each row is a card. */
export function RequestList({ entries, locale, onOpen }: ListProps) {
  return (
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
            <Td className={cell} label="Time">
              <ExactTime date={entry.created_at} locale={locale} />
            </Td>
            <Td className={cn(cell, "min-w-0")} label="Request">
              <MethodPath entry={entry} truncate />
              {entry.error_code ? <span className="mt-0.5 block font-mono text-xs text-zinc-500">{entry.error_code}</span> : null}
            </Td>
            <Td className={cell} label="Status">
              <StatusBadge status={entry.status} />
            </Td>
            <Td className={cell} label="Key">
              <KeyName entry={entry} />
            </Td>
            <Td className={cn(cell, "text-right tabular-nums text-zinc-700")} label="Latency">
              {entry.latency_ms} ms
            </Td>
            <Td className={cell} label="Request id">
              <IdWithCopy id={entry.request_id} label="request id" short />
            </Td>
            <Td className={cn(cell, "text-right")} actions>
              <RowDetailsButton id={entry.request_id} onOpen={onOpen} />
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
