// GET /api/v1/auth/tenants/payments/export/ — any member: the filtered payments as a CSV file
import { apiRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { exportTenantPaymentsCsv } from "@/lib/payments/portal";
import { portalPaymentsExportQuerySchema } from "@/lib/schemas/payments";

export const GET = apiRoute({ access: "member", query: portalPaymentsExportQuerySchema }, async ({ caller, query }) => {
  const { csv, rows, truncated } = await exportTenantPaymentsCsv(caller.tenantId, query);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="payments-${day}.csv"`,
      "x-export-rows": String(rows),
      "x-export-truncated": String(truncated),
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
