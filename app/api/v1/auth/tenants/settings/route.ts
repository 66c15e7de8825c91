// GET|PUT /api/v1/auth/tenants/settings/ — any member reads the tenant's currencies; admin+ changes them
import { apiRoute } from "@/lib/http/route";
import { currencySettingsSchema } from "@/lib/schemas/settings";
import { getCurrencySettings, updateCurrencySettings } from "@/lib/tenants/settings";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "member" }, async ({ caller }) => {
  return Response.json(await getCurrencySettings(caller.tenantId));
});

export const PUT = apiRoute({ access: "admin", body: currencySettingsSchema }, async ({ caller, body, meta }) => {
  return Response.json(await updateCurrencySettings(caller, body, meta));
});

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods({ GET, PUT });
