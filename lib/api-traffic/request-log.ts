import { z } from "zod";
import { prisma, type Prisma } from "@/lib/db";
import { apiError, validationError } from "@/lib/http/errors";
import { requestIdSchema, type ApiRequestLogEntry, type ApiRequestLogPage, type RequestLogQuery } from "@/lib/schemas/api-traffic";

const requestIdParamSchema = z.object({ request_id: requestIdSchema });

const withKey = { key: { select: { id: true, prefix: true, last4: true } } } as const;
type LogRow = Prisma.ApiRequestLogGetPayload<{ include: typeof withKey }>;

function toEntry(row: LogRow): ApiRequestLogEntry {
  return {
    request_id: row.id,
    created_at: row.createdAt.toISOString(),
    key: { id: row.key.id, prefix: row.key.prefix, last4: row.key.last4 },
    mode: row.mode === "live" ? "live" : "test",
    method: row.method,
    route: row.route,
    path: row.path,
    status: row.status,
    latency_ms: row.latencyMs,
    ip: row.ip,
    user_agent: row.userAgent,
    error_code: row.errorCode,
  };
}

/** "429" → that status; "4xx" → 400–499. The schema has checked the shape. */
function statusFilter(status: string): Prisma.IntFilter | number {
  if (status.endsWith("xx")) {
    const base = Number(status[0]) * 100;
    return { gte: base, lt: base + 100 };
  }
  return Number(status);
}

/** The log's filters as a where clause, always inside the tenant; `from` inclusive, `to` exclusive. */
function requestLogWhere(tenantId: string, query: RequestLogQuery): Prisma.ApiRequestLogWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (query.from) createdAt.gte = new Date(query.from);
  if (query.to) createdAt.lt = new Date(query.to);
  return {
    tenantId,
    ...(query.status ? { status: statusFilter(query.status) } : {}),
    ...(query.key_id ? { keyId: query.key_id } : {}),
    ...(query.route ? { route: query.route } : {}),
    ...(query.mode ? { mode: query.mode } : {}),
    ...(query.from || query.to ? { createdAt } : {}),
  };
}

/**
 * The tenant's platform API requests, newest first, keyset-paginated on
 * (createdAt, id) as the other long lists are: the cursor is the last
 * request id of the previous page, and must be one of this tenant's.
 */
export async function listApiRequests(tenantId: string, query: RequestLogQuery): Promise<ApiRequestLogPage> {
  const where = requestLogWhere(tenantId, query);
  let before: Prisma.ApiRequestLogWhereInput = {};
  if (query.cursor) {
    const anchor = await prisma.apiRequestLog.findFirst({ where: { id: query.cursor, tenantId }, select: { id: true, createdAt: true } });
    if (!anchor) throw apiError("invalid_cursor");
    before = { OR: [{ createdAt: { lt: anchor.createdAt } }, { createdAt: anchor.createdAt, id: { lt: anchor.id } }] };
  }
  const rows = await prisma.apiRequestLog.findMany({
    where: { AND: [where, before] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: withKey,
  });
  const page = rows.slice(0, query.limit);
  return { data: page.map(toEntry), next_cursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
}

/** One logged request of the tenant; another tenant's request id is not found. */
export async function getApiRequest(tenantId: string, requestId: string): Promise<ApiRequestLogEntry> {
  // Something that cannot be a request id (a payment id pasted by mistake) says so, rather than "not found".
  const parsed = requestIdParamSchema.safeParse({ request_id: requestId });
  if (!parsed.success) throw validationError(parsed.error);
  const row = await prisma.apiRequestLog.findFirst({ where: { id: requestId, tenantId }, include: withKey });
  if (!row) throw apiError("not_found", "No request with this id in the last 7 days.");
  return toEntry(row);
}
