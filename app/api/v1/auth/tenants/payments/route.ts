// GET /api/v1/auth/tenants/payments/ — any member: the tenant's payments (both modes, or the one picked), newest first
import { apiRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listTenantPayments } from "@/lib/payments/portal";
import { portalPaymentsQuerySchema } from "@/lib/schemas/payments";

export const GET = apiRoute({ access: "member", query: portalPaymentsQuerySchema }, async ({ caller, query }) => {
  return Response.json(await listTenantPayments(caller.tenantId, query));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
