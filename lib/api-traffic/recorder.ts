import { Prisma, prisma } from "@/lib/db";
import { jsonRows, type JsonColumnType } from "@/lib/db-json-rows";
import { isUniqueViolation } from "@/lib/db-errors";
import { LATENCY_COLUMNS } from "@/lib/api-traffic/latency-buckets";
import { requestOutcome, type ApiRequestRecord } from "@/lib/api-traffic/types";
import { addCounts, countRequest, emptyCounts, hourOf, minuteOf, type UsageCounts } from "@/lib/api-traffic/usage-buckets";
import { errorMessage, log } from "@/lib/log";
import { onShutdown } from "@/lib/health/shutdown";

/**
 * The platform API's traffic is recorded in memory and written in batches:
 * a request never waits for, or fails on, its own bookkeeping. A batch is
 * written at most every FLUSH_INTERVAL_MS, and once more when the server
 * process is told to stop, so a crash loses at most the last few seconds.
 */
export const FLUSH_INTERVAL_MS = 5_000;
/** While the database refuses writes, the buffer keeps at most this many log rows (and as many usage rows); newer ones are dropped. */
export const MAX_BUFFERED_ROWS = 100_000;
const MAX_USER_AGENT = 512;
const MAX_PATH = 2_048;

/** Answers that do not mean the key was used: it was refused before the request ran. */
const REFUSED_BEFORE_USE = new Set(["invalid_api_key", "publishable_key_not_allowed", "tenant_suspended", "rate_limited"]);

/** Counts of one key (by hash: a refused request may not know the key's id yet) × route × minute or hour. */
type PendingUsage = { hash: string; route: string; bucket: number; counts: UsageCounts };
type PendingLog = {
  id: string;
  hash: string;
  method: string;
  route: string;
  path: string;
  status: number;
  latencyMs: number;
  ip: string | null;
  userAgent: string | null;
  errorCode: string | null;
  createdAt: Date;
};
type Batch = { minutes: Map<string, PendingUsage>; hours: Map<string, PendingUsage>; logs: PendingLog[]; lastUsed: Map<string, Date> };

type State = {
  buffer: Batch;
  timer: NodeJS.Timeout | null;
  /** the flush in progress (or the last one), so flushes never overlap */
  chain: Promise<void>;
  failing: boolean;
  overflowWarned: boolean;
  shutdownHooked: boolean;
};

const emptyBatch = (): Batch => ({ minutes: new Map(), hours: new Map(), logs: [], lastUsed: new Map() });

// On globalThis: Next may load this module once for the route handlers and
// again for instrumentation, and development reloads it; one buffer per process.
const globalState = globalThis as typeof globalThis & { __portalApiTraffic?: State };
function state(): State {
  globalState.__portalApiTraffic ??= {
    buffer: emptyBatch(),
    timer: null,
    chain: Promise.resolve(),
    failing: false,
    overflowWarned: false,
    shutdownHooked: false,
  };
  return globalState.__portalApiTraffic;
}

const usageKey = (hash: string, route: string, bucket: number) => `${hash}\n${route}\n${bucket}`;
const batchIsEmpty = (batch: Batch) => batch.minutes.size === 0 && batch.hours.size === 0 && batch.logs.length === 0 && batch.lastUsed.size === 0;

function warnOverflowOnce(s: State) {
  if (s.overflowWarned) return;
  s.overflowWarned = true;
  log.warn({ max_rows: MAX_BUFFERED_ROWS }, "API traffic buffer full while the database refuses writes: newer request log rows and counts are dropped");
}

/** Adds counts under `key`, unless the map is full and `key` is new. */
function addUsage(s: State, map: Map<string, PendingUsage>, entry: PendingUsage): void {
  const key = usageKey(entry.hash, entry.route, entry.bucket);
  const existing = map.get(key);
  if (existing) addCounts(existing.counts, entry.counts);
  else if (map.size < MAX_BUFFERED_ROWS) map.set(key, entry);
  else warnOverflowOnce(s);
}

function noteLastUsed(map: Map<string, Date>, hash: string, at: Date) {
  const known = map.get(hash);
  if (!known || known < at) map.set(hash, at);
}

