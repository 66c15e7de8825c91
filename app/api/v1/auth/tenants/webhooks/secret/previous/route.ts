// DELETE /api/v1/auth/tenants/webhooks/secret/previous/ — admin+: "Expire now", deletes the rotated-out secret before its grace period ends
import { apiRoute } from "@/lib/http/route";
import { expirePreviousSecretNow } from "@/lib/webhooks/secret-rotation";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const DELETE = apiRoute({ access: "admin" }, async ({ caller, meta }) => {
  return Response.json(await expirePreviousSecretNow(caller, meta));
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
