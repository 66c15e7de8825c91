// snake_case views of webhook rows, shared by every webhook endpoint.

import { redactUrl } from "@/lib/audit/redact";
import { asStatus, WEBHOOK_ATTEMPT_STATE, WEBHOOK_ATTEMPT_TRIGGER, WEBHOOK_MESSAGE_STATUS } from "@/lib/statuses";

type AttemptRow = {
  id: string;
  attemptNumber: number;
  trigger: string;
  state: string;
  dueAt: Date;
  url: string | null;
  requestHeaders: string | null;
  statusCode: number | null;
  durationMs: number | null;
  responseBody: string | null;
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
};

type MessageRow = {
  id: string;
  eventType: string;
  body: string;
  status: string;
  attemptCount: number;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
  attempts?: AttemptRow[];
};

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toAttemptView(attempt: AttemptRow) {
  return {
    id: attempt.id,
    attempt_number: attempt.attemptNumber,
    trigger: asStatus(WEBHOOK_ATTEMPT_TRIGGER, attempt.trigger),
    state: asStatus(WEBHOOK_ATTEMPT_STATE, attempt.state),
    due_at: attempt.dueAt.toISOString(),
    url: attempt.url ? redactUrl(attempt.url) : null,
    request_headers: attempt.requestHeaders ? (JSON.parse(attempt.requestHeaders) as Record<string, string>) : null,
    status_code: attempt.statusCode,
    duration_ms: attempt.durationMs,
    response_body: attempt.responseBody,
    error: attempt.error,
    started_at: iso(attempt.startedAt),
    finished_at: iso(attempt.finishedAt),
  };
}
export type AttemptView = ReturnType<typeof toAttemptView>;

export function toMessageView(message: MessageRow) {
  return {
    id: message.id,
    event_type: message.eventType,
    status: asStatus(WEBHOOK_MESSAGE_STATUS, message.status),
    body: JSON.parse(message.body) as { type: string; timestamp: string; test?: boolean; data: unknown },
    attempt_count: message.attemptCount,
    last_attempt_at: iso(message.lastAttemptAt),
    last_status_code: message.lastStatusCode,
    next_attempt_at: iso(message.nextAttemptAt),
    delivered_at: iso(message.deliveredAt),
    created_at: message.createdAt.toISOString(),
    attempts: (message.attempts ?? []).map(toAttemptView),
  };
}
export type MessageView = ReturnType<typeof toMessageView>;
