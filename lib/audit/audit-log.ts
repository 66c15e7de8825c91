import { databaseTarget, prisma, type Prisma, type TransactionClient } from "@/lib/db";
import type { RequestMeta } from "@/lib/http/request-meta";
import { AUDIT_ACTOR_KINDS, dateBoundEnd, dateBoundStart, type AuditLogFilters, type AuditLogQuery } from "@/lib/schemas/audit";
import { csvCell } from "@/lib/csv";
import { displayIp } from "@/lib/http/display-ip";
import { apiError } from "@/lib/http/errors";
import { redactDeep, redactSecrets } from "@/lib/audit/redact";
import { AUDIT_SEVERITY, auditActionLabel, auditActionsInCategory, auditActionsMatching, defaultAuditSeverity, type AuditAction, type AuditSeverity } from "@/lib/audit/actions";
import { asStatus } from "@/lib/statuses";

export type AuditActor =
  | { type: "user"; userId: string; label?: string }
  | { type: "system" | "stripe" | "anonymous"; label?: string };

/** The signed-in person as an audit actor. */
export function userActor(caller: { userId: string; email: string }): AuditActor {
  return { type: "user", userId: caller.userId, label: caller.email };
}

export type AuditEntryInput = {
  tenantId: string | null;
  actor: AuditActor;
  action: AuditAction;
  target?: { type: string; id: string };
  reason?: string;
  /** Only where one action's weight depends on the event; otherwise the registry's. */
  severity?: AuditSeverity;
  meta?: RequestMeta;
  metadata?: Record<string, unknown>;
};

type Db = TransactionClient | typeof prisma;

/** Append-only. Call it with the transaction that makes the change, so both land or neither. */
export async function recordAudit(db: Db, entry: AuditEntryInput): Promise<void> {
  await db.auditLog.create({
    data: {
      tenantId: entry.tenantId,
      actorType: entry.actor.type,
      actorUserId: entry.actor.type === "user" ? entry.actor.userId : null,
      actorLabel: entry.actor.label ?? null,
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      // Defence in depth: free text never carries a secret into the log.
      reason: entry.reason === undefined ? null : redactSecrets(entry.reason),
      severity: entry.severity ?? defaultAuditSeverity(entry.action),
      ip: entry.meta?.ip ?? null,
      userAgent: entry.meta?.userAgent ?? null,
      metadata: entry.metadata === undefined ? undefined : (redactDeep(entry.metadata) as object),
    },
  });
}

export type AuditLogView = {
  id: string;
  action: string;
  severity: AuditSeverity;
  actor: { type: string; user_id: string | null; name: string | null; email: string | null; label: string | null };
  target: { type: string; id: string } | null;
  reason: string | null;
  ip: string | null;
  user_agent: string | null;
  metadata: unknown;
  created_at: string;
};

type AuditRow = Awaited<ReturnType<typeof prisma.auditLog.findMany<{ include: typeof withActor }>>>[number];
const withActor = { actorUser: { select: { id: true, name: true, email: true } } } as const;

