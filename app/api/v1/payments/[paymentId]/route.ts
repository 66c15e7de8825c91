// GET /api/v1/payments/{payment_id}/ — platform API, secret key: one payment of the key's tenant and mode
import { apiRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { getPayment } from "@/lib/payments/payments";

export const GET = apiRoute<"api_key", undefined, undefined, { paymentId: string }>({ access: "api_key" }, async ({ caller, params }) => {
  return Response.json(await getPayment(caller, params.paymentId));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
