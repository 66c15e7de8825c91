// POST /api/v1/refunds/ — platform API, secret key: refund all or part of a succeeded payment (Idempotency-Key honoured)
import { apiRoute } from "@/lib/http/route";
import { withIdempotency } from "@/lib/http/idempotency";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { createRefund } from "@/lib/payments/refunds";
import { createRefundBodySchema } from "@/lib/schemas/payments";

export const POST = apiRoute({ access: "api_key", body: createRefundBodySchema }, async ({ caller, body, req }) =>
  withIdempotency(caller, req, "POST /api/v1/refunds/", body, async () => Response.json(await createRefund(caller, body), { status: 201 })),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
