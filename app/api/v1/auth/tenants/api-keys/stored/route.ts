// POST /api/v1/auth/tenants/api-keys/stored/ — owner only: the new secrets shown once were stored
import { apiRoute } from "@/lib/http/route";
import { markSecretsStored } from "@/lib/api-keys/api-keys";
import { storedApiKeysSchema } from "@/lib/schemas/api-keys";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "owner", body: storedApiKeysSchema }, async ({ caller, body }) => {
  return Response.json(await markSecretsStored(caller, body));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
