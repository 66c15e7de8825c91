// GET|PATCH /api/v1/auth/profile/ — member+: the caller's own account (name, email and its confirmation, a pending email change); PATCH renames
import { apiRoute } from "@/lib/http/route";
import { updateProfileSchema } from "@/lib/schemas/account";
import { getProfile, updateProfileName } from "@/lib/account/profile";
import { otherMethods } from "@/lib/http/method-not-allowed";

// The profile page is where a member held at enrolment sets two-factor up: it must load for them.
export const GET = apiRoute({ access: "member", beforeTwoFactor: true }, async ({ caller }) => {
  return Response.json(await getProfile(caller));
});

export const PATCH = apiRoute({ access: "member", body: updateProfileSchema }, async ({ caller, body, meta }) => {
  await updateProfileName(caller, body, meta);
  return Response.json(await getProfile(caller));
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods({ GET, PATCH });
