// GET|PUT /api/v1/auth/tenants/two-factor/ — any member reads whether the tenant requires two-factor sign-in; an owner sets it
import { apiRoute } from "@/lib/http/route";
import { twoFactorRequirementSchema } from "@/lib/schemas/two-factor";
import { getTwoFactorRequirement, setTwoFactorRequirement } from "@/lib/tenants/two-factor-requirement";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "member" }, async ({ caller }) => {
  return Response.json(await getTwoFactorRequirement(caller.tenantId));
});

export const PUT = apiRoute({ access: "owner", body: twoFactorRequirementSchema }, async ({ caller, body, meta }) => {
  return Response.json(await setTwoFactorRequirement(caller, body, meta));
});

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods({ GET, PUT });
