// GET /api/v1/auth/tenants/audit-logs/export/ — admin+: the filtered audit log as a CSV file, every page
import { apiRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { auditLogCsvStream } from "@/lib/audit/audit-log";
import { auditLogExportQuerySchema } from "@/lib/schemas/audit";

export const GET = apiRoute({ access: "admin", query: auditLogExportQuerySchema }, async ({ caller, query }) => {
  const day = new Date().toISOString().slice(0, 10);
  return new Response(auditLogCsvStream(caller.tenantId, query), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-log-${day}.csv"`,
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
