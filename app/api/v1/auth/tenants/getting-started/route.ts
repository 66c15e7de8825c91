// GET /api/v1/auth/tenants/getting-started/ — admin+: the "Get started" checklist, decided from the tenant's data
import { apiRoute } from "@/lib/http/route";
import { getGettingStarted } from "@/lib/onboarding/getting-started";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "admin" }, async ({ caller }) => {
  return Response.json(await getGettingStarted(caller));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
