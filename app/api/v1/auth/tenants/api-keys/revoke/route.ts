// POST /api/v1/auth/tenants/api-keys/revoke/ — owner only: emergency revocation, no replacement
import { apiRoute } from "@/lib/http/route";
import { revokeApiKeys } from "@/lib/api-keys/api-keys";
import { revokeApiKeysSchema } from "@/lib/schemas/api-keys";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "owner", body: revokeApiKeysSchema }, async ({ caller, body, meta }) => {
  return Response.json(await revokeApiKeys(caller, body, meta));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
