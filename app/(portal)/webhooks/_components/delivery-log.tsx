"use client";

import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { History, RotateCw } from "lucide-react";
import { useState } from "react";
import { Badge, messageStatusTone, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton, IdWithCopy } from "@/components/ui/copy-field";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { Dialog } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { useToast } from "@/components/ui/toaster";
import { apiFetch } from "@/lib/client/api";
import type { AttemptView, MessageView } from "@/lib/webhooks/views";
import { headerLines } from "./header-lines";
import { DELIVERIES_PATH, DELIVERIES_QUERY, fetchDeliveries, type DeliveriesPage } from "./queries";
import { RecoverDialog } from "./recover-dialog";
import { useRefreshWebhooks } from "./use-refresh-webhooks";
import { WEBHOOK_ATTEMPT_STATE, WEBHOOK_MESSAGE_STATUS, type WebhookMessageStatus } from "@/lib/statuses";

const MESSAGE_STATUS_LABELS: Record<WebhookMessageStatus, string> = {
  delivered: "Delivered",
  failing: "Failing (retry scheduled)",
  failed: "Failed",
  pending: "Pending",
};

const ATTEMPT_TONE: Record<string, BadgeTone> = { succeeded: "green", failed: "red", pending: "grey", in_flight: "accent", cancelled: "grey" };

function AttemptDetail({ attempt }: { attempt: AttemptView }) {
  const headers = attempt.request_headers ? headerLines(attempt.request_headers) : null;
  return (
    <li className="rounded-md border border-zinc-200 p-3" data-testid="attempt-detail">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">Attempt {attempt.attempt_number}</span>
        <Badge tone={ATTEMPT_TONE[attempt.state] ?? "grey"}>{attempt.state}</Badge>
        <span className="text-zinc-500">{attempt.trigger}</span>
        {attempt.status_code ? <span className="font-mono tabular-nums">HTTP {attempt.status_code}</span> : null}
        {attempt.duration_ms !== null ? <span className="text-zinc-500 tabular-nums">{attempt.duration_ms} ms</span> : null}
        <span className="text-zinc-500">
          {attempt.state === WEBHOOK_ATTEMPT_STATE.pending ? (
            <>
              due <RelativeTime date={attempt.due_at} />
            </>
          ) : (
            <RelativeTime date={attempt.finished_at ?? attempt.started_at} />
          )}
        </span>
      </div>
      {attempt.error ? <p className="mt-1 text-sm text-red-700">{attempt.error}</p> : null}
      {headers ? (
        <div className="mt-2 flex items-start gap-1">
          <ScrollRegion as="pre" label={`Request headers of attempt ${attempt.attempt_number}`} className="min-w-0 flex-1 overflow-x-auto rounded bg-zinc-100 p-2 font-mono text-xs">
            {headers}
          </ScrollRegion>
          <CopyButton value={headers} label={`request headers of attempt ${attempt.attempt_number}`} compact />
        </div>
      ) : null}
      {attempt.response_body ? (
        <div className="mt-2 flex items-start gap-1">
          <ScrollRegion as="pre" label={`Response body of attempt ${attempt.attempt_number}`} className="max-h-32 min-w-0 flex-1 overflow-auto rounded bg-zinc-900 p-2 font-mono text-xs text-zinc-100">
            {attempt.response_body}
          </ScrollRegion>
          <CopyButton value={attempt.response_body} label={`response body of attempt ${attempt.attempt_number}`} compact />
        </div>
      ) : null}
    </li>
  );
}

