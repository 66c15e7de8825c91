import { z } from "zod";

// Shared by the two-factor route handlers and the forms that call them.

/** What an authenticator app shows: 6 digits (a space in the middle, as apps print it, is allowed). */
export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{3}\s?\d{3}$/, "Enter the 6-digit code from your authenticator app.")
  .transform((code) => code.replace(/\s/g, ""));

/** A recovery code as printed ("xxxxx-xxxxx"); case, spaces and dashes are forgiven when it is checked. */
export const recoveryCodeSchema = z.string().trim().min(1, "Enter a recovery code.").max(64);

export const twoFactorCodeSchema = z.strictObject({ code: totpCodeSchema });
export type TwoFactorCodeInput = z.infer<typeof twoFactorCodeSchema>;

/** Exactly one of a current code or the account's password. */
export const disableTwoFactorSchema = z
  .strictObject({
    code: totpCodeSchema.optional(),
    password: z.string().min(1, "Enter your password.").max(1024).optional(),
  })
  .refine((input) => (input.code === undefined) !== (input.password === undefined), {
    message: "Send either code (from your authenticator app) or password, not both.",
    path: [],
  });
export type DisableTwoFactorInput = z.infer<typeof disableTwoFactorSchema>;

/** The second step of a sign-in: the challenge from the first, and either a code or a recovery code. */
export const twoFactorSignInSchema = z
  .strictObject({
    challenge_token: z.string().min(1, "The challenge is missing.").max(200),
    code: totpCodeSchema.optional(),
    recovery_code: recoveryCodeSchema.optional(),
  })
  .refine((input) => (input.code === undefined) !== (input.recovery_code === undefined), {
    message: "Send either code (from your authenticator app) or recovery_code, not both.",
    path: [],
  });
export type TwoFactorSignInInput = z.infer<typeof twoFactorSignInSchema>;

export const twoFactorRequirementSchema = z.strictObject({ required: z.boolean() });
export type TwoFactorRequirementInput = z.infer<typeof twoFactorRequirementSchema>;
