// GET /api/v1/platform/tenants/ — platform operators: every tenant, newest first, searchable
import { apiRoute } from "@/lib/http/route";
import { platformTenantsQuerySchema } from "@/lib/schemas/platform";
import { listPlatformTenants } from "@/lib/platform/tenants";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "platform_admin", query: platformTenantsQuerySchema }, async ({ query }) => {
  return Response.json(await listPlatformTenants(query));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
