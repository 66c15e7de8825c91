// GET /api/v1/auth/tenants/audit-logs/ — admin+: the tenant's audit log, newest first
import { apiRoute } from "@/lib/http/route";
import { auditLogQuerySchema } from "@/lib/schemas/audit";
import { listAuditLogs } from "@/lib/audit/audit-log";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "admin", query: auditLogQuerySchema }, async ({ caller, query }) => {
  return Response.json(await listAuditLogs(caller.tenantId, query));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
