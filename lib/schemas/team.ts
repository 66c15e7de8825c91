import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { emailSchema, passwordSchema } from "@/lib/schemas/auth";
import { personNameSchema } from "@/lib/schemas/text";

// Shared by the team route handlers and the /team and /invite forms.

export const roleSchema = z.enum(ROLES);

export const inviteMemberSchema = z.strictObject({
  email: emailSchema,
  role: roleSchema,
});
export type InviteMemberInput = z.infer<typeof inviteMemberSchema>;

export const changeRoleSchema = z.strictObject({ role: roleSchema });
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

// The token is 32 random bytes as base64url: 43 characters.
const invitationTokenSchema = z.string().trim().min(1, "The invitation link is incomplete.").max(200);

export const invitationLookupSchema = z.strictObject({ token: invitationTokenSchema });

/**
 * Signed in: the token alone. Otherwise the password too: it creates the
 * account (with name), or proves who the existing account holder is.
 */
export const acceptInvitationSchema = z.strictObject({
  token: invitationTokenSchema,
  name: personNameSchema.optional(),
  // Checked as a new password (length rules) only when it creates the account.
  password: z.string().min(1, "Enter your password.").max(1024).optional(),
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

/** The new-account half of accepting, for the /invite form. */
export const invitationSignupSchema = z.strictObject({
  name: personNameSchema,
  password: passwordSchema,
});

/** The existing-account half, for the /invite form. */
export const invitationPasswordSchema = z.strictObject({
  password: z.string().min(1, "Enter your password.").max(1024),
});

export const switchTenantSchema = z.strictObject({ tenant_id: z.string().trim().min(1).max(100) });
export type SwitchTenantInput = z.infer<typeof switchTenantSchema>;
