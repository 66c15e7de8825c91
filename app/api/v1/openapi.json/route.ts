// GET /api/v1/openapi.json/ — public: the OpenAPI 3.1 description of every /api/v1 route, built from the handlers' own schemas
import { apiRoute } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { buildOpenApiDocument } from "@/lib/openapi/document";

export const GET = apiRoute({ access: "public" }, async () => {
  // The same for every caller and until the next deploy: clients and proxies may keep it a while.
  return Response.json(buildOpenApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
