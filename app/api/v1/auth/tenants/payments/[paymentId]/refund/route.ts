// POST /api/v1/auth/tenants/payments/{payment_id}/refund/ — admin+: refund all or part of a succeeded payment, audited
import { apiRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { refundTenantPayment } from "@/lib/payments/portal";
import { portalRefundBodySchema, type PortalRefundInput } from "@/lib/schemas/payments";

export const POST = apiRoute<"admin", PortalRefundInput, undefined, { paymentId: string }>(
  { access: "admin", body: portalRefundBodySchema },
  async ({ caller, body, params, meta }) => Response.json(await refundTenantPayment(caller, params.paymentId, body, meta), { status: 201 }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
