// POST /api/v1/auth/tenants/getting-started/dismiss/ — admin+: hides the checklist for the tenant, audited
import { apiRoute } from "@/lib/http/route";
import { dismissGettingStarted } from "@/lib/onboarding/getting-started";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "admin" }, async ({ caller, meta }) => {
  return Response.json(await dismissGettingStarted(caller, meta));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
