// POST /api/v1/payments/{payment_id}/confirm/ — platform API, secret key: confirm with a payment method (Idempotency-Key honoured)
import { apiRoute } from "@/lib/http/route";
import { withIdempotency } from "@/lib/http/idempotency";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { confirmPayment } from "@/lib/payments/payments";
import { confirmPaymentBodySchema, type ConfirmPaymentInput } from "@/lib/schemas/payments";

export const POST = apiRoute<"api_key", ConfirmPaymentInput, undefined, { paymentId: string }>(
  { access: "api_key", body: confirmPaymentBodySchema },
  async ({ caller, body, params, req }) =>
    withIdempotency(caller, req, `POST /api/v1/payments/${params.paymentId}/confirm/`, body, async () =>
      Response.json(await confirmPayment(caller, params.paymentId, body)),
    ),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
