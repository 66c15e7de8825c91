import { prisma } from "@/lib/db";
import { jsonRows } from "@/lib/db-json-rows";
import { errorMessage, log } from "@/lib/log";
import { WEBHOOK_ATTEMPT_STATE, WEBHOOK_MESSAGE_STATUS } from "@/lib/statuses";

/** A first attempt the receiver accepted, as its attempt and its message record it. */
export type DeliveredAttempt = {
  attemptId: string;
  leaseOwner: string;
  messageId: string;
  url: string;
  startedAt: Date;
  finishedAt: Date;
  statusCode: number;
  durationMs: number;
  responseBody: string | null;
  requestHeaders: string;
};

const COLUMNS = {
  attemptId: "text",
  leaseOwner: "text",
  messageId: "text",
  url: "text",
  startedAt: "timestamp",
  finishedAt: "timestamp",
  statusCode: "integer",
  durationMs: "integer",
  responseBody: "text",
  requestHeaders: "text",
} as const;

/**
 * Records accepted deliveries, any number of them, as two statements in one
 * transaction: each attempt this worker still holds becomes succeeded, and
 * each message becomes delivered, once (a message another attempt already
 * delivered keeps that delivery). Every column is qualified: SQLite's
 * json_each has an `id` of its own.
 */
export async function recordDeliveredAttempts(delivered: DeliveredAttempt[]): Promise<void> {
  if (delivered.length === 0) return;
  const rows = jsonRows("delivered", COLUMNS, delivered);
  const c = rows.column;
  await prisma.$transaction([
    prisma.$executeRaw`UPDATE "WebhookAttempt" SET "state" = ${WEBHOOK_ATTEMPT_STATE.succeeded}, "url" = ${c("url")}, "startedAt" = ${c("startedAt")},
      "statusCode" = ${c("statusCode")}, "durationMs" = ${c("durationMs")}, "responseBody" = ${c("responseBody")}, "error" = NULL,
      "finishedAt" = ${c("finishedAt")}, "requestHeaders" = ${c("requestHeaders")}, "leaseUntil" = NULL
      FROM ${rows.from}
      WHERE "WebhookAttempt"."id" = ${c("attemptId")} AND "WebhookAttempt"."leaseOwner" = ${c("leaseOwner")} AND "WebhookAttempt"."state" = ${WEBHOOK_ATTEMPT_STATE.inFlight}`,
    prisma.$executeRaw`UPDATE "WebhookMessage" SET "status" = ${WEBHOOK_MESSAGE_STATUS.delivered}, "deliveredAt" = ${c("finishedAt")}, "nextAttemptAt" = NULL,
      "attemptCount" = "WebhookMessage"."attemptCount" + 1, "lastAttemptAt" = ${c("finishedAt")}, "lastStatusCode" = ${c("statusCode")}
      FROM ${rows.from}
      WHERE "WebhookMessage"."id" = ${c("messageId")} AND "WebhookMessage"."status" <> ${WEBHOOK_MESSAGE_STATUS.delivered}`,
  ]);
}

/**
 * Collects a batch's accepted deliveries and records them while the batch
 * goes on: one write at a time, each taking everything that arrived while the
 * previous one ran. An idle worker records a delivery at once; a busy one
 * records many per write. A write that fails is logged and left: the
 * attempts stay leased to this worker, and once the lease runs out they are
 * sent again (delivery is at least once).
 */
export function createDeliveredRecorder() {
  let pending: DeliveredAttempt[] = [];
  let writing: Promise<void> | null = null;
  const writeAll = async () => {
    while (pending.length > 0) {
      const rows = pending;
      pending = [];
      try {
        await recordDeliveredAttempts(rows);
      } catch (error) {
        log.error({ attempts: rows.map((row) => row.attemptId), error: errorMessage(error) }, "delivered webhook attempts could not be recorded");
      }
    }
    writing = null;
  };
  return {
    add(row: DeliveredAttempt) {
      pending.push(row);
      writing ??= writeAll();
    },
    /** Resolves once everything added so far is written (or logged as failed). */
    async flush() {
      while (writing) await writing;
    },
  };
}

export type DeliveredRecorder = ReturnType<typeof createDeliveredRecorder>;