/**
 * Takes one answered platform API request for the request log, the usage
 * counters and the key's last_used_at. Never writes on the response path.
 */
export function recordApiRequest(record: ApiRequestRecord): void {
  try {
    const s = state();
    const outcome = requestOutcome(record.status, record.errorCode);
    const hash = record.key.hash;
    const counts = () => {
      const c = emptyCounts();
      countRequest(c, outcome, record.latencyMs);
      return c;
    };
    addUsage(s, s.buffer.minutes, { hash, route: record.route, bucket: minuteOf(record.at), counts: counts() });
    addUsage(s, s.buffer.hours, { hash, route: record.route, bucket: hourOf(record.at), counts: counts() });
    if (s.buffer.logs.length < MAX_BUFFERED_ROWS) {
      s.buffer.logs.push({
        id: record.requestId,
        hash,
        method: record.method,
        route: record.route,
        path: record.path.slice(0, MAX_PATH),
        status: record.status,
        latencyMs: Math.max(0, Math.round(record.latencyMs)),
        ip: record.ip,
        userAgent: record.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
        errorCode: record.errorCode,
        createdAt: record.at,
      });
    } else {
      warnOverflowOnce(s);
    }
    // A key the request authenticated with (its id found at admission) and that was not refused.
    if (record.key.id !== null && !(record.errorCode && REFUSED_BEFORE_USE.has(record.errorCode))) noteLastUsed(s.buffer.lastUsed, hash, record.at);
    scheduleFlush(s);
    installShutdownFlush(s);
  } catch (error) {
    log.error({ error: errorMessage(error) }, "could not record an API request");
  }
}

function scheduleFlush(s: State) {
  if (s.timer) return;
  s.timer = setTimeout(() => {
    s.timer = null;
    flushApiTraffic()
      .catch(() => undefined) // logged by the flush; the buffer is kept for the next tick
      .finally(() => {
        if (!batchIsEmpty(s.buffer)) scheduleFlush(s);
      });
  }, FLUSH_INTERVAL_MS);
  // Never keeps a process alive on its own: a stopping server flushes through the shutdown hook.
  s.timer.unref();
}

const COUNT_COLUMNS = ["requests", "succeeded", "clientErrors", "serverErrors", "rateLimited", ...LATENCY_COLUMNS] as const;
type CountColumn = (typeof COUNT_COLUMNS)[number];
const ROWS_PER_STATEMENT = 500;

const countColumnTypes = Object.fromEntries(COUNT_COLUMNS.map((column) => [column, "integer"])) as Record<CountColumn, "integer">;
const usageColumns = {
  minute: { keyId: "text", route: "text", minute: "integer", tenantId: "text", mode: "text", ...countColumnTypes },
  hour: { keyId: "text", route: "text", hour: "integer", tenantId: "text", mode: "text", ...countColumnTypes },
} as const satisfies Record<string, Record<string, JsonColumnType>>;

/**
 * Rows' counts added into the table, each row inserted or added to the row
 * another flush (or another instance) wrote first, as one statement for many
 * rows. The same SQL on SQLite and PostgreSQL: `WHERE true` is SQLite's way
 * to tell an INSERT … SELECT's ON CONFLICT from a join's ON.
 */