export function DeliveryLog({ initial, configured }: { initial: DeliveriesPage; configured: boolean }) {
  const refresh = useRefreshWebhooks();
  const toast = useToast();
  const [status, setStatus] = useState("");
  const [openId, setOpenId] = useState<string | null>(null);
  const [recovering, setRecovering] = useState(false);

  const query = useInfiniteQuery({
    queryKey: [...DELIVERIES_QUERY, status],
    queryFn: ({ pageParam }) => fetchDeliveries(status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    initialData: status === "" ? { pages: [initial], pageParams: [undefined] } : undefined,
    // Scheduled retries change state on their own: keep the log current while the page is open.
    refetchInterval: 5_000,
  });
  const messages = query.data?.pages.flatMap((page) => page.data) ?? [];
  const open = messages.find((message) => message.id === openId) ?? null;

  const retry = useMutation({
    mutationFn: (id: string) => apiFetch<{ message: MessageView; attempt: AttemptView }>(`${DELIVERIES_PATH}${id}/retry/`, { body: {} }),
    onSuccess: (result) => {
      refresh();
      toast({
        title: result.attempt.state === WEBHOOK_ATTEMPT_STATE.succeeded ? "Delivered" : "Retry failed",
        description: result.attempt.status_code ? `Your endpoint answered ${result.attempt.status_code}.` : (result.attempt.error ?? undefined),
      });
    },
  });

  return (
    <Card
      title="Deliveries"
      description="Every event sent to your endpoint, newest first, with each attempt."
      actions={
        <>
          <label htmlFor="delivery-status" className="text-sm text-zinc-600">
            Status
          </label>
          <select
            id="delivery-status"
            value={status}
            onChange={(event) => setStatus(event.target.value)}
            className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm"
          >
            <option value="">All</option>
            {Object.values(WEBHOOK_MESSAGE_STATUS).map((value) => (
              <option key={value} value={value}>
                {MESSAGE_STATUS_LABELS[value]}
              </option>
            ))}
          </select>
          <Button size="sm" variant="secondary" disabled={!configured} onClick={() => setRecovering(true)}>
            <History aria-hidden className="size-4" />
            Recover failed messages
          </Button>
        </>
      }
    >
      {messages.length === 0 ? (
        <div className="py-8 text-center">
          <p className="font-medium text-zinc-900">No deliveries{status ? ` with status ${status}` : ""} yet</p>
          <p className="mt-1 text-sm text-zinc-500">
            {status
              ? "The filter hides deliveries with other statuses."
              : configured
                ? "Send a test event, or change something (for example regenerate test API keys)."
                : "Add an endpoint to start receiving events."}
          </p>
          {/* The action itself lives in another card above: take the person to its first field. */}
          <Button
            className="mt-4"
            size="sm"
            onClick={() => (status ? setStatus("") : document.getElementById(configured ? "test-event-type" : "webhook-url")?.focus())}
          >
            {status ? "Show all deliveries" : configured ? "Send a test event" : "Add an endpoint"}
          </Button>
        </div>
      ) : (
        <Table label="Deliveries">
          <thead>
            <tr>
              <Th>Status</Th>
              <Th>Event</Th>
              <Th>Attempts</Th>
              <Th>Last response</Th>
              <Th>Next retry</Th>
              <Th className="text-right">Actions</Th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <Tr key={message.id} data-testid="delivery-row" data-status={message.status} data-event={message.event_type}>
                <Td label="Status">
                  <Badge tone={messageStatusTone(message.status)}>{message.status}</Badge>
                </Td>
                <Td label="Event">
                  <p className="font-mono text-xs text-zinc-900">{message.event_type}</p>
                  <IdWithCopy id={message.id} label="message id" className="-my-1" />
                </Td>
                <Td className="tabular-nums" label="Attempts">
                  {message.attempt_count}
                </Td>
                <Td className="whitespace-nowrap" label="Last response">
                  {message.last_status_code ? <span className="font-mono tabular-nums">{message.last_status_code} </span> : message.last_attempt_at ? "no answer " : "—"}
                  {message.last_attempt_at ? (
                    <span className="text-zinc-500">
                      <RelativeTime date={message.last_attempt_at} />
                    </span>
                  ) : null}
                </Td>
                <Td className="whitespace-nowrap text-zinc-600" label="Next retry">
                  {message.next_attempt_at ? <RelativeTime date={message.next_attempt_at} /> : "—"}
                </Td>
                <Td className="text-right whitespace-nowrap" actions>
                  <Button size="sm" variant="ghost" onClick={() => setOpenId(message.id)} aria-label={`Details of ${message.id}`}>
                    Details
                  </Button>
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={!configured}
                    pending={retry.isPending && retry.variables === message.id}
                    onClick={() => retry.mutate(message.id)}
                    aria-label={`Retry ${message.id}`}
                  >
                    <RotateCw aria-hidden className="size-3.5" />
                    Retry
                  </Button>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      {retry.error ? (
        <p className="mt-3 text-sm text-red-600" role="alert">
          {retry.error.message}
        </p>
      ) : null}
      {query.hasNextPage ? (
        <div className="mt-4 text-center">
          <Button variant="secondary" size="sm" onClick={() => void query.fetchNextPage()} pending={query.isFetchingNextPage}>
            Load older deliveries
          </Button>
        </div>
      ) : null}

      {recovering ? <RecoverDialog onClose={() => setRecovering(false)} /> : null}

      <Dialog open={open !== null} onOpenChange={(next) => (next ? null : setOpenId(null))} title={open ? open.event_type : "Delivery"} description={
          open ? (
            <span className="flex flex-wrap items-center gap-x-2">
              Message <IdWithCopy id={open.id} label="message id" />
            </span>
          ) : undefined
        }>
        {open ? (
          <div className="space-y-4">
            <div>
              <div className="mb-1 flex items-center justify-between gap-2">
                <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">Request body</p>
                <CopyButton value={JSON.stringify(open.body, null, 2)} label={`request body of ${open.id}`} compact />
              </div>
              <ScrollRegion as="pre" label="Request body" className="max-h-56 overflow-auto rounded-md bg-zinc-900 p-3 font-mono text-xs text-zinc-100">
                {JSON.stringify(open.body, null, 2)}
              </ScrollRegion>
            </div>
            <ol className="space-y-2">
              {open.attempts.map((attempt) => (
                <AttemptDetail key={attempt.id} attempt={attempt} />
              ))}
            </ol>
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setOpenId(null)}>
                Close
              </Button>
              <Button disabled={!configured} pending={retry.isPending} onClick={() => retry.mutate(open.id)}>
                <RotateCw aria-hidden className="size-4" />
                Retry now
              </Button>
            </div>
          </div>
        ) : null}
      </Dialog>
    </Card>
  );
}
