import { z } from "zod";
import { humanTextSchema, personNameSchema } from "@/lib/schemas/text";

// Shared by the route handlers and the sign-up / sign-in forms.

export const emailSchema = z
  .email({ message: "Enter a valid email address." })
  .max(254)
  .transform((email) => email.trim().toLowerCase());

export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(128, "Use at most 128 characters.");

export const registerSchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  name: personNameSchema,
  tenant_name: humanTextSchema({ min: 2, max: 100, minMessage: "Enter your organisation's name." }),
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z.strictObject({
  email: emailSchema,
  // Any length is accepted here: a wrong password must look like a wrong password.
  password: z.string().min(1, "Enter your password.").max(1024),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const forgotPasswordSchema = z.strictObject({ email: emailSchema });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;

/** The new password follows the sign-up rules; the token is the one from the mailed link. */
export const resetPasswordSchema = z.strictObject({
  token: z.string().min(1, "The link is incomplete.").max(200),
  password: passwordSchema,
});
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;
