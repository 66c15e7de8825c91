// GET /api/v1/platform/tenants/{tenant_id}/ — platform operators: one tenant with the fee schedule that applies to it
import { apiRoute } from "@/lib/http/route";
import { platformTenant } from "@/lib/platform/tenants";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute<"platform_admin", undefined, undefined, { tenantId: string }>({ access: "platform_admin" }, async ({ params }) => {
  return Response.json(await platformTenant(params.tenantId));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
