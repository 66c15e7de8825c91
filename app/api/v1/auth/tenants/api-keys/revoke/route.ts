// POST /api/v1/auth/tenants/api-keys/revoke/ — owner only: emergency revocation, no replacement
import { apiRoute } from "@/lib/http/route";
import { revokeApiKeys } from "@/lib/api-keys/api-keys";
import { revokeApiKeysSchema } from "@/lib/schemas/api-keys";

export const POST = apiRoute({ access: "owner", body: revokeApiKeysSchema }, async ({ caller, body, meta }) => {
  return Response.json(await revokeApiKeys(caller, body, meta));
});
