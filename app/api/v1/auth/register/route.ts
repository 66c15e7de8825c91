// POST /api/v1/auth/register/ — public: creates a tenant (pending), its owner and first API keys
import { apiRoute } from "@/lib/http/route";
import { registerSchema } from "@/lib/schemas/auth";
import { registerTenant } from "@/lib/tenants/register-tenant";
import { issueAccessToken } from "@/lib/auth/tokens";
import { toTenantView, toUserView } from "@/lib/tenants/views";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "public", body: registerSchema }, async ({ body, meta }) => {
  const { user, tenant, membership, apiKeys } = await registerTenant(body, meta);
  const token = await issueAccessToken(user, tenant.id);
  return Response.json(
    { user: toUserView(user), tenant: toTenantView(tenant), role: membership.role, ...token, api_keys: apiKeys },
    { status: 201 },
  );
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
