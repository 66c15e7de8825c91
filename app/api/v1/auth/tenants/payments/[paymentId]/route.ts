// GET /api/v1/auth/tenants/payments/{payment_id}/ — any member: a payment with its refunds, webhook events and timeline
import { apiRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { getTenantPaymentDetail } from "@/lib/payments/portal";

export const GET = apiRoute<"member", undefined, undefined, { paymentId: string }>({ access: "member" }, async ({ caller, params }) => {
  return Response.json(await getTenantPaymentDetail(caller.tenantId, params.paymentId));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
