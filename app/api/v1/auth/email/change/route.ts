// POST /api/v1/auth/email/change/ — member+: mails a link to a new address; the account moves there when it is followed
import { apiRoute } from "@/lib/http/route";
import { changeEmailSchema } from "@/lib/schemas/account";
import { requestEmailChange } from "@/lib/auth/email-verification";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = apiRoute({ access: "member", body: changeEmailSchema }, async ({ caller, body, meta }) => {
  return Response.json(await requestEmailChange(caller, body, meta), { status: 202 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
