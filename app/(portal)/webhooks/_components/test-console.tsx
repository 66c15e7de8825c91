"use client";

import { useMutation } from "@tanstack/react-query";
import { Send } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { CopyButton } from "@/components/ui/copy-field";
import { headerLines } from "./header-lines";
import { Field } from "@/components/ui/field";
import { ApiError, apiFetch } from "@/lib/client/api";
import { EVENT_TYPES } from "@/lib/webhooks/event-types";
import { EVENT_CATALOG_HREF } from "./queries";
import { useRefreshWebhooks } from "./use-refresh-webhooks";

type TestResult = {
  delivered: boolean;
  status_code: number;
  response_time_ms: number;
  response_body: string;
  message_id: string;
  request_headers: Record<string, string> | null;
  request_body: string;
};

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

export function TestConsole() {
  const refresh = useRefreshWebhooks();
  const [eventType, setEventType] = useState<string>(EVENT_TYPES[0].type);
  const [payload, setPayload] = useState(pretty(EVENT_TYPES[0].example));
  const [jsonError, setJsonError] = useState<string | null>(null);

  const send = useMutation({
    mutationFn: (body: { event_type: string; payload: Record<string, unknown> }) => apiFetch<TestResult>("/api/v1/auth/tenants/webhooks/test/", { body }),
    onSettled: () => {
      refresh();
    },
  });

  const selected = EVENT_TYPES.find((event) => event.type === eventType) ?? EVENT_TYPES[0];

  function pickEvent(type: string) {
    setEventType(type);
    setPayload(pretty(EVENT_TYPES.find((event) => event.type === type)?.example ?? {}));
    setJsonError(null);
  }

  function onSend() {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch (error) {
      setJsonError(`Not valid JSON: ${(error as Error).message}`);
      return;
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      setJsonError("The payload must be a JSON object.");
      return;
    }
    setJsonError(null);
    send.mutate({ event_type: eventType, payload: parsed as Record<string, unknown> });
  }

  const result = send.data;
  const failure = send.error instanceof ApiError ? send.error : null;
  return (
    <Card
      title="Test console"
      description='Send one signed event to your endpoint now and see exactly what came back. Test events carry "test": true.'
    >
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="space-y-3">
          <Field id="test-event-type" label="Event type" hint={selected.description}>
            <select
              id="test-event-type"
              value={eventType}
              onChange={(event) => pickEvent(event.target.value)}
              className="h-10 w-full rounded-md border border-zinc-300 bg-white px-3 font-mono text-sm"
            >
              {EVENT_TYPES.map((event) => (
                <option key={event.type} value={event.type}>
                  {event.type}
                </option>
              ))}
            </select>
          </Field>
          <Field id="test-payload" label="Payload (the event's data)" error={jsonError ?? undefined}>
            <textarea
              id="test-payload"
              value={payload}
              onChange={(event) => setPayload(event.target.value)}
              rows={10}
              spellCheck={false}
              aria-invalid={jsonError ? true : undefined}
              className="block w-full rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none"
            />
          </Field>
          <details className="rounded-md border border-zinc-200 text-sm" data-testid="event-schema">
            <summary className="cursor-pointer px-3 py-2 font-medium text-zinc-700">
              Schema of <code className="font-mono">{selected.type}</code> data
            </summary>
            <div className="relative border-t border-zinc-200">
              <ScrollRegion as="pre" label={`JSON Schema of ${selected.type} data`} className="max-h-64 overflow-auto bg-zinc-50 p-3 pr-10 font-mono text-xs text-zinc-800">
                {pretty(selected.schema)}
              </ScrollRegion>
              <CopyButton value={pretty(selected.schema)} label={`JSON Schema of ${selected.type} data`} compact className="absolute top-1.5 right-1.5" />
            </div>
          </details>
          <p className="text-sm text-zinc-500">
            The payload starts as the type&apos;s example.{" "}
            <Link href={`${EVENT_CATALOG_HREF}#${selected.type}`} className="font-medium text-indigo-700 hover:underline">
              Every event type in the catalog
            </Link>
          </p>
          <Button onClick={onSend} pending={send.isPending}>
            <Send aria-hidden className="size-4" />
            Send test event
          </Button>
        </div>
        <div className="min-w-0 space-y-3 text-sm" aria-live="polite" data-testid="test-result">
          {!result && !failure ? (
            <p className="rounded-md border border-dashed border-zinc-300 p-4 text-zinc-500">The response from your endpoint appears here.</p>
          ) : null}
          {failure ? (
            <div className="rounded-md border border-red-200 bg-red-50 p-4 text-red-800" role="alert">
              <p className="font-medium">{failure.code === "webhook_timeout" ? "Timed out" : failure.code === "webhook_unreachable" ? "Unreachable" : "Not sent"}</p>
              <p>{failure.message}</p>
              {typeof (failure.details as { response_time_ms?: unknown } | undefined)?.response_time_ms === "number" ? (
                <p className="mt-1 tabular-nums">after {(failure.details as { response_time_ms: number }).response_time_ms} ms</p>
              ) : null}
            </div>
          ) : null}
          {result ? (
            <>
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={result.delivered ? "green" : "red"}>{result.delivered ? "delivered" : "not accepted"}</Badge>
                <span className="font-mono tabular-nums" data-testid="test-status-code">
                  HTTP {result.status_code}
                </span>
                <span className="text-zinc-500 tabular-nums" data-testid="test-response-time">
                  {result.response_time_ms} ms
                </span>
              </div>
              <div>
                <div className="mb-1 flex items-center justify-between gap-2">
                  <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">Response body</p>
                  {result.response_body ? <CopyButton value={result.response_body} label="the response body" compact /> : null}
                </div>
                <ScrollRegion as="pre" label="Response body" className="max-h-48 overflow-auto rounded-md bg-zinc-900 p-3 font-mono text-xs text-zinc-100">
                  {result.response_body || "(empty)"}
                </ScrollRegion>
              </div>
              {result.request_headers ? (
                <div>
                  <div className="mb-1 flex items-center justify-between gap-2">
                    <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">Headers sent</p>
                    <CopyButton value={headerLines(result.request_headers)} label="the headers sent" compact />
                  </div>
                  <ScrollRegion as="pre" label="Headers sent" className="overflow-auto rounded-md bg-zinc-100 p-3 font-mono text-xs text-zinc-800">
                    {headerLines(result.request_headers)}
                  </ScrollRegion>
                </div>
              ) : null}
              <div>
                <div className="mb-1 flex items-center justify-between gap-2">
                  <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">Body sent (the exact bytes signed)</p>
                  <CopyButton value={result.request_body} label="the signed body" compact />
                </div>
                <ScrollRegion as="pre" label="Body sent, as signed" className="max-h-48 overflow-auto rounded-md bg-zinc-100 p-3 font-mono text-xs break-all whitespace-pre-wrap text-zinc-800">
                  <span data-testid="test-signed-body">{result.request_body}</span>
                </ScrollRegion>
                <p className="mt-1 text-xs text-zinc-500">
                  The signature covers <code className="font-mono">webhook-id.webhook-timestamp.body</code>: verify the raw body as received, before any JSON parsing.
                </p>
              </div>
            </>
          ) : null}
        </div>
      </div>
    </Card>
  );
}
