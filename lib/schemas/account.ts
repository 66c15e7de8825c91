import { z } from "zod";
import { emailSchema, passwordSchema } from "@/lib/schemas/auth";
import { humanTextSchema, personNameSchema } from "@/lib/schemas/text";

// Shared by the profile and organization route handlers and the /settings forms.

/** A mailed email confirmation link's token (32 random bytes as base64url: 43 characters). */
export const verifyEmailSchema = z.strictObject({
  token: z.string().trim().min(1, "The link is incomplete.").max(200),
});
export type VerifyEmailInput = z.infer<typeof verifyEmailSchema>;

export const updateProfileSchema = z.strictObject({ name: personNameSchema });
export type UpdateProfileInput = z.infer<typeof updateProfileSchema>;

export const changeEmailSchema = z.strictObject({
  email: emailSchema,
  // Any length: a wrong password must look like a wrong password.
  current_password: z.string().min(1, "Enter your current password.").max(1024),
});
export type ChangeEmailInput = z.infer<typeof changeEmailSchema>;

export const changePasswordSchema = z
  .strictObject({
    current_password: z.string().min(1, "Enter your current password.").max(1024),
    new_password: passwordSchema,
  })
  .refine((input) => input.current_password !== input.new_password, { path: ["new_password"], message: "Choose a password different from the current one." });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;


export const renameTenantSchema = z.strictObject({
  name: humanTextSchema({ min: 2, max: 100, minMessage: "Enter the organisation's name." }),
});
export type RenameTenantInput = z.infer<typeof renameTenantSchema>;
