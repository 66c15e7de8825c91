// POST /api/v1/auth/tenants/api-keys/regenerate/ — owner only: new keys, secrets shown once
import { apiRoute } from "@/lib/http/route";
import { regenerateApiKeys } from "@/lib/api-keys/api-keys";
import { regenerateApiKeysSchema } from "@/lib/schemas/api-keys";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "owner", body: regenerateApiKeysSchema }, async ({ caller, body, meta }) => {
  return Response.json(await regenerateApiKeys(caller, body, meta), { status: 201 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