function upsertUsageSql(table: "ApiUsageMinute" | "ApiUsageHour", bucketColumn: "minute" | "hour", entries: { row: PendingUsage; key: ResolvedKey }[]): Prisma.Sql {
  const columns = usageColumns[bucketColumn];
  const names = Object.keys(columns) as (keyof typeof columns)[];
  const rows = jsonRows(
    "usage",
    columns,
    entries.map(({ row, key }) => {
      const c = row.counts;
      const counts: Record<string, unknown> = { requests: c.requests, succeeded: c.succeeded, clientErrors: c.clientErrors, serverErrors: c.serverErrors, rateLimited: c.rateLimited };
      LATENCY_COLUMNS.forEach((column, index) => (counts[column] = c.latency[index]));
      return { keyId: key.id, route: row.route, [bucketColumn]: row.bucket, tenantId: key.tenantId, mode: key.mode, ...counts };
    }),
  );
  const columnList = names.map((column) => `"${column}"`).join(", ");
  const additions = COUNT_COLUMNS.map((column) => `"${column}" = "${table}"."${column}" + excluded."${column}"`).join(", ");
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${Prisma.raw(columnList)}) SELECT ${Prisma.join(names.map((name) => rows.column(name)))} FROM ${rows.from} WHERE true
    ON CONFLICT ("keyId", "route", ${Prisma.raw(`"${bucketColumn}"`)}) DO UPDATE SET ${Prisma.raw(additions)}`;
}

/** Moves a key's last use forward (never back: a slower instance's older batch may arrive later), for many keys at once. */
function touchLastUsedSql(entries: { keyId: string; at: Date }[]): Prisma.Sql {
  const rows = jsonRows("used", { keyId: "text", at: "timestamp" }, entries);
  const c = rows.column;
  return Prisma.sql`UPDATE "ApiKey" SET "lastUsedAt" = ${c("at")} FROM ${rows.from}
    WHERE "ApiKey"."id" = ${c("keyId")} AND ("ApiKey"."lastUsedAt" IS NULL OR "ApiKey"."lastUsedAt" < ${c("at")})`;
}

type ResolvedKey = { id: string; tenantId: string; mode: string };

/** Keys by hash, from the database: a refused request may carry no id, and a key deleted since has no rows to count into. */
async function resolveKeys(batch: Batch): Promise<Map<string, ResolvedKey>> {
  const hashes = new Set<string>();
  for (const row of batch.minutes.values()) hashes.add(row.hash);
  for (const row of batch.hours.values()) hashes.add(row.hash);
  for (const row of batch.logs) hashes.add(row.hash);
  for (const hash of batch.lastUsed.keys()) hashes.add(hash);
  const resolved = new Map<string, ResolvedKey>();
  const list = [...hashes];
  for (let i = 0; i < list.length; i += ROWS_PER_STATEMENT) {
    const keys = await prisma.apiKey.findMany({ where: { keyHash: { in: list.slice(i, i + ROWS_PER_STATEMENT) } }, select: { id: true, tenantId: true, mode: true, keyHash: true } });
    for (const key of keys) resolved.set(key.keyHash, { id: key.id, tenantId: key.tenantId, mode: key.mode });
  }
  return resolved;
}

/**
 * Writes a batch, removing from it what is written: on a failure the rest is
 * handed back to the buffer for the next flush, and nothing is written twice.
 * Minute rows and hour rows are both upserted here: the hour rows are the
 * rollup, kept current as the minutes arrive rather than computed later.
 */
async function writeBatch(batch: Batch): Promise<void> {
  const keys = await resolveKeys(batch);
  // Hashes that match no key (deleted since, or never ours) are dropped.
  for (const [table, bucketColumn, pending] of [
    ["ApiUsageMinute", "minute", batch.minutes],
    ["ApiUsageHour", "hour", batch.hours],
  ] as const) {
    const all = [...pending];
    for (let i = 0; i < all.length; i += ROWS_PER_STATEMENT) {
      const chunk = all.slice(i, i + ROWS_PER_STATEMENT);
      const entries = chunk.flatMap(([, row]) => {
        const key = keys.get(row.hash);
        return key ? [{ row, key }] : [];
      });
      if (entries.length > 0) await prisma.$executeRaw(upsertUsageSql(table, bucketColumn, entries));
      for (const [mapKey] of chunk) pending.delete(mapKey);
    }
  }
  while (batch.logs.length > 0) {
    const chunk = batch.logs.slice(0, ROWS_PER_STATEMENT);
    const data = chunk.flatMap(({ hash, ...row }) => {
      const resolved = keys.get(hash);
      return resolved ? [{ ...row, keyId: resolved.id, tenantId: resolved.tenantId, mode: resolved.mode }] : [];
    });
    if (data.length > 0) await insertLogRows(data);
    batch.logs.splice(0, chunk.length);
  }
  const lastUsed = [...batch.lastUsed];
  for (let i = 0; i < lastUsed.length; i += ROWS_PER_STATEMENT) {
    const chunk = lastUsed.slice(i, i + ROWS_PER_STATEMENT);
    const entries = chunk.flatMap(([hash, at]) => {
      const resolved = keys.get(hash);
      return resolved ? [{ keyId: resolved.id, at }] : [];
    });
    if (entries.length > 0) await prisma.$executeRaw(touchLastUsedSql(entries));
    for (const [hash] of chunk) batch.lastUsed.delete(hash);
  }
}

const LOG_COLUMNS = {
  id: "text",
  tenantId: "text",
  keyId: "text",
  mode: "text",
  method: "text",
  route: "text",
  path: "text",
  status: "integer",
  latencyMs: "integer",
  ip: "text",
  userAgent: "text",
  errorCode: "text",
  createdAt: "timestamp",
} as const satisfies Record<string, JsonColumnType>;
const logColumnList = Object.keys(LOG_COLUMNS).map((column) => `"${column}"`).join(", ");

/** One INSERT for a chunk of log rows, whatever its size: the rows travel as one JSON parameter (lib/db-json-rows). */
function insertLogRowsSql(data: Prisma.ApiRequestLogCreateManyInput[]): Prisma.Sql {
  const rows = jsonRows("rows", LOG_COLUMNS, data.map((row) => ({ ...row, createdAt: new Date(row.createdAt) })));
  const fields = Prisma.join((Object.keys(LOG_COLUMNS) as (keyof typeof LOG_COLUMNS)[]).map((column) => rows.column(column)));
  return Prisma.sql`INSERT INTO "ApiRequestLog" (${Prisma.raw(logColumnList)}) SELECT ${fields} FROM ${rows.from}`;
}

/**
 * A request id is unique by construction: one already in the table was
 * written by a flush whose answer was lost. Such a chunk is written row by
 * row, skipping those, so it cannot block the log for good. (createMany's
 * skipDuplicates is refused on SQLite.)
 */
async function insertLogRows(data: Prisma.ApiRequestLogCreateManyInput[]) {
  try {
    await prisma.$executeRaw(insertLogRowsSql(data));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    for (const row of data) {
      await prisma.apiRequestLog.create({ data: row }).catch((rowError: unknown) => {
        if (!isUniqueViolation(rowError)) throw rowError;
      });
    }
  }
}

/** Puts what a failed flush did not write back in front of what arrived meanwhile. */
function restore(s: State, batch: Batch) {
  for (const row of batch.minutes.values()) addUsage(s, s.buffer.minutes, row);
  for (const row of batch.hours.values()) addUsage(s, s.buffer.hours, row);
  const logs = [...batch.logs, ...s.buffer.logs];
  if (logs.length > MAX_BUFFERED_ROWS) {
    warnOverflowOnce(s);
    logs.splice(MAX_BUFFERED_ROWS);
  }
  s.buffer.logs = logs;
  for (const [hash, at] of batch.lastUsed) noteLastUsed(s.buffer.lastUsed, hash, at);
}

async function flushOnce(s: State): Promise<void> {
  const batch = s.buffer;
  if (batchIsEmpty(batch)) return;
  s.buffer = emptyBatch();
  try {
    await writeBatch(batch);
  } catch (error) {
    restore(s, batch);
    if (!s.failing) log.warn({ error: errorMessage(error) }, "could not write API traffic; keeping it for the next flush");
    s.failing = true;
    throw error;
  }
  if (s.failing) log.info("API traffic writes recovered");
  s.failing = false;
  s.overflowWarned = false;
}

/**
 * Writes everything recorded so far (the timer calls it; tests and shutdown
 * call it directly). Flushes run one after another; each call's promise
 * settles once what was buffered at the call is written, or rejects with the
 * write's error (the buffer is kept).
 */
export function flushApiTraffic(): Promise<void> {
  const s = state();
  const run = s.chain.then(() => flushOnce(s));
  s.chain = run.catch(() => undefined);
  return run;
}

/**
 * A stopping server writes what it buffered before it exits, which also
 * records the requests that finished while the server closed.
 */
function installShutdownFlush(s: State) {
  if (s.shutdownHooked) return;
  s.shutdownHooked = true;
  onShutdown("writing buffered API traffic", flushApiTraffic);
}
