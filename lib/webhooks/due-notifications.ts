import pg from "pg";
import { databaseTarget, type TransactionClient } from "@/lib/db";
import { errorMessage, log } from "@/lib/log";

/**
 * Workers in other processes (a fleet's `npm run worker`) learn of new due
 * attempts from PostgreSQL's LISTEN/NOTIFY instead of their next poll: the
 * notification is sent at commit, never for a rolled-back transaction, to
 * every listening process. SQLite is one process, whose in-process wake-up
 * (worker-signal) is enough; there both functions do nothing.
 */
export const DUE_CHANNEL = "webhook_attempts_due";
const RECONNECT_MS = 1_000;

/** Inside the transaction that made attempts due. PostgreSQL folds repeats within a transaction into one. */
export async function notifyAttemptsDue(tx: TransactionClient): Promise<void> {
  if (databaseTarget().provider !== "postgresql") return;
  await tx.$executeRaw`SELECT pg_notify(${DUE_CHANNEL}, '')`;
}

/**
 * Calls `onDue` for every notification, on a connection of its own. A lost
 * connection is retried every second, with one warning, and `onDue` is called
 * once it is back, for whatever became due meanwhile. Returns the stop.
 */
export function listenForDueAttempts(onDue: () => void): () => Promise<void> {
  const target = databaseTarget();
  if (target.provider !== "postgresql") return async () => undefined;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let stopped = false;
  let lost = false;

  const reconnectLater = (error: unknown) => {
    if (stopped || retry) return;
    if (!lost) log.warn({ error: errorMessage(error) }, "webhook worker lost its notification connection; polling until it is back");
    lost = true;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, RECONNECT_MS);
    retry.unref();
  };

  const connect = async () => {
    const connection = new pg.Client({ connectionString: target.url });
    connection.on("notification", onDue);
    connection.on("error", (error) => reconnectLater(error));
    connection.on("end", () => {
      if (client === connection) client = null;
      reconnectLater(new Error("connection ended"));
    });
    try {
      await connection.connect();
      await connection.query(`LISTEN ${DUE_CHANNEL}`);
    } catch (error) {
      void connection.end().catch(() => undefined);
      reconnectLater(error);
      return;
    }
    if (stopped) return void connection.end().catch(() => undefined);
    client = connection;
    if (lost) log.info("webhook worker's notification connection is back");
    lost = false;
    onDue();
  };

  void connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
    client = null;
  };
}
