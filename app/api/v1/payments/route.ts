// GET|POST /api/v1/payments/ — platform API, secret key: list the key mode's payments; create one (Idempotency-Key honoured)
import { apiRoute } from "@/lib/http/route";
import { withIdempotency } from "@/lib/http/idempotency";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { createPayment, listPayments } from "@/lib/payments/payments";
import { createPaymentBodySchema, listPaymentsQuerySchema } from "@/lib/schemas/payments";

export const GET = apiRoute({ access: "api_key", query: listPaymentsQuerySchema }, async ({ caller, query }) => {
  return Response.json(await listPayments(caller, query));
});

export const POST = apiRoute({ access: "api_key", body: createPaymentBodySchema }, async ({ caller, body, req }) =>
  withIdempotency(caller, req, "POST /api/v1/payments/", body, async () => Response.json(await createPayment(caller, body), { status: 201 })),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
