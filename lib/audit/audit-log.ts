import { prisma, type TransactionClient } from "@/lib/db";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { AuditLogQuery } from "@/lib/schemas/audit";
import { apiError } from "@/lib/http/errors";
import { redactDeep, redactSecrets } from "@/lib/audit/redact";
import { AUDIT_SEVERITY, defaultAuditSeverity, type AuditAction, type AuditSeverity } from "@/lib/audit/actions";
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

/** Newest first, cursor-paginated, always scoped to one tenant. */
export async function listAuditLogs(tenantId: string, query: AuditLogQuery) {
  const where = { tenantId, ...(query.action ? { action: query.action } : {}) };
  if (query.cursor) {
    const anchor = await prisma.auditLog.findFirst({ where: { id: query.cursor, tenantId }, select: { id: true } });
    if (!anchor) throw apiError("invalid_cursor");
  }
  const rows = await prisma.auditLog.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    include: { actorUser: { select: { id: true, name: true, email: true } } },
  });
  const page = rows.slice(0, query.limit);
  const data: AuditLogView[] = page.map((row) => ({
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
  }));
  return { data, next_cursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
}
