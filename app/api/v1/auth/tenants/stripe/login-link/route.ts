// POST /api/v1/auth/tenants/stripe/login-link/ — admin+: a single-use link to the connected account's Express dashboard
import { apiRoute } from "@/lib/http/route";
import { createDashboardLoginLink } from "@/lib/stripe/express-dashboard";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "admin" }, async ({ caller, meta }) => {
  return Response.json(await createDashboardLoginLink(caller, meta));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
