// GET, PUT /api/v1/platform/fees/default/ — platform operators: the fee schedule of every tenant without one of its own
import { apiRoute } from "@/lib/http/route";
import { platformDefaultFeeSchedule, setPlatformDefaultFeeSchedule } from "@/lib/fees/fee-schedules";
import { feeScheduleSchema } from "@/lib/schemas/fees";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "platform_admin" }, async () => Response.json(await platformDefaultFeeSchedule()));

export const PUT = apiRoute({ access: "platform_admin", body: feeScheduleSchema }, async ({ caller, body, meta }) => {
  return Response.json(await setPlatformDefaultFeeSchedule(body, { operator: caller, meta }));
});

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods({ GET, PUT });
