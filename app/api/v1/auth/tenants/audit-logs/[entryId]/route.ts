// GET /api/v1/auth/tenants/audit-logs/{entry_id}/ — admin+: one audit log entry with everything recorded
import { apiRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { getAuditLogEntry } from "@/lib/audit/audit-log";

export const GET = apiRoute<"admin", undefined, undefined, { entryId: string }>({ access: "admin" }, async ({ caller, params }) => {
  return Response.json(await getAuditLogEntry(caller.tenantId, params.entryId));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