function toAuditLogView(row: AuditRow): AuditLogView {
  return {
    id: row.id,
    action: row.action,
    severity: asStatus(AUDIT_SEVERITY, row.severity),
    actor: {
      type: row.actorType,
      user_id: row.actorUserId,
      name: row.actorUser?.name ?? null,
      email: row.actorUser?.email ?? null,
      label: row.actorLabel,
    },
    target: row.targetType && row.targetId ? { type: row.targetType, id: row.targetId } : null,
    reason: row.reason,
    ip: row.ip,
    user_agent: row.userAgent,
    metadata: row.metadata ?? null,
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * Free text, matched in the database ignoring case: SQLite's LIKE already
 * folds ASCII case, PostgreSQL needs to be asked.
 */
function containsText(text: string): { contains: string } {
  return databaseTarget().provider === "postgresql" ? ({ contains: text, mode: "insensitive" } as { contains: string }) : { contains: text };
}

/** The filters as one tenant's where clause; every condition is ANDed under the tenant. */
export function auditLogWhere(tenantId: string, filters: AuditLogFilters): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [{ tenantId }];
  if (filters.action) and.push({ action: filters.action });
  if (filters.category) and.push({ action: { in: auditActionsInCategory(filters.category) } });
  if (filters.severity) and.push({ severity: filters.severity });
  if (filters.actor) {
    and.push((AUDIT_ACTOR_KINDS as readonly string[]).includes(filters.actor) ? { actorType: filters.actor } : { actorType: "user", actorUserId: filters.actor });
  }
  if (filters.from) and.push({ createdAt: { gte: dateBoundStart(filters.from) } });
  if (filters.to) and.push({ createdAt: { lte: dateBoundEnd(filters.to) } });
  if (filters.q) {
    const text = containsText(filters.q);
    and.push({
      OR: [
        { action: { in: auditActionsMatching(filters.q) } },
        { actorLabel: text },
        { actorUser: { is: { name: text } } },
        { actorUser: { is: { email: text } } },
        { targetId: text },
        { reason: text },
      ],
    });
  }
  return { AND: and };
}

/** Rows strictly older than the anchor in the log's order (newest first, id breaking ties). */
const olderThan = (anchor: { createdAt: Date; id: string }): Prisma.AuditLogWhereInput => ({
  OR: [{ createdAt: { lt: anchor.createdAt } }, { createdAt: anchor.createdAt, id: { lt: anchor.id } }],
});

/**
 * Whether the row really holds the free text. The database's LIKE reads `_`
 * and `%` in the text as wildcards, so what it finds is a superset; this
 * keeps only the rows that contain the text as typed.
 */
function holdsText(row: AuditRow, text: string): boolean {
  const needle = text.toLowerCase();
  if ((auditActionsMatching(text) as string[]).includes(row.action)) return true;
  return [row.actorLabel, row.actorUser?.name, row.actorUser?.email, row.targetId, row.reason].some((value) => value?.toLowerCase().includes(needle));
}

const SCAN_BATCH = 500;

/**
 * Up to `take` rows of the filtered log after the anchor, newest first. Free
 * text is checked again on each batch the database returns; the next batch
 * starts after the last row read, so the walk stays in the log's order and
 * never holds more than a batch.
 */
async function readFiltered(where: Prisma.AuditLogWhereInput, filters: AuditLogFilters, after: { createdAt: Date; id: string } | null, take: number): Promise<AuditRow[]> {
  // Only text with a character LIKE treats specially (`%`, `_`, and `\` on PostgreSQL) can make the
  // database find more than the text; any other text is matched exactly there, in one read.
  const recheck = filters.q !== undefined && /[%_\\]/.test(filters.q) ? filters.q : null;
  const found: AuditRow[] = [];
  let anchor = after;
  for (;;) {
    const batch = recheck ? Math.max(take - found.length, SCAN_BATCH) : take - found.length;
    const rows: AuditRow[] = await prisma.auditLog.findMany({
      where: anchor ? { AND: [where, olderThan(anchor)] } : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: batch,
      include: withActor,
    });
    for (const row of rows) {
      if (recheck && !holdsText(row, recheck)) continue;
      found.push(row);
      if (found.length === take) return found;
    }
    const last = rows.at(-1);
    if (rows.length < batch || !last) return found;
    anchor = { createdAt: last.createdAt, id: last.id };
  }
}

/** Newest first, cursor-paginated, always scoped to one tenant; the cursor stays valid whatever the filters. */
export async function listAuditLogs(tenantId: string, query: AuditLogQuery) {
  let anchor: { createdAt: Date; id: string } | null = null;
  if (query.cursor) {
    anchor = await prisma.auditLog.findFirst({ where: { id: query.cursor, tenantId }, select: { id: true, createdAt: true } });
    if (!anchor) throw apiError("invalid_cursor");
  }
  const rows = await readFiltered(auditLogWhere(tenantId, query), query, anchor, query.limit + 1);
  const page = rows.slice(0, query.limit);
  return { data: page.map(toAuditLogView), next_cursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
}

/** One entry of the tenant's log; another tenant's is as absent as a made-up id. */
export async function getAuditLogEntry(tenantId: string, id: string): Promise<AuditLogView> {
  const row = await prisma.auditLog.findFirst({ where: { id, tenantId }, include: withActor });
  if (!row) throw apiError("not_found", "No audit log entry with this id.");
  return toAuditLogView(row);
}

/** Who may appear in the actor filter: the tenant's people, anyone the log names who has since left, and the kinds that are no one. */
export async function listAuditActors(tenantId: string): Promise<{ value: string; label: string }[]> {
  const [members, logged] = await Promise.all([
    prisma.membership.findMany({ where: { tenantId }, include: { user: { select: { id: true, name: true, email: true } } }, orderBy: { createdAt: "asc" } }),
    prisma.auditLog.findMany({ where: { tenantId, actorType: "user", actorUserId: { not: null } }, distinct: ["actorUserId"], select: { actorUser: { select: { id: true, name: true, email: true } } } }),
  ]);
  const people = new Map<string, { id: string; name: string; email: string }>();
  for (const membership of members) people.set(membership.user.id, membership.user);
  for (const row of logged) if (row.actorUser && !people.has(row.actorUser.id)) people.set(row.actorUser.id, row.actorUser);
  return [
    ...[...people.values()].map((user) => ({ value: user.id, label: user.name ? `${user.name} (${user.email})` : user.email })),
    { value: "system", label: "System" },
    { value: "stripe", label: "Stripe" },
    { value: "anonymous", label: "Unknown account" },
  ];
}

export const AUDIT_CSV_COLUMNS = ["id", "created_at", "action", "action_label", "severity", "actor_type", "actor_user_id", "actor_name", "actor_email", "target_type", "target_id", "reason", "ip", "user_agent", "metadata"] as const;
const AUDIT_CSV_PAGE = 500;

function auditCsvLine(row: AuditRow): string {
  const view = toAuditLogView(row);
  return [
    csvCell(view.id, { trusted: true }),
    csvCell(view.created_at, { trusted: true }),
    csvCell(view.action, { trusted: true }),
    csvCell(auditActionLabel(view.action)),
    csvCell(view.severity, { trusted: true }),
    csvCell(view.actor.type),
    csvCell(view.actor.user_id ?? ""),
    csvCell(view.actor.name ?? view.actor.label ?? ""),
    csvCell(view.actor.email ?? ""),
    csvCell(view.target?.type ?? ""),
    csvCell(view.target?.id ?? ""),
    csvCell(view.reason ?? ""),
    csvCell(view.ip ? displayIp(view.ip) : ""),
    csvCell(view.user_agent ?? ""),
    csvCell(view.metadata === null ? "" : JSON.stringify(view.metadata)),
  ].join(",");
}

/**
 * The filtered log as CSV, newest first, read a page at a time as the reader
 * takes it: the whole log can be exported without holding it in memory.
 */
export function auditLogCsvStream(tenantId: string, filters: AuditLogFilters): ReadableStream<Uint8Array> {
  const where = auditLogWhere(tenantId, filters);
  const encoder = new TextEncoder();
  let anchor: { createdAt: Date; id: string } | null = null;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`${AUDIT_CSV_COLUMNS.join(",")}\r\n`));
        return;
      }
      if (done) return;
      const rows = await readFiltered(where, filters, anchor, AUDIT_CSV_PAGE);
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map((row) => `${auditCsvLine(row)}\r\n`).join("")));
      const last = rows.at(-1);
      if (rows.length < AUDIT_CSV_PAGE || !last) {
        done = true;
        controller.close();
        return;
      }
      anchor = { createdAt: last.createdAt, id: last.id };
    },
  });
}
