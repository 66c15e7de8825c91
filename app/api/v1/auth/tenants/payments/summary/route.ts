// GET /api/v1/auth/tenants/payments/summary/ — any member: succeeded volume and fees per currency and per UTC day
import { apiRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { paymentsSummary } from "@/lib/payments/portal";
import { paymentsSummaryQuerySchema } from "@/lib/schemas/payments";

export const GET = apiRoute({ access: "member", query: paymentsSummaryQuerySchema }, async ({ caller, query }) => {
  return Response.json(await paymentsSummary(caller.tenantId, query));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
